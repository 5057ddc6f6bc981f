import PostdeskCore

/// A ``RuleSet`` checked and made ready to run: patterns compiled, words folded, addresses parsed, once.
///
/// Prepare a set when it is imported or loaded and evaluate it many times; evaluation compiles nothing.
public struct PreparedRuleSet: Sendable {
    /// The set as written.
    public let ruleSet: RuleSet
    /// Problems that do not stop the set from running (``RuleProblem/Severity/warning``).
    public let warnings: [RuleProblem]
    let rules: [PreparedRule]

    /// Checks `ruleSet` with ``RuleCheck`` and prepares it.
    /// - Parameters:
    ///   - ruleSet: the rules, in order.
    ///   - templates: the template names that exist; nil skips that check.
    /// - Throws: ``RuleSetError`` with every error-severity problem; retrying the same set cannot help.
    public init(_ ruleSet: RuleSet, templates: Set<String>? = nil) throws(RuleSetError) {
        let problems = RuleCheck.problems(in: ruleSet, templates: templates)
        let errors = problems.filter { $0.severity == .error }
        guard errors.isEmpty else { throw RuleSetError(problems: errors) }
        var rules: [PreparedRule] = []
        rules.reserveCapacity(ruleSet.rules.count)
        for (index, rule) in ruleSet.rules.enumerated() {
            do throws(RulePattern.Problem) {
                rules.append(try PreparedRule(rule, index: index))
            } catch {
                // RuleCheck compiled the same patterns, so this is unreachable unless the two disagree.
                let pattern = rule.condition.map { "\($0)" } ?? ""
                throw RuleSetError(problems: [
                    RuleProblem(
                        ruleIndex: index, ruleName: rule.name, severity: .error,
                        kind: .invalidPattern(pattern: pattern, reason: error.message))
                ])
            }
        }
        self.ruleSet = ruleSet
        self.rules = rules
        warnings = problems
    }
}

/// A rule set that cannot run: its error-severity problems, each naming the rule.
public struct RuleSetError: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [RuleProblem]

    /// Never: the same rules fail the same way until they are edited.
    public var isTransient: Bool { false }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// One rule made ready to run.
struct PreparedRule: Sendable {
    let reference: RuleReference
    let events: [RuleEvent]
    let condition: PreparedCondition?
    /// Each action with its effect; nil for `stop`.
    let actions: [(action: RuleAction, effect: Effect?)]
    let stop: Bool

    /// Prepares `rule`, whose addresses ``RuleCheck`` has already accepted.
    init(_ rule: Rule, index: Int) throws(RulePattern.Problem) {
        reference = RuleReference(index: index, name: rule.name)
        events = rule.events
        if let condition = rule.condition {
            self.condition = try PreparedCondition(condition)
        } else {
            self.condition = nil
        }
        actions = rule.actions.map { ($0, Self.effect(of: $0)) }
        stop = rule.stop
    }

    /// The effect of `action`; nil for `stop` (and for an address RuleCheck would have refused).
    static func effect(of action: RuleAction) -> Effect? {
        switch action {
        case .setTeam(let team): .setTeam(team)
        case .setPriority(let priority): .setPriority(priority)
        case .setStatus(let status): .setStatus(status)
        case .addTags(let tags): .addTags(tags)
        case .removeTags(let tags): .removeTags(tags)
        case .assign(.address(let address)): EmailAddress(address).map { .assign(.to($0)) }
        case .assign(.roundRobin): .assign(.roundRobin)
        case .assign(.leastOpen): .assign(.leastOpen)
        case .notify(let recipient, let template):
            switch recipient {
            case .assignee: .notify(.assignee, template: template)
            case .team: .notify(.team, template: template)
            case .watchers: .notify(.watchers, template: template)
            case .customer: .notify(.customer, template: template)
            case .address(let address): EmailAddress(address).map { .notify(.address($0), template: template) }
            }
        case .reply(let template): .reply(template: template)
        case .addNote(let text): .addNote(text: text)
        case .stop: nil
        }
    }
}
