/// One step into a rules file: a mapping key or a list position, as the YAML spells it.
///
/// Problems found after decoding name where they are with a path like `rules[2].then[0].notify.template`, so that
/// the YAML reader can turn it into a line and column; the path follows the file's own keys (`if`, `then`, `any`),
/// never Swift's property names.
public enum RuleDocumentPathComponent: Hashable, Sendable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let key): key
        case .index(let index): "[\(index)]"
        }
    }
}

extension Array where Element == RuleDocumentPathComponent {
    /// `rules[2].then[0]`: keys joined by dots, list positions in brackets (0-based, as in the file's order).
    public var pathDescription: String {
        var text = ""
        for component in self {
            switch component {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index: text += component.description
            }
        }
        return text
    }
}

extension Condition {
    /// The path, below the condition's own node, of the first test (depth first, in file order) that `isWanted`
    /// picks: `any[1].subject.matches` is `[any, [1], subject, matches]`. A shorthand `team: billing` is still
    /// reported as `team.equals`; the reader stops at the deepest node the file has.
    func firstPath(where isWanted: (Condition) -> Bool) -> [RuleDocumentPathComponent]? {
        if isWanted(self) {
            switch self {
            case .all, .any, .not: return []
            case .field(let field, let test): return [.key(field.rawValue), .key(test.yamlName)]
            case .withinBusinessHours: return [.key("within_business_hours")]
            case .hasTag: return [.key("has_tag")]
            }
        }
        switch self {
        case .all(let children), .any(let children):
            let word = if case .all = self { "all" } else { "any" }
            for (index, child) in children.enumerated() {
                if let path = child.firstPath(where: isWanted) { return [.key(word), .index(index)] + path }
            }
            return nil
        case .not(let child):
            return child.firstPath(where: isWanted).map { [.key("not")] + $0 }
        case .field, .withinBusinessHours, .hasTag:
            return nil
        }
    }

    /// Every leaf test, depth first, with its path below this node.
    func leaves(prefix: [RuleDocumentPathComponent] = []) -> [(path: [RuleDocumentPathComponent], test: Condition)] {
        switch self {
        case .all(let children), .any(let children):
            let word = if case .all = self { "all" } else { "any" }
            return children.enumerated().flatMap { index, child in
                child.leaves(prefix: prefix + [.key(word), .index(index)])
            }
        case .not(let child):
            return child.leaves(prefix: prefix + [.key("not")])
        case .field(let field, let test):
            return [(prefix + [.key(field.rawValue), .key(test.yamlName)], self)]
        case .withinBusinessHours:
            return [(prefix + [.key("within_business_hours")], self)]
        case .hasTag:
            return [(prefix + [.key("has_tag")], self)]
        }
    }
}
