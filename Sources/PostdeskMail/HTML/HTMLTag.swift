/// One tag of an HTML token stream (WHATWG HTML §13.2.5, simplified): name, whether closing or self-closing,
/// and where its attributes lie. Comments, doctypes and processing instructions parse as a tag named `!`.
struct HTMLTag {
    var name: String
    var isClosing: Bool
    var isSelfClosing: Bool
    var attributes: Range<Int>
    /// The index after `>`.
    var end: Int

    /// Parses the tag at `start` (which holds `<`); nil when `<` starts no tag (then it is text).
    static func parse(_ input: [UInt8], at start: Int) -> HTMLTag? {
        let count = input.count
        var index = start + 1
        guard index < count else { return nil }
        if input[index] == UInt8(ascii: "!") || input[index] == ASCII.question {
            if index + 2 < count, input[index + 1] == ASCII.minus, input[index + 2] == ASCII.minus {
                let close = findBytes(Array("-->".utf8), in: input, from: index + 3).map { $0 + 3 } ?? count
                return HTMLTag(name: "!", isClosing: false, isSelfClosing: true, attributes: start..<start, end: close)
            }
            let close = findByte(ASCII.greaterThan, in: input, from: index, to: count).map { $0 + 1 } ?? count
            return HTMLTag(name: "!", isClosing: false, isSelfClosing: true, attributes: start..<start, end: close)
        }
        var closing = false
        if input[index] == ASCII.slash {
            closing = true
            index += 1
        }
        let nameStart = index
        while index < count,
            ASCII.isAlpha(input[index]) || ASCII.isDigit(input[index]) || input[index] == ASCII.colon
                || input[index] == ASCII.minus
        {
            index += 1
        }
        guard index > nameStart, ASCII.isAlpha(input[nameStart]) else { return nil }
        var name = String(decoding: input[nameStart..<index], as: UTF8.self)
        if name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { name = name.lowercased() }
        let attributesStart = index
        var quote: UInt8?
        while index < count {
            let byte = input[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == ASCII.quote || byte == ASCII.apostrophe {
                if index > 0, input[index - 1] == ASCII.equals || ASCII.isWhitespace(input[index - 1]) { quote = byte }
            } else if byte == ASCII.greaterThan {
                break
            }
            index += 1
            if quote != nil, index - start > 65_536 { quote = nil }  // runaway quote: give up on it
        }
        let selfClosing = index > attributesStart && input[index - 1] == ASCII.slash
        return HTMLTag(
            name: name, isClosing: closing, isSelfClosing: selfClosing, attributes: attributesStart..<min(index, count),
            end: min(index + 1, count)
        )
    }

    /// The decoded value of attribute `wanted` (lowercase), or nil.
    func attribute(_ wanted: String, in input: [UInt8]) -> String? {
        var index = attributes.lowerBound
        let end = attributes.upperBound
        while index < end {
            while index < end, ASCII.isWhitespace(input[index]) || input[index] == ASCII.slash { index += 1 }
            let nameStart = index
            while index < end, input[index] != ASCII.equals, !ASCII.isWhitespace(input[index]) { index += 1 }
            let name = input[nameStart..<index]
            while index < end, ASCII.isWhitespace(input[index]) { index += 1 }
            var value: Range<Int> = index..<index
            if index < end, input[index] == ASCII.equals {
                index += 1
                while index < end, ASCII.isWhitespace(input[index]) { index += 1 }
                if index < end, input[index] == ASCII.quote || input[index] == ASCII.apostrophe {
                    let quote = input[index]
                    let valueStart = index + 1
                    index = valueStart
                    while index < end, input[index] != quote { index += 1 }
                    value = valueStart..<index
                    index += 1
                } else {
                    let valueStart = index
                    while index < end, !ASCII.isWhitespace(input[index]) { index += 1 }
                    value = valueStart..<index
                }
            }
            if name.equalsIgnoringCase(wanted) {
                var writer = TextWriter()
                writer.text(input, value, pre: true)
                return writer.finish()
            }
            if index == nameStart { index += 1 }
        }
        return nil
    }
}
