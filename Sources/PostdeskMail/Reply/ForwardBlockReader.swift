import Foundation

/// Finds the first inline forward block of a plain text and reads its header lines and body (``ForwardedMessage``).
///
/// Works line by line: a separator line, optional blank lines, header lines (`Name: value`, wrapped lines
/// continuing the previous one) up to a blank line, then the body up to the block's end line (`-------- Конец
/// пересылаемого сообщения --------`) or the end of the quote it sits in (Apple Mail quotes the whole forward with
/// `>`). Linear in the text: at most ``ForwardedMessage/maxScannedLines`` lines are searched for the separator.
struct ForwardBlockReader {
    struct Block {
        /// nil when the block has no From line with exactly one valid address.
        var from: MailAddress?
        var subject: String?
        var body: String
        /// The text above the separator line.
        var above: String
    }

    let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The first forward block, or nil when the text has no separator line.
    func read() -> Block? {
        for index in lines.indices.prefix(ForwardedMessage.maxScannedLines) {
            let (depth, content) = Self.unquoted(lines[index], upTo: 8)
            let normalized = Self.normalized(content)
            let isSeparator =
                Self.separators.contains(normalized) || Self.separators.contains(normalized + ":")
                || QuoteMarkers.separatorLines.contains(normalized)
                || QuoteMarkers.separatorLines.contains(normalized + ":")
            // Outlook's line of underscores starts a block only when a From line follows it.
            let isRule = content.count >= 10 && content.allSatisfy { $0 == "_" } && fromLineFollows(index, depth)
            if isSeparator || isRule { return block(at: index, depth: depth) }
        }
        return nil
    }

    private func fromLineFollows(_ index: Int, _ depth: Int) -> Bool {
        let next = lines[(index + 1)...].prefix(3).map { Self.unquoted($0, upTo: depth).content }.first {
            !$0.allSatisfy(\.isWhitespace)
        }
        return next.flatMap(Self.headerLine).map { Self.fromNames.contains($0.name) } ?? false
    }

    private func block(at separator: Int, depth: Int) -> Block {
        var index = separator + 1
        var blanks = 0
        while index < lines.count, blanks < 3, Self.unquoted(lines[index], upTo: depth).content.isBlank {
            index += 1
            blanks += 1
        }
        var fields: [(name: String, value: String)] = []
        var from: MailAddress?
        var sawAttribution = false
        while index < lines.count, fields.count < ForwardedMessage.maxHeaderLines {
            let content = Self.unquoted(lines[index], upTo: depth).content
            if content.isBlank { break }
            if let field = Self.headerLine(content) {
                fields.append(field)
            } else if let first = content.first, first == " " || first == "\t", !fields.isEmpty {
                fields[fields.count - 1].value += " " + content.trimmingCharacters(" \t")
            } else if fields.isEmpty, let attributed = Self.attribution(content) {
                // Yandex: `03.03.2025, 10:12, "Иван Петров" <ivan@example.ru>:` instead of header lines.
                from = attributed
                sawAttribution = true
                index += 1
                break
            } else {
                break
            }
            index += 1
        }
        if !sawAttribution, let value = fields.first(where: { Self.fromNames.contains($0.name) })?.value {
            from = Self.mailbox(value)
        }
        let subject = fields.first { Self.subjectNames.contains($0.name) }?.value.withoutControls
        return Block(
            from: from, subject: subject.map { $0.trimmingCharacters(" \t") }, body: body(from: index, depth: depth),
            above: lines[..<separator].joined(separator: "\n"))
    }

    /// The lines from `start` to the block's end line, or to the end of its quote, unquoted and trimmed.
    private func body(from start: Int, depth: Int) -> String {
        var kept: [Substring] = []
        // Bounded: the reader runs on every inbound mail; a longer original is cut here, whole in the ledger.
        for line in lines[start...].prefix(ForwardedMessage.maxBodyLines) {
            let (lineDepth, content) = Self.unquoted(line, upTo: depth)
            if lineDepth < depth, !content.isBlank { break }  // the quote holding the forward has ended
            if Self.endLines.contains(Self.normalized(content)) { break }
            kept.append(content)
        }
        // One slice, not repeated removeFirst(): a body of megabytes of blank lines stays linear.
        guard let first = kept.firstIndex(where: { !$0.isBlank }), let last = kept.lastIndex(where: { !$0.isBlank })
        else { return "" }
        return kept[first...last].map { String($0.trimmingTrailingBlanks) }.joined(separator: "\n")
    }

    // MARK: - Lines

    /// The line without up to `limit` leading `>` quote marks (and the blanks between them), and how many it had.
    static func unquoted(_ line: Substring, upTo limit: Int) -> (depth: Int, content: Substring) {
        var depth = 0
        var rest = line.last == "\r" ? line.dropLast() : line
        while depth < limit {
            let trimmed = rest.drop { $0 == " " }
            guard trimmed.first == ">" else { break }
            depth += 1
            rest = trimmed.dropFirst()
            if rest.first == " " { rest = rest.dropFirst() }
        }
        return (depth, rest)
    }

    /// Lowercased, without surrounding blanks, NBSPs, dashes, `=`, `*` and underscores; ` :` and `：` read as `:`.
    static func normalized(_ content: Substring) -> String {
        let decoration: Set<Character> = [" ", "\t", "\u{A0}", "-", "=", "*", "_", "—", "–"]
        let trimmed = content.drop { decoration.contains($0) }.reversed().drop { decoration.contains($0) }
        guard trimmed.count <= 60 else { return "" }
        return String(trimmed.reversed()).lowercased().replacingOccurrences(of: "：", with: ":")
            .replacingOccurrences(of: " :", with: ":").replacingOccurrences(of: "\u{A0}:", with: ":")
    }

    /// `Name: value` when the name (lowercased, bold marks removed, with its colon) is a known header name.
    static func headerLine(_ content: Substring) -> (name: String, value: String)? {
        let text = content.drop { $0 == "*" || $0 == " " }
        guard let colon = text.prefix(40).firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let name = text[..<colon].filter { $0 != "*" }.trimmingCharacters(" \t\u{A0}").lowercased() + ":"
        guard fromNames.contains(name) || subjectNames.contains(name) || QuoteMarkers.otherNames.contains(name)
        else { return nil }
        let value = text[text.index(after: colon)...].drop { $0 == "*" || $0 == " " || $0 == "\t" }
        return (name, String(value).trimmingCharacters(" \t"))
    }

    /// One mailbox as a From header would give it; nil for none, several, or one without a valid addr-spec.
    static func mailbox(_ value: String) -> MailAddress? {
        var value = Substring(value)
        // Outlook desktop writes `Name [mailto:addr]`.
        if value.hasSuffix("]"), let open = value.range(of: "[mailto:", options: .caseInsensitive) {
            value = value[..<open.lowerBound] + "<" + value[open.upperBound..<value.index(before: value.endIndex)] + ">"
        }
        // Bold names from HTML (`*Name* <addr>`).
        if let angle = value.firstIndex(of: "<") { value = value[..<angle].filter { $0 != "*" } + value[angle...] }
        var warnings = WarningLog(limit: 1)
        let parsed = AddressListParser.parse(
            Array(value.utf8), decoder: TextDecoder(), limit: 2, context: "forwarded From", warnings: &warnings)
        guard parsed.count == 1, AddrSpec.validated(parsed[0].address.utf8) != nil else { return nil }
        return parsed[0]
    }

    /// The mailbox of a `date, time, "Name" <addr>:` attribution line.
    static func attribution(_ content: Substring) -> MailAddress? {
        let line = content.trimmingCharacters(" \t")
        guard line.hasSuffix(">:"), let angle = line.lastIndex(of: "<") else { return nil }
        let start = line[..<angle].firstIndex(of: "\"") ?? angle
        return mailbox(String(line[start..<line.index(before: line.endIndex)]))
    }

    // MARK: - Vocabulary (lowercase)

    /// Separator lines not in ``QuoteMarkers/separatorLines``.
    static let separators: Set<String> = [
        "начало переадресованного сообщения:", "anfang der weitergeleiteten e-mail:", "début du message réexpédié:",
    ]

    /// The lines that end a block.
    static let endLines: Set<String> = [
        "end of forwarded message", "end forwarded message", "end original message", "end of original message",
        "конец пересылаемого сообщения", "конец пересланного сообщения", "ende der weitergeleiteten nachricht",
    ]

    static let fromNames: Set<String> = Set(QuoteMarkers.fromNames + ["отправитель:"])

    static let subjectNames: Set<String> = [
        "subject:", "тема:", "betreff:", "objet:", "sujet:", "asunto:", "assunto:", "oggetto:", "onderwerp:",
        "temat:", "předmět:", "ämne:", "emne:", "aihe:", "konu:", "主题:", "主旨:", "件名:", "제목:",
    ]
}

extension Substring {
    fileprivate var isBlank: Bool { allSatisfy { $0 == " " || $0 == "\t" || $0 == "\u{A0}" } }
    fileprivate var trimmingTrailingBlanks: Substring {
        var slice = self
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return slice
    }
}
