/// A parsed Mustache template: what the page templates use of Mustache — variables (escaped, or raw with `{{{ }}}` or
/// `{{& }}`), sections and inverted sections, comments, partials, and parents with blocks
/// (`{{<layout}}{{$body}}…{{/body}}{{/layout}}`); standalone tag lines are removed as the Mustache spec says.
/// Changing delimiters and lambdas are not supported: a template that tries is refused when it is loaded.
///
/// Names are split at their dots once, here, and nothing is looked up by type at render time, which is what makes
/// rendering cheap (``PageTemplate/render(_:library:)``).
struct PageTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case variable(Path, escaped: Bool)
        case section(Path, [Node], inverted: Bool)
        /// A partial, or a parent (`{{<name}}`) with its blocks; `indentation` prefixes every line a standalone
        /// partial renders.
        case partial(String, blocks: [String: [Node]], indentation: String)
        /// A block of a parent: what a page that extends it gave for `name`, else these nodes.
        case block(String, [Node])
    }

    /// A name as written: `.` (the current value), `a.b.c`, or `.a` (only on the current value).
    struct Path: Sendable, Equatable {
        var components: [String]
        /// Looked up only on the current value, not up the stack.
        var local: Bool

        init(_ name: String) {
            local = name.hasPrefix(".")
            components = name == "." ? [] : name.split(separator: ".").map(String.init)
        }
    }

    /// A template that does not parse: `serve` cannot start with it.
    struct ParseError: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    let nodes: [Node]

    init(nodes: [Node]) { self.nodes = nodes }

    init(_ source: String) throws(ParseError) {
        var parser = PageTemplateParser(source)
        nodes = try parser.parse()
    }
}
