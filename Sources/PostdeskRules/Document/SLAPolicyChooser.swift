/// Picks the SLA policy of a ticket: the first `sla:` entry of a ``RuleDocument`` whose `if:` holds on the
/// ticket's ``RuleSnapshot``.
///
/// Conditions are prepared and evaluated by the same machinery as rules, so `priority: {in: [high, urgent]}` or
/// `customer_domain: example.ru` mean exactly what they mean in a rule's `if:`. Pure: prepare once per document,
/// ask once per ticket (at creation, and again when a field the conditions read changes).
public struct SLAPolicyChooser: Sendable {
    /// The policy that applies, with the calendar it counts in.
    public struct Choice: Hashable, Sendable {
        /// The entry's position in `sla:`.
        public var index: Int
        public var policy: SLAPolicy
        /// The entry's `calendar:`; nil when it names none.
        public var calendarName: String?
        /// The named calendar; nil when the entry names none, and then every hour counts (open around the clock,
        /// UTC: ``BusinessCalendar/alwaysOpen(timeZone:)``).
        public var calendar: BusinessCalendar?
    }

    /// Each entry's condition (its root in ``program``) and what it chooses.
    private let entries: [(condition: Int32?, choice: Choice)]
    private let program: ConditionProgram
    private let tables: PassTables

    /// Prepares the `sla:` entries of `document`.
    /// - Throws: ``RuleDocumentError`` with the error-severity problems of its `calendars:` and `sla:` sections (an
    ///   unknown calendar, a bad pattern, …); retrying the same document cannot help.
    public init(_ document: RuleDocument) throws(RuleDocumentError) {
        let errors = RuleDocumentCheck.problems(
            in: RuleDocument(rules: RuleSet(rules: []), calendars: document.calendars, sla: document.sla)
        )
        .filter { $0.severity == .error }
        guard errors.isEmpty else { throw RuleDocumentError(problems: errors) }
        let calendars = Dictionary(
            document.calendars.map { ($0.name, $0.calendar) }, uniquingKeysWith: { first, _ in first })
        var entries: [(condition: Int32?, choice: Choice)] = []
        var program = ConditionProgram()
        // Words and patterns shared between entries are looked up once per snapshot, as in a rule set.
        var ids = PreparationIDs()
        for (index, entry) in document.sla.enumerated() {
            var condition: Int32?
            if let written = entry.condition {
                do throws(RulePattern.Problem) {
                    condition = try program.add(written, ids: &ids)
                } catch {
                    // The check above compiled the same patterns; this only runs if the two ever disagree.
                    throw RuleDocumentError(problems: [
                        RuleDocumentProblem(
                            severity: .error, path: [.key("sla"), .index(index), .key("if")],
                            kind: .invalidPattern(pattern: "", reason: error.message))
                    ])
                }
            }
            let choice = Choice(
                index: index, policy: entry.policy, calendarName: entry.calendar,
                calendar: entry.calendar.flatMap { calendars[$0] })
            entries.append((condition, choice))
        }
        self.entries = entries
        self.program = program
        tables = PassTables(ids)
    }

    /// The first entry whose condition holds on `snapshot` (an entry without `if:` always holds); nil when none
    /// does, and then the ticket has no SLA.
    public func policy(for snapshot: RuleSnapshot) -> Choice? {
        var facts = SnapshotFacts(snapshot, tables: tables)
        for entry in entries {
            guard let root = entry.condition else { return entry.choice }
            if program.decide(root, &facts).result { return entry.choice }
        }
        return nil
    }
}

/// A rules document that cannot be used: its error-severity problems, each with where it is.
public struct RuleDocumentError: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [RuleDocumentProblem]

    /// Never: the same document fails the same way until it is edited.
    public var isTransient: Bool { false }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
