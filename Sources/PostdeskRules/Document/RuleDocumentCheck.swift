/// Validates a ``RuleDocument`` beyond decoding: what `rules check FILE` prints and `rules import` refuses.
///
/// Every ``RuleCheck`` problem of the rules, placed at the part of the rule it is about; then, for `calendars:` and
/// `sla:` and `schedules:`, errors for an empty or duplicate name, a rule listening to a schedule `schedules:` does
/// not declare, a schedule on no weekday, a `calendar:` naming no calendar, a policy without targets and a
/// bad `matches:` pattern, and warnings for an empty word list and a policy after one that always applies.
public enum RuleDocumentCheck {
    /// Every problem of `document`: rules first, in rule order, then calendars, then SLA policies.
    /// - Parameters:
    ///   - document: the file as decoded.
    ///   - templates: the template names that exist; nil skips that check.
    public static func problems(in document: RuleDocument, templates: Set<String>? = nil) -> [RuleDocumentProblem] {
        var problems = RuleCheck.problems(in: document.rules, templates: templates).map { problem in
            RuleDocumentProblem(
                severity: problem.severity, path: path(of: problem, in: document.rules), kind: .rule(problem))
        }
        problems += namingProblems(document.calendars.map(\.name), section: "calendars")
        problems += namingProblems(document.sla.map(\.policy.name), section: "sla")
        problems += scheduleProblems(in: document)

        let calendarNames = Set(document.calendars.map(\.name))
        var alwaysApplies: Int?
        for (index, entry) in document.sla.enumerated() {
            let at: [RuleDocumentPathComponent] = [.key("sla"), .index(index)]
            if let name = entry.calendar, !calendarNames.contains(name) {
                problems.append(.init(severity: .error, path: at + [.key("calendar")], kind: .unknownCalendar(name)))
            }
            if entry.policy.targets.isEmpty {
                problems.append(.init(severity: .error, path: at + [.key("name")], kind: .noTargets))
            }
            if let condition = entry.condition {
                problems += conditionProblems(condition, at: at + [.key("if")])
            }
            if let first = alwaysApplies {
                problems.append(
                    .init(severity: .warning, path: at + [.key("name")], kind: .unreachablePolicy(afterIndex: first)))
            } else if entry.condition == nil {
                alwaysApplies = index
            }
        }
        return problems
    }

    /// Empty and duplicate schedule names, schedules on no weekday, and every `{schedule: NAME}` a rule listens to
    /// that `schedules:` does not declare (placed at that entry of the rule's `on:`).
    private static func scheduleProblems(in document: RuleDocument) -> [RuleDocumentProblem] {
        var problems = namingProblems(document.schedules.map(\.name), section: "schedules")
        for (index, schedule) in document.schedules.enumerated() where schedule.weekdays?.isEmpty == true {
            problems.append(
                .init(severity: .error, path: [.key("schedules"), .index(index), .key("weekdays")], kind: .noWeekdays))
        }
        // Exact names, as the scheduler matches them: `{schedule: " morning"}` is not `morning`.
        let declared = Set(document.schedules.map(\.name))
        for (ruleIndex, rule) in document.rules.rules.enumerated() {
            for (eventIndex, event) in rule.events.enumerated() {
                guard case .schedule(let name) = event, !declared.contains(name) else { continue }
                problems.append(
                    .init(
                        severity: .error,
                        path: [.key("rules"), .index(ruleIndex), .key("on"), .index(eventIndex), .key("schedule")],
                        kind: .unknownSchedule(name)))
            }
        }
        return problems
    }

    /// Empty and duplicate names among the entries of `section`.
    private static func namingProblems(_ names: [String], section: String) -> [RuleDocumentProblem] {
        var problems: [RuleDocumentProblem] = []
        var firstIndexByName: [Substring: Int] = [:]
        for (index, name) in names.enumerated() {
            let path: [RuleDocumentPathComponent] = [.key(section), .index(index), .key("name")]
            let trimmed = name.trimmingSpaces
            if trimmed.isEmpty {
                problems.append(.init(severity: .error, path: path, kind: .emptyName))
            } else if let first = firstIndexByName[trimmed] {
                problems.append(.init(severity: .error, path: path, kind: .duplicateName(firstIndex: first)))
            } else {
                firstIndexByName[trimmed] = index
            }
        }
        return problems
    }

    /// The pattern and word-list problems of an SLA policy's `if:` (the same checks ``RuleCheck`` makes on rules).
    private static func conditionProblems(
        _ condition: Condition, at prefix: [RuleDocumentPathComponent]
    ) -> [RuleDocumentProblem] {
        condition.leaves().compactMap { path, test in
            switch test {
            case .field(_, .matches(let pattern)):
                do throws(RulePattern.Problem) {
                    _ = try RulePattern(pattern)
                    return nil
                } catch {
                    return .init(
                        severity: .error, path: prefix + path,
                        kind: .invalidPattern(pattern: pattern, reason: error.message))
                }
            case .field(let field, .containsAny(let words)), .field(let field, .isIn(let words)):
                guard words.isEmpty || words.contains(where: \.isEmpty) else { return nil }
                return .init(severity: .warning, path: prefix + path, kind: .emptyWordList(field: field.rawValue))
            default:
                return nil
            }
        }
    }

    /// Where in `rules[i]` a ``RuleCheck`` problem is: the name, the `on:` list, the test or the action it is about;
    /// the rule itself when nothing narrower fits.
    static func path(of problem: RuleProblem, in ruleSet: RuleSet) -> [RuleDocumentPathComponent] {
        let at: [RuleDocumentPathComponent] = [.key("rules"), .index(problem.ruleIndex)]
        guard ruleSet.rules.indices.contains(problem.ruleIndex) else { return at }
        let rule = ruleSet.rules[problem.ruleIndex]

        func condition(where isWanted: (Condition) -> Bool) -> [RuleDocumentPathComponent] {
            rule.condition?.firstPath(where: isWanted).map { at + [.key("if")] + $0 } ?? at
        }
        func action(_ suffix: [RuleDocumentPathComponent], where isWanted: (RuleAction) -> Bool)
            -> [RuleDocumentPathComponent]
        {
            guard let index = rule.actions.firstIndex(where: isWanted) else { return at + [.key("then")] }
            return at + [.key("then"), .index(index), .key(rule.actions[index].yamlName)] + suffix
        }

        switch problem.kind {
        case .emptyName, .duplicateName: return at + [.key("name")]
        case .noEvents, .unreachable: return at + [.key("on")]
        case .unknownTemplate(let name), .operatorTemplateOutside(let name):
            return action([.key("template")]) { action in
                switch action {
                case .notify(_, let template), .reply(let template): template == name
                default: false
                }
            }
        case .invalidPattern(let pattern, _):
            return condition { test in
                if case .field(_, .matches(let found)) = test { found == pattern } else { false }
            }
        case .emptyWordList(let field):
            return condition { test in
                switch test {
                case .field(let found, .containsAny(let words)), .field(let found, .isIn(let words)):
                    found.rawValue == field && (words.isEmpty || words.contains(where: \.isEmpty))
                default: false
                }
            }
        case .emptyAssignAddress:
            return action([.key("to")]) { action in
                if case .assign(.address(let found)) = action { found.trimmingSpaces.isEmpty } else { false }
            }
        case .invalidAddress(let address):
            return action([.key("to")]) { action in
                switch action {
                case .assign(.address(let found)), .notify(.address(let found), _): found == address
                default: false
                }
            }
        case .actionsAfterStop:
            guard let stop = rule.actions.firstIndex(of: .stop) else { return at + [.key("then")] }
            return at + [.key("then"), .index(min(stop + 1, rule.actions.count - 1))]
        }
    }
}
