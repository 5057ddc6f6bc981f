import Foundation
import PostdeskRules
import Yams

extension RuleDocumentYAML {
    /// Writes `document` as YAML that ``load(_:templates:)`` reads back to an equal document.
    ///
    /// Readable and stable: keys in a fixed order (`name`, `on`, `if`, `then`, `stop`; weekdays Monday first),
    /// short lists and small mappings in flow style (`on: [ticket.created]`, `assign: {strategy: round_robin}`),
    /// non-ASCII text as written (`счёт`, never `\u0441…`), lines never folded.
    /// - Throws: only if the YAML library fails to encode or emit, which a valid document never makes it do.
    public static func export(_ document: RuleDocument) throws -> String {
        let encoder = YAMLEncoder()
        // Unicode and unlimited width here too: the arranged output keeps each scalar's quoting style, and an
        // escaped or folded scalar would stay escaped or folded.
        encoder.options.allowUnicode = true
        encoder.options.width = -1
        let encoded = try encoder.encode(document)
        // Re-read the encoder's output as nodes to arrange them; its scalars keep the quoting the encoder chose
        // (a text like `true` or `80` stays quoted, so it reads back as text).
        guard let node = try Yams.compose(yaml: encoded) else { return "rules: []\n" }
        var root = arranged(node)
        if case .mapping(var mapping) = root {
            // The file's top level is always a block, even for a document with no rules.
            mapping.style = .block
            root = .mapping(mapping)
        }
        return try Yams.serialize(node: root, width: -1, allowUnicode: true)
    }

    /// Where a key goes among its siblings; keys not listed keep their order after the listed ones.
    private static let keyRank: [String: Int] = {
        let order =
            [
                "rules", "calendars", "sla", "schedules",
                "name", "on", "if", "calendar", "then", "stop",
                "at", "time_zone", "weekdays", "week", "holidays", "targets", "warn_at_percent",
                "first_response", "next_response", "resolution",
                "to", "strategy", "template", "text",
            ] + BusinessCalendarWeekday.allCases.map(\.rawValue)
        return Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
    }()

    /// The widest flow collection written on one line, in characters.
    private static let flowWidth = 72

    /// `node` with its mapping keys ordered by ``keyRank`` and short collections in flow style.
    /// A mapping that is an item of a list stays a block (`- set_team: billing`, not `- {set_team: billing}`).
    private static func arranged(_ node: Node, inList: Bool = false) -> Node {
        switch node {
        case .scalar, .alias:
            return node
        case .sequence(var sequence):
            let items = sequence.map { arranged($0, inList: true) }
            sequence.replaceSubrange(sequence.startIndex..<sequence.endIndex, with: items)
            sequence.style = fitsOnOneLine(.sequence(sequence)) ? .flow : .block
            return .sequence(sequence)
        case .mapping(let mapping):
            let pairs = mapping.enumerated()
                .sorted { lhs, rhs in
                    let left = lhs.element.key.string.flatMap { keyRank[$0] } ?? Int.max
                    let right = rhs.element.key.string.flatMap { keyRank[$0] } ?? Int.max
                    return (left, lhs.offset) < (right, rhs.offset)
                }
                .map { ($0.element.key, arranged($0.element.value)) }
            var result = Node.Mapping(pairs, mapping.tag, .block, mapping.mark)
            if !inList, fitsOnOneLine(.mapping(result)) { result.style = .flow }
            return .mapping(result)
        }
    }

    /// Whether a collection reads well on one line: only scalars (or small one-key mappings and lists of scalars
    /// under a mapping key), no `name:` (rules, calendars and policies stay blocks), and short.
    private static func fitsOnOneLine(_ node: Node) -> Bool {
        func width(_ node: Node, depth: Int) -> Int? {
            switch node {
            case .scalar(let scalar):
                return scalar.string.contains("\n") ? nil : scalar.string.count + 2
            case .alias:
                return nil
            case .sequence(let sequence):
                var total = 2
                for item in sequence {
                    guard case .scalar = item, let itemWidth = width(item, depth: depth + 1) else { return nil }
                    total += itemWidth
                }
                return total
            case .mapping(let mapping):
                guard depth < 3, mapping.count <= 2, mapping["name"] == nil else { return nil }
                var total = 2
                for (key, value) in mapping {
                    guard let keyWidth = width(key, depth: depth + 1), let valueWidth = width(value, depth: depth + 1)
                    else { return nil }
                    total += keyWidth + valueWidth
                }
                return total
            }
        }
        return width(node, depth: 0).map { $0 <= flowWidth } ?? false
    }
}
