/// Something wrong with one rule of a set, found by ``RuleCheck`` beyond what decoding catches.
///
/// The rule is named by its position (0-based, the order of `rules:`) and name, so `rules check` can point at its
/// YAML lines.
public struct RuleProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Errors refuse the set (it cannot be prepared or imported); warnings are shown and the set still runs.
    public enum Severity: String, Hashable, Sendable, Codable {
        case error, warning
    }

    public enum Kind: Hashable, Sendable, Codable {
        /// The name is empty or only spaces: explanations could not name the rule.
        case emptyName
        /// Another rule, earlier at `firstIndex`, has the same name.
        case duplicateName(firstIndex: Int)
        /// `on:` is empty: the rule never runs.
        case noEvents
        /// A `notify` or `reply` names a template that does not exist (or an empty name).
        case unknownTemplate(String)
        /// A mail to the customer or an outside address uses an operator template (`operator_*`,
        /// `command_refused`), which shows the team, the rule and operators' names: never for people outside.
        case operatorTemplateOutside(String)
        /// A `matches:` pattern breaks ``RulePattern``'s limits or does not compile.
        case invalidPattern(pattern: String, reason: String)
        /// `assign: {to: ""}`.
        case emptyAssignAddress
        /// An `assign` or `notify` address that is not a plain address.
        case invalidAddress(String)
        /// `contains_any` or `in` with an empty list (never holds) or an empty word (always holds).
        case emptyWordList(field: String)
        /// Actions after a `stop` action in the same rule: they never run.
        case actionsAfterStop
        /// Every event this rule listens to is stopped earlier by a rule that always matches and stops.
        case unreachable(afterIndex: Int, afterName: String)
    }

    public var ruleIndex: Int
    public var ruleName: String
    public var severity: Severity
    public var kind: Kind

    public init(ruleIndex: Int, ruleName: String, severity: Severity, kind: Kind) {
        self.ruleIndex = ruleIndex
        self.ruleName = ruleName
        self.severity = severity
        self.kind = kind
    }

    /// What is wrong, in a sentence.
    public var message: String {
        switch kind {
        case .emptyName: "the rule has no name"
        case .duplicateName(let first): "the name is already used by rule \(first + 1)"
        case .noEvents: "the rule listens to no event (on: is empty), so it never runs"
        case .unknownTemplate(let name): "no template named \(name.debugDescription)"
        case .operatorTemplateOutside(let name):
            "\(name.debugDescription) is a template for operators; mail to the customer or another address must "
                + "use a customer template (auto_reply, ticket_created, …)"
        case .invalidPattern(let pattern, let reason): "matches: \(pattern.debugDescription): \(reason)"
        case .emptyAssignAddress: "assign: {to: …} has an empty address"
        case .invalidAddress(let address): "\(address.debugDescription) is not a plain email address"
        case .emptyWordList(let field):
            "\(field): an empty list never matches and an empty word always matches"
        case .actionsAfterStop: "actions after stop never run"
        case .unreachable(let index, let name):
            "never runs: rule \(index + 1) (\(name.debugDescription)) always matches and stops first"
        }
    }

    /// `rule 3 "Billing": error: …`, numbering rules from 1 as people count them.
    public var description: String {
        "rule \(ruleIndex + 1) \(ruleName.debugDescription): \(severity.rawValue): \(message)"
    }
}
