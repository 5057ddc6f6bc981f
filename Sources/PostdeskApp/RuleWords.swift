import PostdeskRules

/// A rule in short words for the admin pages' read-only view, generated from the model (never from the YAML
/// text, so the view shows what is in force): `any(subject contains_any [invoice, счёт], has_tag vip)`.
enum RuleWords {
    /// The `if:` tree; `always` without one.
    static func condition(_ condition: Condition?) -> String {
        guard let condition else { return "always" }
        return describe(condition, depth: 0)
    }

    /// Each `then:` entry on its own.
    static func actions(_ actions: [RuleAction]) -> [String] {
        actions.map { action in
            switch action {
            case .setTeam(let team): "set_team \(team)"
            case .setPriority(let priority): "set_priority \(priority.rawValue)"
            case .setStatus(let status): "set_status \(status.rawValue)"
            case .addTags(let tags): "add_tags [\(tags.joined(separator: ", "))]"
            case .removeTags(let tags): "remove_tags [\(tags.joined(separator: ", "))]"
            case .assign(.address(let address)): "assign to \(address)"
            case .assign(.roundRobin): "assign round_robin"
            case .assign(.leastOpen): "assign least_open"
            case .notify(let recipient, let template): "notify \(recipient.yamlName) with \(template)"
            case .reply(let template): "reply with \(template)"
            case .addNote(let text): "add_note \(String(text.prefix(200)))"
            case .stop: "stop"
            }
        }
    }

    private static func describe(_ condition: Condition, depth: Int) -> String {
        // Conditions nest at most ``Condition/maxNesting`` deep; the view stops well before, as a reader would.
        guard depth < 12 else { return "…" }
        switch condition {
        case .all(let children):
            return "all(" + children.map { describe($0, depth: depth + 1) }.joined(separator: ", ") + ")"
        case .any(let children):
            return "any(" + children.map { describe($0, depth: depth + 1) }.joined(separator: ", ") + ")"
        case .not(let child):
            return "not(" + describe(child, depth: depth + 1) + ")"
        case .field(let field, let test):
            let value: String
            switch test {
            case .equals(let text), .matches(let text): value = text
            case .containsAny(let values), .isIn(let values): value = "[" + values.joined(separator: ", ") + "]"
            case .isSet(let wanted): value = "\(wanted)"
            }
            return "\(field.rawValue) \(test.yamlName) \(value)"
        case .withinBusinessHours(let wanted):
            return "within_business_hours \(wanted)"
        case .hasTag(let tag):
            return "has_tag \(tag)"
        }
    }
}
