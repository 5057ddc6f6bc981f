import PostdeskCore

/// Validates a ``RuleSet`` beyond decoding: what `rules check FILE` prints and what `rules import` refuses.
///
/// Errors: an empty or duplicate name, a rule listening to nothing, an unknown template (when the caller gives the
/// list), a `matches:` pattern that breaks ``RulePattern``'s limits or does not compile, an empty or malformed
/// address. Warnings: a rule that can never run after a rule that always matches and stops, actions after `stop`,
/// an empty word list.
public enum RuleCheck {
    /// Every problem of `ruleSet`, in rule order.
    /// - Parameters:
    ///   - ruleSet: the rules as decoded.
    ///   - templates: the template names that exist; nil skips that check (only empty names are reported).
    public static func problems(in ruleSet: RuleSet, templates: Set<String>? = nil) -> [RuleProblem] {
        var problems: [RuleProblem] = []
        var firstIndexByName: [String: Int] = [:]
        // Earlier rules that always match and stop, with the events they stop.
        var stoppers: [(index: Int, name: String, events: Set<RuleEvent>)] = []

        for (index, rule) in ruleSet.rules.enumerated() {
            func report(_ severity: RuleProblem.Severity, _ kind: RuleProblem.Kind) {
                problems.append(RuleProblem(ruleIndex: index, ruleName: rule.name, severity: severity, kind: kind))
            }
            let trimmed = rule.name.trimmingSpaces
            if trimmed.isEmpty {
                report(.error, .emptyName)
            } else if let first = firstIndexByName[String(trimmed)] {
                report(.error, .duplicateName(firstIndex: first))
            } else {
                firstIndexByName[String(trimmed)] = index
            }
            if rule.events.isEmpty { report(.error, .noEvents) }
            if let condition = rule.condition { checkCondition(condition, report: report) }
            checkActions(rule.actions, templates: templates, report: report)

            if !rule.events.isEmpty,
                let stopper = rule.events.allSatisfy({ event in stoppers.contains { $0.events.contains(event) } })
                    ? stoppers.first(where: { $0.events.contains(rule.events[0]) }) : nil
            {
                report(.warning, .unreachable(afterIndex: stopper.index, afterName: stopper.name))
            }
            if rule.stopsUnconditionally { stoppers.append((index, rule.name, Set(rule.events))) }
        }
        return problems
    }

    private static func checkCondition(
        _ condition: Condition, report: (RuleProblem.Severity, RuleProblem.Kind) -> Void
    ) {
        switch condition {
        case .all(let children), .any(let children):
            for child in children { checkCondition(child, report: report) }
        case .not(let child):
            checkCondition(child, report: report)
        case .field(_, .matches(let pattern)):
            do throws(RulePattern.Problem) {
                _ = try RulePattern(pattern)
            } catch {
                report(.error, .invalidPattern(pattern: pattern, reason: error.message))
            }
        case .field(let field, .containsAny(let words)), .field(let field, .isIn(let words)):
            if words.isEmpty || words.contains(where: \.isEmpty) {
                report(.warning, .emptyWordList(field: field.rawValue))
            }
        case .field(_, .equals), .field(_, .isSet), .withinBusinessHours, .hasTag:
            break
        }
    }

    private static func checkActions(
        _ actions: [RuleAction], templates: Set<String>?, report: (RuleProblem.Severity, RuleProblem.Kind) -> Void
    ) {
        func checkTemplate(_ name: String) {
            if name.isEmpty || templates.map({ !$0.contains(name) }) == true { report(.error, .unknownTemplate(name)) }
        }
        for action in actions {
            switch action {
            case .assign(.address(let address)):
                if address.trimmingSpaces.isEmpty {
                    report(.error, .emptyAssignAddress)
                } else if EmailAddress(address) == nil {
                    report(.error, .invalidAddress(address))
                }
            case .notify(let recipient, let template):
                if case .address(let address) = recipient, EmailAddress(address) == nil {
                    report(.error, .invalidAddress(address))
                }
                checkTemplate(template)
                if case .customer = recipient, isOperatorTemplate(template) {
                    report(.error, .operatorTemplateOutside(template))
                }
            case .reply(let template):
                checkTemplate(template)
                if isOperatorTemplate(template) { report(.error, .operatorTemplateOutside(template)) }
            default:
                break
            }
        }
        if let stop = actions.firstIndex(of: .stop), stop < actions.count - 1 { report(.warning, .actionsAfterStop) }
    }
}

/// Templates written for operators: they show the team, rule names and operators' names.
func isOperatorTemplate(_ name: String) -> Bool {
    name.hasPrefix("operator_") || name == "command_refused"
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks (Foundation-free).
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[first...last]
    }
}
