/// Decodes RFC 2047 encoded words (`=?charset?B|Q?text?=`) in an unfolded header value.
///
/// Whitespace between adjacent encoded words is dropped (§6.2); adjacent words in the same charset are
/// joined before decoding, so a multi-byte character split across words survives; malformed words stay
/// literal; 8-bit bytes outside words are read as UTF-8 (RFC 6532) or guessed.
enum EncodedWords {
    /// Longest encoded word accepted (RFC 2047 §2 says 75; real mail exceeds it).
    static let maxWordLength = 4096

    /// Decodes `value`.
    /// - Parameters:
    ///   - value: an unfolded header value (or part of one).
    ///   - decoder: decodes charsets.
    ///   - context: names the header in warnings.
    ///   - warnings: where repairs are recorded.
    static func decode(
        _ value: some Collection<UInt8>, decoder: TextDecoder, context: String, warnings: inout WarningLog
    ) -> String {
        let bytes = Array(value)
        guard findBytes([ASCII.equals, ASCII.question], in: bytes, from: 0) != nil else {
            return decoder.decode(bytes, label: nil, context: context, warnings: &warnings)
        }
        var result = ""
        var literal: [UInt8] = []
        var pending: (charset: String, bytes: [UInt8])?
        var lastWasWord = false

        func flushLiteral() {
            if !literal.isEmpty {
                result += decoder.decode(literal, label: nil, context: context, warnings: &warnings)
                literal.removeAll(keepingCapacity: true)
            }
        }
        func flushPending() {
            if let word = pending {
                result += decoder.decode(word.bytes, label: word.charset, context: context, warnings: &warnings)
                pending = nil
            }
        }

        var index = 0
        while index < bytes.count {
            if bytes[index] == ASCII.equals, index + 1 < bytes.count, bytes[index + 1] == ASCII.question,
                let word = parseWord(bytes, at: index)
            {
                if lastWasWord, literal.allSatisfy(ASCII.isWhitespace) {
                    literal.removeAll(keepingCapacity: true)
                }
                if let current = pending, current.charset.lowercased() == word.charset.lowercased(), literal.isEmpty {
                    pending?.bytes.append(contentsOf: word.bytes)
                } else {
                    flushPending()
                    flushLiteral()
                    pending = (word.charset, word.bytes)
                }
                lastWasWord = true
                index = word.end
                continue
            }
            if !ASCII.isWhitespace(bytes[index]) {
                if lastWasWord { flushPending() }
                lastWasWord = false
            }
            if !lastWasWord { flushPending() }
            literal.append(bytes[index])
            index += 1
        }
        flushPending()
        flushLiteral()
        return result
    }

    /// One encoded word starting at `start`: its charset (language suffix removed), decoded bytes and end.
    static func parseWord(_ bytes: [UInt8], at start: Int) -> (charset: String, bytes: [UInt8], end: Int)? {
        var index = start + 2
        let limit = min(bytes.count, start + maxWordLength)
        let charsetStart = index
        while index < limit, bytes[index] != ASCII.question, !ASCII.isWhitespace(bytes[index]) { index += 1 }
        guard index < limit, bytes[index] == ASCII.question, index > charsetStart else { return nil }
        var charsetBytes = bytes[charsetStart..<index]
        if let star = charsetBytes.firstIndex(of: ASCII.asterisk) { charsetBytes = charsetBytes[..<star] }
        index += 1
        guard index + 1 < limit, bytes[index + 1] == ASCII.question else { return nil }
        let encoding = ASCII.lower(bytes[index])
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        index += 2
        let textStart = index
        var sawBlank = false
        while index + 1 < limit {
            let byte = bytes[index]
            if byte == ASCII.question, bytes[index + 1] == ASCII.equals { break }
            if ASCII.isWhitespace(byte) {
                // Blanks are not allowed inside a word (§5); tolerated in short Q words, which some mailers send.
                guard encoding == UInt8(ascii: "q"), index - textStart < 200 else { return nil }
                sawBlank = true
            } else if sawBlank, byte == ASCII.equals, bytes[index + 1] == ASCII.question {
                return nil  // another word starts: this one was never closed
            }
            index += 1
        }
        guard index + 1 < limit, bytes[index] == ASCII.question, bytes[index + 1] == ASCII.equals else { return nil }
        let text = bytes[textStart..<index]
        let decoded = encoding == UInt8(ascii: "b") ? Base64.decode(text).bytes : QuotedPrintable.decodeQ(text)
        return (String(decoding: charsetBytes, as: UTF8.self), decoded, index + 2)
    }
}
