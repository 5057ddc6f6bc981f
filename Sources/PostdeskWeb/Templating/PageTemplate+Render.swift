extension PageTemplate {
    /// The template rendered with `value`, partials and parents read from `library`. Every variable is HTML-escaped
    /// unless written `{{{name}}}` or `{{& name}}`; a missing partial renders as nothing (``PageLibrary`` checks at
    /// load time that every page's are there).
    func render(_ value: TemplateValue, library: [String: PageTemplate]) -> String {
        var renderer = Renderer(library: library, stack: [value])
        renderer.output.reserveCapacity(16 * 1024)
        renderer.render(nodes, blocks: [:])
        return renderer.output
    }

    /// Mustache's rules, as the library the pages were first written for (swift-mustache) applies them: a name is
    /// looked up on the innermost value that has its first component, then the rest on that value alone; a list
    /// section repeats per element, a flag shows or hides, any other value is pushed as the current value; an
    /// inverted section shows for nothing, false or an empty list. A page's blocks override its parent's, the
    /// outermost page winning. Inside a standalone partial, what each tag or text writes at a line's start is
    /// indented (a value's own lines are not: a message in a `<pre>` keeps its text).
    private struct Renderer {
        let library: [String: PageTemplate]
        var stack: [TemplateValue]
        var output = ""
        /// The indentation of the standalone partials being rendered, outermost first.
        var indentation = ""
        /// Partials and parents open now: a template that includes itself stops here instead of at the stack's end.
        var depth = 0
        static let maximumDepth = 32

        mutating func render(_ nodes: [Node], blocks: [String: [Node]]) {
            guard !indentation.isEmpty else {
                for node in nodes { render(node, blocks: blocks) }
                return
            }
            for node in nodes {
                let atLineStart = output.isEmpty || output.utf8.last == UInt8(ascii: "\n")
                guard atLineStart else {
                    render(node, blocks: blocks)
                    continue
                }
                output += indentation
                let indented = output.utf8.count
                render(node, blocks: blocks)
                // Nothing written: no indentation either (spaces and tabs, one byte a character).
                if output.utf8.count == indented { output.removeLast(indentation.utf8.count) }
            }
        }

        private mutating func render(_ node: Node, blocks: [String: [Node]]) {
            switch node {
            case .text(let text):
                guard !indentation.isEmpty, text.utf8.contains(UInt8(ascii: "\n")) else {
                    output += text
                    return
                }
                // The partial's own lines are indented; the newline that ends the text leaves that to what follows.
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                for (index, line) in lines.enumerated() {
                    if index > 0 {
                        output += "\n"
                        if !line.isEmpty { output += indentation }
                    }
                    output += line
                }
            case .variable(let path, let escaped):
                guard let value = lookup(path) else { return }
                let text: String
                switch value {
                case .text(let string): text = string
                case .flag(let flag): text = flag ? "true" : "false"
                case .list, .object: return
                }
                if escaped { HTMLEscape.append(text, to: &output) } else { output += text }
            case .section(let path, let inner, let inverted):
                let value = lookup(path)
                if inverted {
                    switch value {
                    case nil, .flag(false): render(inner, blocks: blocks)
                    case .list(let elements) where elements.isEmpty: render(inner, blocks: blocks)
                    default: break
                    }
                    return
                }
                switch value {
                case nil, .flag(false): break
                case .flag(true): render(inner, blocks: blocks)
                case .list(let elements):
                    for element in elements {
                        stack.append(element)
                        render(inner, blocks: blocks)
                        stack.removeLast()
                    }
                case .some(let value):
                    stack.append(value)
                    render(inner, blocks: blocks)
                    stack.removeLast()
                }
            case .partial(let name, let given, let partialIndentation):
                guard let template = library[name] else { return }
                // The outer page's blocks win over the ones this page gives its parent.
                let merged = blocks.isEmpty ? given : given.merging(blocks) { _, outer in outer }
                guard depth < Self.maximumDepth else { return }
                depth += 1
                // At a line's start (after the outer indentation, if any) the partial's first line is indented too.
                if !partialIndentation.isEmpty,
                    output.isEmpty || output.utf8.last == UInt8(ascii: "\n") || output.hasSuffix("\n" + indentation)
                {
                    output += partialIndentation
                }
                let outer = indentation
                indentation += partialIndentation
                render(template.nodes, blocks: merged)
                indentation = outer
                depth -= 1
            case .block(let name, let fallback):
                render(blocks[name] ?? fallback, blocks: blocks)
            }
        }

        private func lookup(_ path: Path) -> TemplateValue? {
            guard let first = path.components.first else { return stack.last }
            var found: TemplateValue?
            if path.local {
                found = stack.last?[first]
            } else {
                for value in stack.reversed() {
                    if let child = value[first] {
                        found = child
                        break
                    }
                }
            }
            for component in path.components.dropFirst() {
                guard let value = found else { return nil }
                found = value[component]
            }
            return found
        }
    }
}
