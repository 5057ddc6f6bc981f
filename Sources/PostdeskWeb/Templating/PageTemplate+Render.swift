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
    /// outermost page winning.
    private struct Renderer {
        let library: [String: PageTemplate]
        var stack: [TemplateValue]
        var output = ""

        mutating func render(_ nodes: [Node], blocks: [String: [Node]]) {
            for node in nodes { render(node, blocks: blocks) }
        }

        private mutating func render(_ node: Node, blocks: [String: [Node]]) {
            switch node {
            case .text(let text):
                output += text
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
                let start = output.utf8.count
                render(template.nodes, blocks: merged)
                if !partialIndentation.isEmpty { indent(from: start, with: partialIndentation) }
            case .block(let name, let fallback):
                render(blocks[name] ?? fallback, blocks: blocks)
            }
        }

        /// Indents each line of what a standalone partial wrote since `start` (it started at a line's start, and its
        /// tag's own indentation was removed with the tag's line); an empty last line is left alone.
        private mutating func indent(from start: Int, with indentation: String) {
            let utf8 = output.utf8
            guard utf8.count > start else { return }
            let written = utf8.index(utf8.startIndex, offsetBy: start)
            var result = String(output[..<written])
            result.reserveCapacity(output.utf8.count + indentation.utf8.count * 8)
            var lineStart = true
            for character in output[written...] {
                if lineStart { result += indentation }
                result.append(character)
                lineStart = character == "\n"
            }
            output = result
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
