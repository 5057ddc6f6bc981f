import Foundation
public import PostdeskCore
public import PostdeskRules
import Synchronization

/// The rules in force, prepared once per imported version and shared by every transaction.
///
/// Preparing compiles every `matches:` pattern, so it is done when the stored version changes, not per mail. With no
/// imported document the shipped defaults (version 0) apply.
public final class RuleBook: Sendable {
    /// The prepared set, the SLA policies, and the version they came from.
    public struct Current: Sendable {
        public var version: Int64
        public var rules: PreparedRuleSet
        /// Picks a ticket's SLA policy; nil when the document has no `sla:` entries.
        public var sla: SLAPolicyChooser?
        /// The document's first calendar: the business hours of a ticket whose SLA policy names none.
        public var defaultCalendar: BusinessCalendar?
        /// The newest stored version, whether or not it loaded (what the cache compares against).
        var newest: Int64 = 0
        /// Why newer versions were passed over; empty when the newest loaded.
        public var unloadable: [String] = []

        /// The business hours `within_business_hours` reads for a ticket as `snapshot` describes it: its SLA
        /// policy's calendar, else the document's first calendar; nil when the document has none.
        public func businessHours(for snapshot: RuleSnapshot) -> BusinessCalendar? {
            sla?.policy(for: snapshot)?.calendar ?? defaultCalendar
        }
    }

    private let cache = Mutex<Current?>(nil)

    public init() {}

    /// The rules of the newest stored version (one cheap query when it is cached).
    public func current(in store: any TicketQueries) throws -> Current {
        let version = try store.ruleDocumentVersion()
        if let cached = cache.withLock({ $0 }), cached.newest == version { return cached }
        var current = try Self.loadable(newest: version, in: store)
        current.newest = version
        cache.withLock { [current] in $0 = current }
        return current
    }

    /// The newest version that still loads, else the shipped defaults. `rules import` checked every stored version,
    /// but a newer program may read an old one differently; mail must keep flowing while an admin re-imports, and
    /// ``Current/unloadable`` says which version was passed over (the runner records it on each ticket).
    static func loadable(newest: Int64, in store: any TicketQueries) throws -> Current {
        var failures: [String] = []
        var version = newest
        while version > 0 {
            do {
                var current = try prepare(version: version, in: store)
                current.unloadable = failures
                return current
            } catch let error as WorkflowError {
                failures.append(error.message)
                version -= 1
            }
        }
        var defaults = try prepare(version: 0, in: store)
        defaults.unloadable = failures
        return defaults
    }

    /// The rule set of `version` (0: the shipped defaults), prepared.
    public static func prepare(version: Int64, in store: any TicketQueries) throws -> Current {
        guard version > 0, let stored = try store.ruleDocument(version: version) else {
            return Current(version: 0, rules: try shippedDefaults(), sla: nil, defaultCalendar: nil)
        }
        do {
            let document = try JSONDecoder().decode(RuleDocument.self, from: stored.json)
            return Current(
                version: version, rules: try PreparedRuleSet(document.rules),
                sla: document.sla.isEmpty ? nil : try SLAPolicyChooser(document),
                defaultCalendar: document.calendars.first?.calendar)
        } catch {
            // `rules import` checked this very document; failing here means a newer program reads an older one
            // differently. Mail must keep flowing: the error names the version so an admin can re-import it.
            throw WorkflowError(
                code: .invalid, message: "stored rule set version \(version) no longer loads: \(error)")
        }
    }

    static func shippedDefaults() throws -> PreparedRuleSet {
        do {
            return try PreparedRuleSet(.shippedDefaults)
        } catch {
            throw WorkflowError(code: .invalid, message: "the shipped default rules do not load: \(error)")
        }
    }
}
