extension MultipartSplitter {
    /// The boundary of the body's first delimiter-looking line, for a multipart whose declared boundary never
    /// appears (or is missing): mailers that rewrite one of the two without the other leave the parts intact
    /// behind another `--token`.
    ///
    /// A candidate line is `--` followed by 1–100 boundary characters (RFC 2046 §5.1.1 `bchars`, not only `-`)
    /// and optional blanks, and the line after it must be a `Content-…:` field, as the first line of a body part
    /// from a mailer is; this keeps a signature separator (`-- `), a ruler of dashes or a `--option` line of
    /// pasted text from being taken for a boundary (the text before it would be dropped as preamble). The body must
    /// also close that boundary (`--token--` on a line of its own further down): a customer's `--verbose` followed
    /// by a pasted `Content-Length:` line is text, not a part.
    /// - Parameters:
    ///   - raw: the whole message.
    ///   - body: the multipart entity's body.
    /// - Returns: the boundary, without the leading `--`, or nil.
    static func recoveredBoundary(_ raw: [UInt8], body: Range<Int>) -> [UInt8]? {
        var lineStart = body.lowerBound
        while lineStart < body.upperBound {
            let lineFeed = findByte(ASCII.lf, in: raw, from: lineStart, to: body.upperBound)
            let lineEnd = lineFeed ?? body.upperBound
            if let token = delimiterToken(raw, line: lineStart..<lineEnd), let lineFeed,
                startsWithContentField(raw, from: lineFeed + 1, to: body.upperBound),
                findBytes(Array("\n--".utf8) + token + Array("--".utf8), in: raw, from: lineFeed, to: body.upperBound)
                    != nil
            {
                return token
            }
            guard let lineFeed else { return nil }
            lineStart = lineFeed + 1
        }
        return nil
    }

    /// The token of a `--token` line, or nil when the line is not one.
    private static func delimiterToken(_ raw: [UInt8], line: Range<Int>) -> [UInt8]? {
        guard line.count >= 3, raw[line.lowerBound] == ASCII.minus, raw[line.lowerBound + 1] == ASCII.minus else {
            return nil
        }
        var end = line.upperBound
        while end > line.lowerBound + 2, ASCII.isWhitespace(raw[end - 1]) { end -= 1 }
        let token = raw[(line.lowerBound + 2)..<end]
        guard (1...100).contains(token.count), token.allSatisfy(isBoundaryCharacter),
            token.contains(where: { $0 != ASCII.minus }), token.first != ASCII.space
        else { return nil }
        return Array(token)
    }

    /// RFC 2046 §5.1.1 `bchars`: digits, letters, `'()+_,-./:=?` and space.
    private static func isBoundaryCharacter(_ byte: UInt8) -> Bool {
        if ASCII.isDigit(byte) || ASCII.isAlpha(byte) { return true }
        switch byte {
        case ASCII.apostrophe, ASCII.openParen, ASCII.closeParen, ASCII.plus, ASCII.underscore, ASCII.comma,
            ASCII.minus, ASCII.dot, ASCII.slash, ASCII.colon, ASCII.equals, ASCII.question, ASCII.space:
            return true
        default:
            return false
        }
    }

    /// Whether `raw[from..<to]` starts with `Content-name:`, the name printable ASCII without blanks.
    private static func startsWithContentField(_ raw: [UInt8], from: Int, to end: Int) -> Bool {
        guard end - from > 8, raw[from..<(from + 8)].equalsIgnoringCase("content-") else { return false }
        var index = from + 8
        while index < end, index - from <= 76 {
            let byte = raw[index]
            if byte == ASCII.colon { return index > from + 8 }
            guard byte > ASCII.space, byte < 0x7F else { return false }
            index += 1
        }
        return false
    }
}
