public import PostdeskRules
public import PostdeskWeb

/// The admin form editor's edits of the rule list, on the model: move a rule, delete one, or add a simple routing
/// rule. The caller imports the result through the YAML path, so the edited set is checked like a pasted file.
public enum RuleListEdit {
    /// `rules` after `edit`. - Throws: ``AdminRefusal`` for a position that is not there or an incomplete rule.
    public static func apply(_ edit: AdminRuleEdit, to rules: [Rule]) throws(AdminRefusal) -> [Rule] {
        var rules = rules
        func check(_ index: Int) throws(AdminRefusal) {
            guard rules.indices.contains(index) else { throw AdminRefusal("there is no rule \(index + 1)") }
        }
        switch edit {
        case .moveUp(let index):
            try check(index)
            guard index > 0 else { return rules }
            rules.swapAt(index, index - 1)
        case .moveDown(let index):
            try check(index)
            guard index < rules.count - 1 else { return rules }
            rules.swapAt(index, index + 1)
        case .delete(let index):
            try check(index)
            rules.remove(at: index)
        case .addRouting(let name, let words, let team, let strategy):
            guard !name.isEmpty else { throw AdminRefusal("a rule needs a name") }
            guard !words.isEmpty else { throw AdminRefusal("give at least one word") }
            guard !team.isEmpty else { throw AdminRefusal("choose a team") }
            var actions: [RuleAction] = [.setTeam(team)]
            switch strategy {
            case "round_robin": actions.append(.assign(.roundRobin))
            case "least_open": actions.append(.assign(.leastOpen))
            case "": break
            default: throw AdminRefusal("assign by round_robin, least_open or nobody")
            }
            let test = FieldTest.containsAny(words)
            rules.append(
                Rule(
                    name: name, on: [.ticketCreated], if: .any([.field(.subject, test), .field(.text, test)]),
                    then: actions))
        }
        return rules
    }
}
