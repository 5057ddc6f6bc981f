/// The lexical layer of ``AuthenticationResults``: CFWS (RFC 5322 §3.2.2, comments nest), tokens and quoted strings
/// (RFC 2045 `value`), read from the bytes of one field value. Every step advances or reports that it cannot, so a
/// hostile value ends the loop in linear time.
struct AuthenticationResultsScanner {
    struct Token {
        var text: String
        var quoted: Bool
        /// The position after the token.
        var end: Int
    }

    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }

    /// Skips blanks, line breaks and comments, `(` … `)` with nesting and `\` quoting; an unclosed comment runs to
    /// the end.
    mutating func skipCFWS() {
        var depth = 0
        while position < bytes.count {
            let byte = bytes[position]
            if depth > 0 {
                if byte == ASCII.backslash {
                    position += 1
                } else if byte == UInt8(ascii: "(") {
                    depth += 1
                } else if byte == UInt8(ascii: ")") {
                    depth -= 1
                }
            } else if byte == UInt8(ascii: "(") {
                depth = 1
            } else if !ASCII.isWhitespace(byte) {
                return
            }
            position += 1
        }
    }

    /// Consumes `byte` when it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Moves to the next `;` (or the end) without consuming it.
    mutating func skipToSemicolon() {
        while position < bytes.count, bytes[position] != ASCII.semicolon {
            if bytes[position] == ASCII.quote, let token = peekToken() {
                position = token.end
                continue
            }
            position += 1
        }
    }

    /// The token or quoted string at the position, not consumed; nil when a delimiter (`;`, `=`, `(`, `)`) or the end
    /// is next. With `allowEquals`, `=` belongs to the token (base64 in `header.b=…`).
    func peekToken(allowEquals: Bool = false) -> Token? {
        guard position < bytes.count else { return nil }
        if bytes[position] == ASCII.quote {
            var index = position + 1
            var text: [UInt8] = []
            while index < bytes.count, bytes[index] != ASCII.quote {
                if bytes[index] == ASCII.backslash, index + 1 < bytes.count { index += 1 }
                text.append(bytes[index])
                index += 1
            }
            return Token(text: String(decoding: text, as: UTF8.self), quoted: true, end: min(index + 1, bytes.count))
        }
        var index = position
        while index < bytes.count {
            let byte = bytes[index]
            if ASCII.isWhitespace(byte) || byte == ASCII.semicolon || byte == ASCII.quote || byte == UInt8(ascii: "(")
                || byte == UInt8(ascii: ")") || (byte == ASCII.equals && !allowEquals)
            {
                break
            }
            index += 1
        }
        guard index > position else { return nil }
        return Token(text: String(decoding: bytes[position..<index], as: UTF8.self), quoted: false, end: index)
    }

    /// Whether `=` follows `token` (after CFWS).
    func isFollowedByEquals(_ token: Token) -> Bool {
        var probe = self
        probe.position = token.end
        probe.skipCFWS()
        return probe.consume(ASCII.equals)
    }

    /// `method[/version]=result` followed by `reason=` and `ptype.property=value` items up to the next `;`
    /// (RFC 8601 §2.2); nil when no `method=result` is there (`none`, or junk).
    mutating func methodResult() -> AuthenticationResults.MethodResult? {
        guard let methodToken = peekToken(), !methodToken.quoted else { return nil }
        position = methodToken.end
        skipCFWS()
        guard consume(ASCII.equals) else { return nil }
        skipCFWS()
        guard let keyword = peekToken(), !keyword.quoted else { return nil }
        position = keyword.end
        let method = methodToken.text.split(separator: "/", omittingEmptySubsequences: false)[0]
        var result = AuthenticationResults.MethodResult(
            method: method.lowercased(), keyword: keyword.text.lowercased(), reason: nil, properties: [])
        while true {
            skipCFWS()
            guard position < bytes.count, bytes[position] != ASCII.semicolon else { break }
            guard let name = peekToken() else {
                position += 1  // a stray `=` or `)`: step over it
                continue
            }
            position = name.end
            skipCFWS()
            guard consume(ASCII.equals) else { continue }  // a bare word, e.g. Exchange's repeated host name
            skipCFWS()
            guard let value = peekToken(allowEquals: true) else { continue }
            position = value.end
            let key = name.text.lowercased()
            if key == "reason" {
                result.reason = value.text
            } else if let dot = key.firstIndex(of: "."), result.properties.count < 32 {
                result.properties.append(
                    .init(
                        type: String(key[..<dot]), name: String(key[key.index(after: dot)...]), value: value.text))
            }
        }
        return result
    }
}
