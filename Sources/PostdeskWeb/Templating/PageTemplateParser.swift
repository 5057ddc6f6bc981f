/// Reads a template's text into ``PageTemplate/Node``s: first into text and tags, then marks standalone tags (alone on
/// their line: the line's whitespace and newline go with them), then nests sections, partials and blocks.
struct PageTemplateParser {
    private enum Kind: Equatable {
        case variable, raw, section, inverted, close, comment, partial, parent, block
        /// Tags that may stand alone on a line (and then take the line with them).
        var canStandAlone: Bool { ![.variable, .raw].contains(self) }
    }

    private enum Token {
        case text(String)
        case tag(Kind, String, line: Int)
        /// A standalone partial or parent: the whitespace it was indented with.
        case indentedTag(Kind, String, line: Int, indentation: String)
    }

    private let source: String

    init(_ source: String) { self.source = source }

    mutating func parse() throws(PageTemplate.ParseError) -> [PageTemplate.Node] {
        var tokens = try tokenize()
        markStandalone(&tokens)
        var position = 0
        let nodes = try nest(tokens, &position, closing: nil)
        return nodes
    }

    // MARK: Text and tags

    private func tokenize() throws(PageTemplate.ParseError) -> [Token] {
        var tokens: [Token] = []
        var rest = Substring(source)
        var line = 1
        while let open = rest.range(of: "{{") {
            let text = rest[..<open.lowerBound]
            if !text.isEmpty { tokens.append(.text(String(text))) }
            line += text.utf8.count(where: { $0 == UInt8(ascii: "\n") })
            var body = rest[open.upperBound...]
            let triple = body.first == "{"
            if triple { body = body.dropFirst() }
            guard let close = body.range(of: triple ? "}}}" : "}}") else {
                throw .init(line: line, message: "a tag is not closed")
            }
            var inside = body[..<close.lowerBound]
            rest = body[close.upperBound...]
            let kind: Kind
            if triple {
                kind = .raw
            } else {
                switch inside.first {
                case "#": kind = .section
                case "^": kind = .inverted
                case "/": kind = .close
                case "!": kind = .comment
                case ">": kind = .partial
                case "<": kind = .parent
                case "$": kind = .block
                case "&": kind = .raw
                case "=": throw .init(line: line, message: "changing delimiters is not supported")
                default: kind = .variable
                }
                if kind != .variable { inside = inside.dropFirst() }
            }
            let name = inside.trimmingCharacters(in: .whitespaces)
            if kind != .comment {
                guard !name.isEmpty, !name.contains(where: { $0.isWhitespace || $0 == "(" || $0 == "{" || $0 == "}" })
                else { throw .init(line: line, message: "the tag {{\(inside)}} has no usable name") }
            }
            line += inside.utf8.count(where: { $0 == UInt8(ascii: "\n") })
            tokens.append(.tag(kind, name, line: line))
        }
        if !rest.isEmpty { tokens.append(.text(String(rest))) }
        return tokens
    }

    // MARK: Standalone lines

    /// A tag that can stand alone and is the only thing on its line besides spaces and tabs loses that line: the
    /// whitespace before it and the whitespace and newline after it. Decided on the original text, then applied.
    private func markStandalone(_ tokens: inout [Token]) {
        var trims: [(index: Int, before: Bool)] = []
        for index in tokens.indices {
            guard case .tag(let kind, let name, let line) = tokens[index], kind.canStandAlone else { continue }
            guard let indentation = lineStart(before: index, in: tokens), lineEnds(after: index, in: tokens) else {
                continue
            }
            if index > 0 { trims.append((index - 1, false)) }
            if index + 1 < tokens.count { trims.append((index + 1, true)) }
            if kind == .partial || kind == .parent {
                tokens[index] = .indentedTag(kind, name, line: line, indentation: indentation)
            }
        }
        for trim in trims {
            guard case .text(let text) = tokens[trim.index] else { continue }
            if trim.before {
                // The rest of the tag's line, its newline included.
                let head = text.firstIndex(of: "\n").map { text.index(after: $0) } ?? text.endIndex
                tokens[trim.index] = .text(String(text[head...]))
            } else {
                let start = text.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
                tokens[trim.index] = .text(String(text[..<start]))
            }
        }
    }

    /// The whitespace between the line's start and the tag at `index`, when there is nothing else.
    private func lineStart(before index: Int, in tokens: [Token]) -> String? {
        guard index > 0 else { return "" }
        guard case .text(let text) = tokens[index - 1] else { return nil }
        let tail: Substring
        if let newline = text.lastIndex(of: "\n") {
            tail = text[text.index(after: newline)...]
        } else if index == 1 {
            tail = Substring(text)
        } else {
            return nil
        }
        return tail.allSatisfy { $0 == " " || $0 == "\t" } ? String(tail) : nil
    }

    /// Whether only whitespace follows the tag at `index` up to its line's end (or the template's).
    private func lineEnds(after index: Int, in tokens: [Token]) -> Bool {
        guard index + 1 < tokens.count else { return true }
        guard case .text(let text) = tokens[index + 1] else { return false }
        let head = text.prefix { $0 != "\n" }
        return head.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
            && (head.count < text.count || index + 2 == tokens.count)
    }

    // MARK: Nesting

    private func nest(
        _ tokens: [Token], _ position: inout Int, closing: (name: String, line: Int)?
    ) throws(PageTemplate.ParseError) -> [PageTemplate.Node] {
        var nodes: [PageTemplate.Node] = []
        while position < tokens.count {
            let token = tokens[position]
            position += 1
            let (kind, name, line, indentation): (Kind, String, Int, String)
            switch token {
            case .text(let text):
                if !text.isEmpty { nodes.append(.text(text)) }
                continue
            case .tag(let k, let n, let l): (kind, name, line, indentation) = (k, n, l, "")
            case .indentedTag(let k, let n, let l, let i): (kind, name, line, indentation) = (k, n, l, i)
            }
            switch kind {
            case .variable: nodes.append(.variable(.init(name), escaped: true))
            case .raw: nodes.append(.variable(.init(name), escaped: false))
            case .comment: break
            case .partial: nodes.append(.partial(name, blocks: [:], indentation: indentation))
            case .section, .inverted:
                let inner = try nest(tokens, &position, closing: (name, line))
                nodes.append(.section(.init(name), inner, inverted: kind == .inverted))
            case .block:
                nodes.append(.block(name, try nest(tokens, &position, closing: (name, line))))
            case .parent:
                // Only the blocks inside a parent tag count: they are what this template gives the parent.
                var blocks: [String: [PageTemplate.Node]] = [:]
                for case .block(let block, let content) in try nest(tokens, &position, closing: (name, line)) {
                    blocks[block] = content
                }
                nodes.append(.partial(name, blocks: blocks, indentation: indentation))
            case .close:
                guard let closing, closing.name == name else {
                    throw .init(line: line, message: "{{/\(name)}} closes nothing that is open")
                }
                return nodes
            }
        }
        if let closing { throw .init(line: closing.line, message: "{{\(closing.name)}} is never closed") }
        return nodes
    }
}
