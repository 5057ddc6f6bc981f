public import PostdeskRules
import Yams

/// Rules files as YAML (ARCHITECTURE §4, `deploy/rules.example.yaml`): read with every problem placed at its line
/// and column, written back in a stable, readable form.
///
/// Reading is three steps, each reported in the file's terms: the YAML itself (syntax, duplicate keys), decoding
/// (unknown words, wrong shapes: the decoder's coding path is looked up in the parsed nodes), and
/// ``RuleDocumentCheck`` (its problems carry paths into the file, looked up the same way).
public enum RuleDocumentYAML {
    /// The largest file read: a rules file is a few kilobytes; this keeps a hostile one from costing much.
    public static let maxBytes = 1 << 20
    /// The most YAML nodes a file may expand to, aliases counted each time they are used: far above any real
    /// rules file, far below what an alias bomb (`&a [*b, *b, …]`) expands to.
    public static let maxNodes = 100_000
    /// How deeply `[` and `{` may nest: the YAML reader recurses on them.
    public static let maxFlowNesting = 64

    /// What ``check(_:templates:)`` found.
    public struct Checked: Sendable {
        /// The document when it decoded (even with check errors); nil when the YAML or the decoding failed.
        public var document: RuleDocument?
        /// Errors and warnings, in line order.
        public var diagnostics: [RuleDiagnostic]

        /// Whether any diagnostic is an error: the file would not be imported.
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Reads a rules file, refusing it on any error.
    /// - Parameters:
    ///   - text: the file's text.
    ///   - templates: the template names that exist; nil skips that check.
    /// - Returns: the document (its warnings are dropped; ``check(_:templates:)`` shows them).
    /// - Throws: ``RuleDocumentYAMLError`` with every diagnostic, when there is an error.
    public static func load(_ text: String, templates: Set<String>? = nil) throws(RuleDocumentYAMLError) -> RuleDocument
    {
        let checked = check(text, templates: templates)
        guard let document = checked.document, !checked.hasErrors else {
            throw RuleDocumentYAMLError(diagnostics: checked.diagnostics)
        }
        return document
    }

    /// Reads and checks a rules file without refusing it: what `rules check` prints.
    public static func check(_ text: String, templates: Set<String>? = nil) -> Checked {
        func failed(_ line: Int, _ column: Int?, _ message: String) -> Checked {
            Checked(document: nil, diagnostics: [.init(line: line, column: column, severity: .error, message: message)])
        }
        guard text.utf8.count <= maxBytes else {
            return failed(1, nil, "the file is larger than \(maxBytes) bytes; a rules file is a few kilobytes")
        }
        if let (line, column) = deepFlowNesting(in: text) {
            return failed(line, column, "[ and { nest deeper than \(maxFlowNesting) levels")
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                // An empty file is an empty document: no rules, no calendars, no policies.
                return Checked(document: RuleDocument(rules: RuleSet(rules: [])), diagnostics: [])
            }
            root = node
        } catch let error as YamlError {
            let (mark, message) = describe(error)
            return failed(mark?.line ?? 1, mark?.column, message)
        } catch {
            return failed(1, nil, "not valid YAML: \(error)")
        }
        var budget = maxNodes
        guard fitsBudget(root, &budget) else {
            return failed(1, nil, "the file expands to more than \(maxNodes) values (aliases counted where used)")
        }

        let document: RuleDocument
        do {
            document = try YAMLDecoder().decode(RuleDocument.self, from: root)
        } catch let error as DecodingError {
            let (path, message) = describe(error)
            let mark = NodeLocator(root: root).mark(at: path)
            return failed(mark?.line ?? 1, mark?.column, message)
        } catch {
            let mark = root.mark
            return failed(mark?.line ?? 1, mark?.column, "cannot read the rules: \(error)")
        }

        let locator = NodeLocator(root: root)
        let diagnostics = RuleDocumentCheck.problems(in: document, templates: templates).map { problem in
            let mark = locator.mark(at: problem.path.map(NodeLocator.Step.init))
            return RuleDiagnostic(
                line: mark?.line ?? 1, column: mark?.column, severity: problem.severity, message: problem.message)
        }
        // Stable: problems on one line keep the check's order.
        let ordered = diagnostics.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
        return Checked(document: document, diagnostics: ordered.map(\.element))
    }

    /// Where `[`/`{` outside quotes and comments first nest deeper than ``maxFlowNesting``, as 1-based line and
    /// column; nil when they never do. Rough on purpose (a `[` inside a plain word counts): it only has to stop the
    /// recursion of the YAML reader long before it could exhaust the stack.
    static func deepFlowNesting(in text: String) -> (Int, Int)? {
        var depth = 0
        var line = 1
        var column = 0
        var quote: Character?
        var comment = false
        var previous: Character = " "
        for character in text {
            column += 1
            defer { previous = character }
            if character == "\n" || character == "\r\n" {
                // A quote left open at the end of a line is forgotten: a hostile file cannot hide brackets after
                // an apostrophe, and a real multi-line quoted text only risks counting its own balanced brackets.
                line += 1
                column = 0
                (comment, quote) = (false, nil)
                continue
            }
            if comment { continue }
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'":
                // A quote opens a scalar only where a scalar can start; `don't` has an apostrophe, not a quote.
                if column == 1 || " \t[{,:-".contains(previous) { quote = character }
            case "#" where previous == " " || previous == "\t" || column == 1: comment = true
            case "[", "{":
                depth += 1
                if depth > maxFlowNesting { return (line, column) }
            case "]", "}": depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    /// Counts `node` and everything under it against `budget`; false once it runs out.
    private static func fitsBudget(_ node: Node, _ budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0 else { return false }
        switch node {
        case .scalar, .alias: return true
        case .sequence(let sequence):
            for child in sequence where !fitsBudget(child, &budget) { return false }
            return true
        case .mapping(let mapping):
            for (key, value) in mapping where !fitsBudget(key, &budget) || !fitsBudget(value, &budget) {
                return false
            }
            return true
        }
    }
}
