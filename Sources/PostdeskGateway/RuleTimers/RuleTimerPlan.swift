import Foundation
public import PostdeskCore
public import PostdeskRules

/// What the rules in force ask of the timers: the idle durations rules listen to, and the declared schedules some
/// rule listens to. A timer nobody listens to costs nothing.
public struct RuleTimerPlan: Sendable, Equatable {
    /// Distinct `{ticket.idle: D}` durations, shortest first.
    public var idleDurations: [RuleDuration]
    /// Declared schedules with at least one listening rule, in file order.
    public var schedules: [RuleSchedule]

    public init(idleDurations: [RuleDuration], schedules: [RuleSchedule]) {
        self.idleDurations = idleDurations
        self.schedules = schedules
    }

    /// The plan of `document`.
    public init(_ document: RuleDocument) {
        let events = document.rules.rules.flatMap(\.events)
        var durations: Set<RuleDuration> = []
        var names: Set<String> = []
        for event in events {
            switch event {
            case .ticketIdle(let duration): durations.insert(duration)
            case .schedule(let name): names.insert(name)
            default: break
            }
        }
        idleDurations = durations.sorted()
        // A duplicate name is refused by `rules check`; if one slipped through, the first declaration wins.
        var seen: Set<String> = []
        schedules = document.schedules.filter { names.contains($0.name) && seen.insert($0.name).inserted }
    }

    /// The plan of the rules in force: the newest imported document, or the shipped defaults (no timers).
    /// - Throws: ``RuleTimerError`` when the stored document no longer decodes (retrying does not help).
    static func current(in store: any TicketQueries) throws -> RuleTimerPlan {
        guard let stored = try store.ruleDocument() else { return RuleTimerPlan(RuleDocument(rules: .shippedDefaults)) }
        do {
            return RuleTimerPlan(try JSONDecoder().decode(RuleDocument.self, from: stored.json))
        } catch {
            throw RuleTimerError(
                message: "stored rule set version \(stored.version) no longer loads: \(error)", isTransient: false)
        }
    }
}

/// The rule timers could not run a turn.
public struct RuleTimerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// Whether the next turn may succeed without anyone changing anything.
    public var isTransient: Bool

    public var description: String { message }
}
