/// Something wrong in a rules file beyond what decoding catches, with where it is (``path``), found by
/// ``RuleDocumentCheck``.
public struct RuleDocumentProblem: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// A problem of one rule, from ``RuleCheck``.
        case rule(RuleProblem)
        /// A calendar or SLA policy whose name is empty or only spaces.
        case emptyName
        /// An earlier entry of the same section (at `firstIndex`) has this name.
        case duplicateName(firstIndex: Int)
        /// `calendar:` names no entry of `calendars:`.
        case unknownCalendar(String)
        /// An SLA policy with no target measures nothing.
        case noTargets
        /// A `matches:` pattern in an SLA policy's `if:` breaks ``RulePattern``'s limits or does not compile.
        case invalidPattern(pattern: String, reason: String)
        /// `contains_any` or `in` with an empty list (never holds) or an empty word (always holds).
        case emptyWordList(field: String)
        /// An earlier SLA policy (at `afterIndex`) has no `if:`, so it applies to every ticket and this one never.
        case unreachablePolicy(afterIndex: Int)
        /// A rule listens to `{schedule: NAME}` and `schedules:` declares no schedule of that name: it never fires.
        case unknownSchedule(String)
        /// A schedule with `weekdays: []` never fires.
        case noWeekdays
    }

    public var severity: RuleProblem.Severity
    /// Where in the file, e.g. `sla[1].calendar` or `rules[0].then[2].notify.template`.
    public var path: [RuleDocumentPathComponent]
    public var kind: Kind

    public init(severity: RuleProblem.Severity, path: [RuleDocumentPathComponent], kind: Kind) {
        self.severity = severity
        self.path = path
        self.kind = kind
    }

    /// What is wrong, in a sentence that names the rule, calendar or policy.
    public var message: String {
        switch kind {
        case .rule(let problem): "rule \(problem.ruleName.debugDescription): \(problem.message)"
        case .emptyName: "the \(section) has no name"
        case .duplicateName(let first): "the name is already used by \(section) \(first + 1)"
        case .unknownCalendar(let name): "no calendar named \(name.debugDescription) in calendars:"
        case .noTargets: "the policy has no targets (first_response, next_response, resolution), so it measures nothing"
        case .invalidPattern(let pattern, let reason): "matches: \(pattern.debugDescription): \(reason)"
        case .emptyWordList(let field): "\(field): an empty list never matches and an empty word always matches"
        case .unreachablePolicy(let index):
            "never applies: sla policy \(index + 1) has no if:, so it applies to every ticket first"
        case .unknownSchedule(let name):
            "no schedule named \(name.debugDescription) in schedules:, so this event never fires"
        case .noWeekdays: "weekdays: [] names no day, so the schedule never fires (leave it out for every day)"
        }
    }

    /// `calendar`, `schedule` or `sla policy`, from the path's first key.
    private var section: String {
        switch path.first {
        case .key("calendars"): "calendar"
        case .key("schedules"): "schedule"
        default: "sla policy"
        }
    }

    /// `rules[2].then[0]: error: …`.
    public var description: String { "\(path.pathDescription): \(severity.rawValue): \(message)" }
}
