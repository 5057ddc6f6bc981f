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
        let cut = QuoteMarkers.firstMarker(in: lines) ?? lines.count
        var kept: [ArraySlice<UInt8>] = []
        kept.reserveCapacity(cut)
        let ended = keep(lines, 0..<cut, into: &kept)
        if !ended, cut < lines.count, let answers = answersAfterQuote(lines, marker: cut) {
            // "On … wrote:" followed by `>` lines: text below the quote is the sender's too (inline answers,
            // bottom-posting); it runs to the next marker outside the quotes.
            let rest = Array(lines[answers...])
            let end = answers + (QuoteMarkers.firstMarker(in: rest, skippingQuoted: true) ?? rest.count)
            while kept.last?.isEmpty == true { kept.removeLast() }
            if !kept.isEmpty { kept.append([]) }
            _ = keep(lines, answers..<end, into: &kept, afterQuote: true)
        }
        let joined = Array(kept.joined(separator: [ASCII.lf]))
        return String(decoding: joined.trimmedWhitespace(), as: UTF8.self)
    }

    /// Appends the sender's lines of `range` to `kept`: `>` lines dropped with the attribution just above their
    /// block, blank lines around a dropped quote merged. Returns whether a signature ended the reply.
    private static func keep(
        _ lines: [ArraySlice<UInt8>], _ range: Range<Int>, into kept: inout [ArraySlice<UInt8>],
        afterQuote startsAfterQuote: Bool = false
    ) -> Bool {
        var afterQuote = startsAfterQuote
        for index in range {
            let line = lines[index]
            let content = line.last == ASCII.cr ? line.dropLast() : line
            if content.elementsEqual("-- ".utf8) || content.elementsEqual("--".utf8) { return true }  // RFC 3676 §4.3
            if QuoteMarkers.isAppSignature(content) { return true }  // "Get Outlook for iOS": history follows
            if QuoteMarkers.isClientSignature(content),
                Self.onlyQuotesFollow(lines, after: index, upTo: range.upperBound)
            {
                return true  // "Sent from my iPhone" as the last line the sender's client wrote
            }
            if content.first == ASCII.greaterThan {
                // Drop the quoted line and an attribution line just before its block ("… wrote:"), looking back
                // two lines at most (a longer look would make runs of blank lines quadratic).
                if !afterQuote,
                    let position = kept.indices.suffix(3).last(where: { !kept[$0].trimmedWhitespace().isEmpty }),
                    kept.count - position <= 2, QuoteMarkers.introducesQuote(kept[position])
                {
                    kept.removeSubrange(position...)
                }
                afterQuote = true
                continue
            }
            if isImagePlaceholder(content) { continue }  // "[cid:image001.png@…]", "[image: logo.png]"
            let cleaned = withoutTrailingBlanks(content)
            // Blank lines on both sides of a dropped quote become one.
            if cleaned.isEmpty, afterQuote, kept.last?.isEmpty ?? true { continue }
            afterQuote = afterQuote && cleaned.isEmpty
            kept.append(cleaned)
        }
        return false
    }

    /// Where the sender's text resumes when the marker at `marker` is an attribution ("… wrote:", possibly
    /// wrapped) followed by `>` lines: the first line after that attribution, or nil.
    private static func answersAfterQuote(_ lines: [ArraySlice<UInt8>], marker: Int) -> Int? {
        var next = marker + 1
        // A wrapped attribution ("On …, Name <a@b>" + "wrote:") takes two or three lines.
        for _ in 0..<2 where lines[marker].trimmedWhitespace().last != ASCII.colon {
            guard next < lines.count, lines[next].first != ASCII.greaterThan else { break }
            next += 1
            if lines[next - 1].trimmedWhitespace().last == ASCII.colon { break }
        }
        guard lines[next - 1].trimmedWhitespace().last == ASCII.colon else { return nil }
        while next < lines.count, lines[next].trimmedWhitespace().isEmpty { next += 1 }
        guard next < lines.count, lines[next].first == ASCII.greaterThan else { return nil }
        return next
    }

    /// Whether `line` holds nothing but image placeholders: Outlook writes `[cid:image001.png@01DA…]` and Gmail
    /// `[image: logo.png]` into the plain part where the HTML has a picture. Nobody typed them.
    private static func isImagePlaceholder(_ line: ArraySlice<UInt8>) -> Bool {
        var rest = line.trimmedWhitespace()
        guard rest.first == UInt8(ascii: "[") else { return false }
        while let open = rest.first, open == UInt8(ascii: "[") {
            let inner = rest.dropFirst()
            guard inner.hasPrefixIgnoringCase("cid:") || inner.hasPrefixIgnoringCase("image:"),
                let close = inner.firstIndex(of: UInt8(ascii: "]"))
            else { return false }
            rest = rest[(close + 1)...].trimmedWhitespace()
        }
        return rest.isEmpty
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
