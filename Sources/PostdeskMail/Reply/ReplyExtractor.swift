/// Extracts what the sender wrote now from a reply: quoted history, reply headers and the signature removed.
///
/// Postdesk's own separator line wins; then the earliest of the known quote markers (``QuoteMarkers``);
/// `>`-quoted lines are dropped wherever they are (inline replies keep their answers); the signature starts at
/// the RFC 3676 §4.3 separator `-- ` or at a client's own line ("Sent from my iPhone", "Von meinem iPhone
/// gesendet", "Отправлено из мобильной Почты Mail.ru"). Without any marker the whole text is the reply.
enum ReplyExtractor {
    /// The separator Postdesk puts at the top of the mails it sends.
    static let separator = "##- Please type your reply above this line -##"

    /// The reply part of `text` (plain text, LF line ends).
    /// - Parameter text: the message text.
    static func reply(fromText text: String) -> String {
        var bytes = Array(text.utf8)
        if let found = findBytes(Array(separator.utf8), in: bytes, from: 0) {
            let lineStart = bytes[..<found].lastIndex(of: ASCII.lf).map { $0 + 1 } ?? 0
            bytes.removeSubrange(lineStart...)
        }
        let lines = bytes.split(separator: ASCII.lf, omittingEmptySubsequences: false)
        var start = 0
        var cut = QuoteMarkers.firstMarker(in: lines) ?? lines.count
        if cut < lines.count, let answers = interleavedStart(lines, marker: cut) {
            // "On … wrote:" above everything: the sender answered between the quoted lines.
            start = answers
            let rest = Array(lines[answers...])
            cut = answers + (QuoteMarkers.firstMarker(in: rest, skippingQuoted: true) ?? rest.count)
        }
        var kept: [ArraySlice<UInt8>] = []
        kept.reserveCapacity(cut - start)
        var afterQuote = false
        for index in start..<cut {
            let line = lines[index]
            let content = line.last == ASCII.cr ? line.dropLast() : line
            if content.elementsEqual("-- ".utf8) || content.elementsEqual("--".utf8) { break }  // RFC 3676 §4.3
            if QuoteMarkers.isClientSignature(content), Self.onlyQuotesFollow(lines, after: index, upTo: cut) {
                break  // "Sent from my iPhone" as the last line the sender's client wrote
            }
            if content.first == ASCII.greaterThan {
                // Drop the quoted line and an attribution line just before its block ("… wrote:"), looking back
                // two lines at most (a longer look would make runs of blank lines quadratic).
                if !afterQuote,
                    let position = kept.indices.suffix(3).last(where: { !kept[$0].trimmedWhitespace().isEmpty }),
                    kept[position].trimmedWhitespace().last == ASCII.colon, kept.count - position <= 2
                {
                    kept.removeSubrange(position...)
                }
                afterQuote = true
                continue
            }
            let cleaned = withoutTrailingBlanks(content)
            // Blank lines on both sides of a dropped quote become one.
            if cleaned.isEmpty, afterQuote, kept.last?.isEmpty ?? true { continue }
            afterQuote = afterQuote && cleaned.isEmpty
            kept.append(cleaned)
        }
        let joined = Array(kept.joined(separator: [ASCII.lf]))
        return String(decoding: joined.trimmedWhitespace(), as: UTF8.self)
    }

    /// Where the answers start when an attribution line opens the text and quoted lines follow it (an inline,
    /// interleaved reply), or nil.
    private static func interleavedStart(_ lines: [ArraySlice<UInt8>], marker: Int) -> Int? {
        guard lines[..<marker].allSatisfy({ $0.trimmedWhitespace().isEmpty }) else { return nil }
        var next = marker + 1
        // A wrapped attribution ("On …, Name <a@b>" + "wrote:") takes two lines.
        if next < lines.count, lines[next].first != ASCII.greaterThan, lines[next].trimmedWhitespace().last == ASCII.colon {
            next += 1
        }
        while next < lines.count, lines[next].trimmedWhitespace().isEmpty { next += 1 }
        guard next < lines.count, lines[next].first == ASCII.greaterThan else { return nil }
        return next
    }

    /// `line` without trailing blanks, non-breaking and ideographic spaces included: Outlook writes its empty
    /// paragraphs as a lone NBSP, and nobody types trailing spaces on purpose.
    private static func withoutTrailingBlanks(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var end = line.endIndex
        while end > line.startIndex {
            if ASCII.isWhitespace(line[end - 1]) {
                end -= 1
            } else if end - line.startIndex >= 2, line[end - 2] == 0xC2, line[end - 1] == 0xA0 {
                end -= 2
            } else if end - line.startIndex >= 3, line[end - 3] == 0xE3, line[end - 2] == 0x80, line[end - 1] == 0x80 {
                end -= 3
            } else {
                break
            }
        }
        return line[line.startIndex..<end]
    }

    /// Whether the lines after `index` (up to `cut`) are blank or `>`-quoted, or a signature separator starts.
    private static func onlyQuotesFollow(_ lines: [ArraySlice<UInt8>], after index: Int, upTo cut: Int) -> Bool {
        for line in lines[(index + 1)..<cut] {
            let content = line.trimmedWhitespace()
            if content.isEmpty || content.first == ASCII.greaterThan { continue }
            return content.elementsEqual("--".utf8)
        }
        return true
    }

    /// The reply part of an HTML body: cut at the first quote container, converted, then text rules.
    /// - Parameters:
    ///   - html: the decoded HTML body.
    ///   - converter: the HTML→text converter.
    ///   - limit: the most bytes converted.
    ///   - converted: the whole HTML already converted, reused when there is nothing to cut.
    static func reply(fromHTML html: String, converted: String? = nil, converter: HTMLToText, limit: Int) -> String {
        let cut = QuoteMarkers.htmlCut(in: html)
        if cut == html.endIndex, let converted { return reply(fromText: converted) }
        return reply(fromText: converter.convert(String(html[..<cut]), limit: limit))
    }
}
