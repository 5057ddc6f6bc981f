/// Decides whether ``ParsedMail/text`` comes from the text/plain or the text/html representation of a body.
///
/// RFC 2046 §5.1.4 says the parts of a `multipart/alternative` carry the same content; the plain one is kept
/// when they do, because it is what the sender's client wrote as text (no conversion artefacts, `>` quotes
/// intact). Real mail breaks that promise: the plain part is a stub ("view this newsletter online"), stale
/// (Apple Mail and Outlook keep an older draft: zammad mail003 greets "Fritz" in text and "Martin" in HTML), or
/// another text altogether (spam). Every mainstream client shows the HTML, so that is what the sender saw and
/// what the operator must see; the choice is recorded in ``ParsedMail/warnings``.
enum AlternativeComparison {
    enum Choice: Equatable {
        case plain
        /// The HTML; `reason` is the warning text.
        case html(reason: String)
    }

    /// Compares the plain text with the HTML converted to text (its title included).
    /// - Parameters:
    ///   - plain: the text/plain body.
    ///   - html: the HTML body converted to text.
    static func choose(plain: String, html: String) -> Choice {
        let plainWords = words(plain)
        let htmlWords = words(html)
        guard !htmlWords.isEmpty else { return .plain }
        if plainWords.count * 3 < htmlWords.count, htmlWords.count >= 30 {
            return .html(
                reason: "text/plain alternative is a stub (\(plainWords.count) of \(htmlWords.count) words); "
                    + "text read from the HTML part")
        }
        // Multisets: a name replaced in one place only (mail008's signature address) still counts.
        var balance: [[UInt8]: Int] = [:]
        balance.reserveCapacity(plainWords.count)
        for word in plainWords { balance[word, default: 0] += 1 }
        for word in htmlWords { balance[word, default: 0] -= 1 }
        var onlyPlain = 0, onlyHTML = 0
        for value in balance.values {
            if value > 0 { onlyPlain += value } else { onlyHTML -= value }
        }
        let shared = plainWords.count - onlyPlain
        if htmlWords.count >= 8, shared * 2 < plainWords.count, shared * 2 < htmlWords.count {
            return .html(
                reason: "text/plain and text/html alternatives are different texts (\(shared) words in common); "
                    + "text read from the HTML part")
        }
        // Short texts (under 20 words) are often written twice on purpose by programs (notifications, our own
        // composer): a different wording there is no evidence that the plain part is wrong.
        if onlyPlain > 0, onlyHTML > 0, htmlWords.count >= 20 {
            return .html(
                reason: "text/plain and text/html alternatives differ (\(Self.words(onlyHTML)) only in the HTML, "
                    + "\(Self.words(onlyPlain)) only in the plain text); text read from the HTML part")
        }
        return .plain
    }

    /// "1 word", "2 words".
    private static func words(_ count: Int) -> String { count == 1 ? "1 word" : "\(count) words" }

    /// Words of letters, ASCII-lowercased (digits and symbols split words and are ignored: phone numbers and
    /// link annotations are formatted differently by every converter); URLs, `<…>` annotations and `[…]` image
    /// placeholders (`[cid:image001.png@…]`, alt text) are skipped. Works on the UTF-8 bytes: every non-ASCII
    /// sequence counts as a letter except no-break space and the General/CJK Punctuation blocks.
    static func words(_ text: String) -> [[UInt8]] {
        var bytes = Array(text.utf8)
        let count = bytes.count
        for index in 0..<count where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
        var result: [[UInt8]] = []
        var wordStart = -1
        var index = 0
        func close(_ end: Int) {
            if wordStart >= 0, end - wordStart >= 2 {
                let word = bytes[wordStart..<end]
                // "mailto" and "cid" are link syntax, not words.
                let isStopWord =
                    (end - wordStart == 6 && word.elementsEqual("mailto".utf8))
                    || (end - wordStart == 3 && word.elementsEqual("cid".utf8))
                if !isStopWord { result.append(Array(word)) }
            }
            wordStart = -1
        }
        while index < count {
            let byte = bytes[index]
            if byte == 0x5B || byte == ASCII.lessThan {
                close(index)
                let closing = byte == 0x5B ? 0x5D : ASCII.greaterThan
                var end = index + 1
                while end < count, end - index < 200, bytes[end] != closing, bytes[end] != ASCII.lf { end += 1 }
                index = end + 1
                continue
            }
            if byte >= 0x80 {
                var length = 1
                if byte >= 0xF0 { length = 4 } else if byte >= 0xE0 { length = 3 } else if byte >= 0xC0 { length = 2 }
                let separator =
                    (byte == 0xC2 && index + 1 < count && bytes[index + 1] == 0xA0)
                    || ((byte == 0xE2 || byte == 0xE3) && index + 1 < count && bytes[index + 1] == 0x80)
                if separator { close(index) } else if wordStart < 0 { wordStart = index }
                index += length
                continue
            }
            if ASCII.isAlpha(byte) {
                if wordStart < 0 {
                    if hasURLPrefix(bytes, at: index) {
                        while index < count, !ASCII.isWhitespace(bytes[index]) { index += 1 }
                        continue
                    }
                    wordStart = index
                }
            } else {
                close(index)
            }
            index += 1
        }
        close(count)
        return result
    }

    private static func hasURLPrefix(_ bytes: [UInt8], at index: Int) -> Bool {
        let first = bytes[index]
        guard first == UInt8(ascii: "h") || first == UInt8(ascii: "w") else { return false }
        for prefix in ["http:", "https:", "www."] {
            let utf8 = prefix.utf8
            if index + utf8.count <= bytes.count, bytes[index..<(index + utf8.count)].elementsEqual(utf8) {
                return true
            }
        }
        return false
    }
}
