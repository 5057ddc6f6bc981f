import PostdeskCore
import PostdeskRules
import Yams

extension RuleDocumentYAML {
    /// Where a YAML syntax error is and what it says, without the snippet Yams appends.
    static func describe(_ error: YamlError) -> (Mark?, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let around = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return (mark, "not valid YAML: \(problem)\(around)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map(\.debugDescription).joined(separator: ", ")
            return (context.mark, "the same key appears twice in one mapping: \(keys)")
        case .reader(let problem, _, _, _):
            return (nil, "not valid YAML: \(problem)")
        default:
            return (nil, "not valid YAML: \(error)")
        }
    }

    /// The coding path a decoding error is about, and a sentence for an admin. A missing key is reported at the
    /// mapping that lacks it; every other error at the value (or the key) it names.
    static func describe(_ error: DecodingError) -> ([NodeLocator.Step], String) {
        func steps(_ path: [any CodingKey]) -> [NodeLocator.Step] { path.map(NodeLocator.Step.init) }
        switch error {
        case .keyNotFound(let key, let context):
            return (steps(context.codingPath), "missing key \(key.stringValue.debugDescription)")
        case .valueNotFound(let type, let context):
            return (steps(context.codingPath), "a value is missing here: expected \(noun(for: type))")
        case .typeMismatch(let type, let context):
            return (steps(context.codingPath), "expected \(noun(for: type)) here")
        case .dataCorrupted(let context):
            return (steps(context.codingPath), plainWords(context.debugDescription, at: context.codingPath.last))
        @unknown default:
            return ([], "cannot read the rules: \(error)")
        }
    }

    /// The words of the file (`first_response`, `high`) for a type Swift's own decoding names in its messages; the
    /// rules' own types already say what they expect.
    private static let vocabulary: [String: (noun: String, words: [String])] = [
        "SLATarget": ("target", SLATarget.allCases.map(\.rawValue)),
        "BusinessCalendarWeekday": ("weekday", BusinessCalendarWeekday.allCases.map(\.rawValue)),
        "TicketPriority": ("priority", TicketPriority.allCases.map(\.rawValue)),
        "TicketStatus": ("status", TicketStatus.allCases.map(\.rawValue)),
    ]

    /// Rewrites the standard library's "Could not convert key to type SLATarget" and "Cannot initialize
    /// TicketPriority from invalid String value hihg" into the file's words, with the words it knows.
    private static func plainWords(_ message: String, at key: (any CodingKey)?) -> String {
        for (type, entry) in vocabulary {
            let known = "; known: " + entry.words.joined(separator: ", ")
            if message == "Could not convert key to type \(type)", let key {
                return "unknown \(entry.noun) \(key.stringValue.debugDescription)" + known
            }
            let prefix = "Cannot initialize \(type) from invalid String value "
            if message.hasPrefix(prefix) {
                return "unknown \(entry.noun) \(String(message.dropFirst(prefix.count)).debugDescription)" + known
            }
        }
        return message
    }

    /// How an admin calls what a Swift type is written as in YAML.
    private static func noun(for type: Any.Type) -> String {
        let name = String(describing: type)
        if name.hasPrefix("Array") || name.hasPrefix("[") && !name.contains(":") { return "a list" }
        if name.hasPrefix("Dictionary") || name.hasPrefix("[") || name.contains("KeyedDecodingContainer") {
            return "a mapping (key: value)"
        }
        switch name {
        case "Sequence": return "a list"
        case "Mapping": return "a mapping (key: value)"
        case "Scalar": return "a single value"
        case "String": return "a text"
        case "Bool": return "true or false"
        case "Int", "Int64": return "a whole number"
        default: return "a \(name)"
        }
    }
}

/// Finds the node a path into the file names, to give its line and column.
struct NodeLocator {
    /// One step: a mapping key, or a list position.
    enum Step {
        case key(String)
        case index(Int)

        init(_ component: RuleDocumentPathComponent) {
            switch component {
            case .key(let key): self = .key(key)
            case .index(let index): self = .index(index)
            }
        }

        /// A coding key is a list position when it has an integer value (Yams numbers list items so).
        init(_ key: any CodingKey) {
            self = key.intValue.map(Step.index) ?? .key(key.stringValue)
        }
    }

    let root: Node

    /// The mark of the node `path` leads to: for a final mapping key, the key itself (where an admin looks for the
    /// word); when the file has no such node (a shorthand `team: billing` has no `equals`), the deepest one it has.
    func mark(at path: [Step]) -> Mark? {
        var node = root
        var mark = root.mark
        for (position, step) in path.enumerated() {
            let isLast = position == path.count - 1
            switch (step, node) {
            case (.index(let index), .sequence(let sequence)) where sequence.indices.contains(index):
                node = sequence[index]
                mark = node.mark ?? mark
            case (.key(let key), .mapping(let mapping)):
                guard let pair = mapping.first(where: { $0.key.string == key }) else { return mark }
                node = pair.value
                mark = (isLast ? pair.key.mark : pair.value.mark) ?? mark
            case (.index(let index), .mapping(let mapping)):
                // A key that happens to be a number (`{1: …}`): Yams numbers it like a list position.
                guard let pair = mapping.first(where: { $0.key.string == String(index) }) else { return mark }
                node = pair.value
                mark = (isLast ? pair.key.mark : pair.value.mark) ?? mark
            default:
                return mark
            }
        }
        return mark
    }
}
