/// Reads the header section at the start of a message or body part (RFC 5322 §2.2, §3.5).
///
/// Tolerates LF or CRLF line ends, an mbox `From ` line, missing empty lines, field names with trailing
/// blanks, and continuation lines before the first field; cuts sections longer than ``MailLimits/maxHeaderBytes``.
enum HeaderSectionReader {
    /// Reads `raw[range]`'s header section.
    /// - Parameters:
    ///   - raw: the whole message.
    ///   - range: where the entity (headers and body) lies.
    ///   - limits: header size and count limits.
    ///   - warnings: where repairs are recorded.
    static func read(_ raw: [UInt8], in range: Range<Int>, limits: MailLimits, warnings: inout WarningLog)
        -> HeaderSection
    {
        var section = HeaderSection()
        var position = range.lowerBound
        let end = range.upperBound
        let headerLimit = min(end, range.lowerBound &+ limits.maxHeaderBytes)
        var current: (name: String, start: Int, end: Int)?
        var isFirstLine = true

        func flush() {
            if let field = current {
                if section.fields.count < limits.maxHeaderCount {
                    section.fields.append(HeaderField(name: field.name, raw: raw[field.start..<field.end]))
                } else if section.fields.count == limits.maxHeaderCount {
                    warnings.add("more than \(limits.maxHeaderCount) header fields; the rest were ignored")
                }
            }
            current = nil
        }

        while position < end {
            if position >= headerLimit {
                warnings.add("header section longer than \(limits.maxHeaderBytes) bytes; the rest was skipped")
                flush()
                section.bodyStart = skipToEmptyLine(raw, from: position, end: end)
                return section
            }
            let lineFeed = findByte(ASCII.lf, in: raw, from: position, to: end)
            let lineEnd = lineFeed ?? end
            let next = lineFeed.map { $0 + 1 } ?? end
            var contentEnd = lineEnd
            if contentEnd > position, raw[contentEnd - 1] == ASCII.cr { contentEnd -= 1 }

            if contentEnd == position {  // the empty line
                flush()
                section.bodyStart = next
                return section
            }
            let first = raw[position]
            if ASCII.isWSP(first) {
                if current != nil {
                    current?.end = contentEnd
                } else if !isFirstLine || raw[position..<contentEnd].trimmedWhitespace().isEmpty == false {
                    warnings.add("header continuation line without a field; ignored")
                }
            } else if let colon = fieldColon(raw, from: position, to: contentEnd) {
                flush()
                let nameBytes = raw[position..<colon].trimmedWhitespace()
                current = (String(decoding: nameBytes, as: UTF8.self), colon + 1, contentEnd)
            } else if isFirstLine, raw[position..<contentEnd].hasPrefixIgnoringCase("From ") {
                // mbox separator line (RFC 4155); not a header field.
            } else if headerFollows(raw, from: next, end: min(end, headerLimit)) {
                // A stray line inside the header section: a fold without leading blank, or junk before the
                // first field (e.g. "---- Original email message ----").
                if current != nil {
                    current?.end = contentEnd
                    warnings.add("header line without leading blank read as a continuation")
                } else {
                    warnings.add("junk line before the header fields skipped")
                }
            } else {
                flush()
                if section.fields.isEmpty {
                    section.bodyStart = position
                } else {
                    warnings.add("header section not ended by an empty line; body starts at the first non-header line")
                    section.bodyStart = position
                }
                return section
            }
            isFirstLine = false
            position = next
        }
        flush()
        section.bodyStart = end
        return section
    }

    /// The colon ending a field name: printable ASCII without spaces, allowing blanks just before the colon.
    private static func fieldColon(_ raw: [UInt8], from start: Int, to end: Int) -> Int? {
        var index = start
        var sawBlank = false
        while index < end {
            let byte = raw[index]
            if byte == ASCII.colon { return index > start ? index : nil }
            if ASCII.isWSP(byte) {
                sawBlank = true
            } else if sawBlank || byte < 0x21 || byte > 0x7E {
                return nil
            }
            index += 1
            if index - start > 200 { return nil }
        }
        return nil
    }

    /// Fields that show a header section goes on.
    private static let wellKnown = [
        "from:", "to:", "subject:", "date:", "message-id:", "content-type:", "mime-version:", "received:",
        "return-path:", "reply-to:", "cc:",
    ]

    /// Whether a well-known header field starts a line before the next empty line (looking at most 64 KiB
    /// and 200 lines ahead).
    private static func headerFollows(_ raw: [UInt8], from start: Int, end: Int) -> Bool {
        var position = start
        var lines = 0
        let limit = min(end, start + 65_536)
        while position < limit, lines < 200 {
            let lineEnd = findByte(ASCII.lf, in: raw, from: position, to: limit) ?? limit
            var contentEnd = lineEnd
            if contentEnd > position, raw[contentEnd - 1] == ASCII.cr { contentEnd -= 1 }
            if contentEnd == position { return false }
            let line = raw[position..<contentEnd]
            if wellKnown.contains(where: { line.hasPrefixIgnoringCase($0) }) { return true }
            position = lineEnd + 1
            lines += 1
        }
        return false
    }

    /// The index after the next empty line at or after `from`, or `end`.
    private static func skipToEmptyLine(_ raw: [UInt8], from: Int, end: Int) -> Int {
        var position = from
        while position < end, let lf = findByte(ASCII.lf, in: raw, from: position, to: end) {
            let next = lf + 1
            if next < end, raw[next] == ASCII.lf { return next + 1 }
            if next + 1 < end, raw[next] == ASCII.cr, raw[next + 1] == ASCII.lf { return next + 2 }
            position = next
        }
        return end
    }
}
