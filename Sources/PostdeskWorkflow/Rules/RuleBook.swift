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
    }

    private let cache = Mutex<Current?>(nil)

    public init() {}

    /// The rules of the newest stored version (one cheap query when it is cached).
    public func current(in store: any TicketQueries) throws -> Current {
        let version = try store.ruleDocumentVersion()
        if let cached = cache.withLock({ $0 }), cached.version == version { return cached }
        let current = try Self.prepare(version: version, in: store)
        cache.withLock { $0 = current }
        return current
    }

    /// The rule set of `version` (0: the shipped defaults), prepared.
    public static func prepare(version: Int64, in store: any TicketQueries) throws -> Current {
        guard version > 0, let stored = try store.ruleDocument(version: version) else {
            return Current(version: 0, rules: try shippedDefaults(), sla: nil)
        }
        do {
            let document = try JSONDecoder().decode(RuleDocument.self, from: stored.json)
            return Current(
                version: version, rules: try PreparedRuleSet(document.rules),
                sla: document.sla.isEmpty ? nil : try SLAPolicyChooser(document))
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
