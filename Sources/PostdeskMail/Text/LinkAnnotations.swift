/// Removes the link annotations Outlook and other clients add when they derive the text/plain alternative from
/// HTML: `www.example.com<http://www.example.com/>` or `a@b.de <mailto:a@b.de>`, where the annotation only
/// repeats the link text. The sender typed the link once; the duplicate is the client's, and it splits
/// sentences and addresses for every reader (and breaks word-level comparison with the HTML part).
/// Annotations that say more than the text (`click here <http://…>`) stay.
enum LinkAnnotations {
    /// `text` without redundant `<url>` annotations.
    static func collapse(_ text: String) -> String {
        guard text.utf8.contains(ASCII.lessThan) else { return text }
        let bytes = Array(text.utf8)
        let count = bytes.count
        var output: [UInt8] = []
        var copied = 0
        var position = 0
        var changed = false
        while let open = findByte(ASCII.lessThan, in: bytes, from: position, to: count) {
            position = open + 1
            guard let schemeEnd = schemeLength(bytes, at: open + 1) else { continue }
            var close = open + 1 + schemeEnd
            while close < count, close - open < 2048, bytes[close] != ASCII.greaterThan,
                !ASCII.isWhitespace(bytes[close])
            {
                close += 1
            }
            guard close < count, bytes[close] == ASCII.greaterThan else {
                // Every `<` before `close` would stop at the same blank: skip them (keeps this linear).
                position = max(position, close)
                continue
            }
            var textEnd = open
            if textEnd > copied, bytes[textEnd - 1] == ASCII.space { textEnd -= 1 }
            var textStart = textEnd
            while textStart > copied, !ASCII.isWhitespace(bytes[textStart - 1]),
                bytes[textStart - 1] != ASCII.openParen, bytes[textStart - 1] != ASCII.greaterThan,
                textEnd - textStart < 2048
            {
                textStart -= 1
            }
            guard textStart < textEnd,
                normalized(bytes[textStart..<textEnd]) == normalized(bytes[(open + 1)..<close])
            else { continue }
            if !changed {
                output.reserveCapacity(count)
                changed = true
            }
            output.append(contentsOf: bytes[copied..<textEnd])
            copied = close + 1
            position = copied
        }
        guard changed else { return text }
        output.append(contentsOf: bytes[copied..<count])
        return String(decoding: output, as: UTF8.self)
    }

    /// The length of `http://`, `https://` or `mailto:` at `index`, or nil.
    private static func schemeLength(_ bytes: [UInt8], at index: Int) -> Int? {
        for scheme in ["http://", "https://", "mailto:"] {
            let length = scheme.utf8.count
            if index + length <= bytes.count, bytes[index..<(index + length)].hasPrefixIgnoringCase(scheme) {
                return length
            }
        }
        return nil
    }

    /// Lowercased, without scheme, `www.`, trailing slash and trailing sentence punctuation.
    private static func normalized(_ slice: ArraySlice<UInt8>) -> [UInt8] {
        var value = slice.map(ASCII.lower)
        for prefix in ["mailto:", "https://", "http://", "www."] where value.starts(with: prefix.utf8) {
            value.removeFirst(prefix.utf8.count)
        }
        while let last = value.last, last == ASCII.slash || last == ASCII.dot || last == ASCII.comma {
            value.removeLast()
        }
        return value
    }
}
