/// The tokens of an IMAP response line, enough to read FETCH, SEARCH and status responses (RFC 9051 §9).
enum IMAPToken: Hashable, Sendable {
    /// An atom or number; a `[...]` section with its spaces and parentheses is part of the atom (`BODY[]`,
    /// `BODY[HEADER.FIELDS (SUBJECT)]<0>`).
    case atom(String)
    case quoted([UInt8])
    case literal([UInt8])
    case open
    case close

    /// Splits a framed response into tokens; each literal comes right after the segment that announced it.
    static func tokenize(_ response: IMAPResponse) -> [IMAPToken] {
        var tokens: [IMAPToken] = []
        for (index, segment) in response.segments.enumerated() {
            tokenize(segment, into: &tokens)
            if index < response.literals.count { tokens.append(.literal(response.literals[index])) }
        }
        return tokens
    }

    private static func tokenize(_ line: [UInt8], into tokens: inout [IMAPToken]) {
        var index = 0
        while index < line.count {
            let byte = line[index]
            switch byte {
            case UInt8(ascii: " "):
                index += 1
            case UInt8(ascii: "("):
                tokens.append(.open)
                index += 1
            case UInt8(ascii: ")"):
                tokens.append(.close)
                index += 1
            case UInt8(ascii: "\""):
                var value: [UInt8] = []
                index += 1
                while index < line.count, line[index] != UInt8(ascii: "\"") {
                    if line[index] == UInt8(ascii: "\\"), index + 1 < line.count { index += 1 }
                    value.append(line[index])
                    index += 1
                }
                index += 1
                tokens.append(.quoted(value))
            default:
                let start = index
                var depth = 0
                while index < line.count {
                    let c = line[index]
                    if c == UInt8(ascii: "[") {
                        depth += 1
                    } else if c == UInt8(ascii: "]") {
                        depth = max(0, depth - 1)
                    } else if depth == 0, c == UInt8(ascii: " ") || c == UInt8(ascii: "(") || c == UInt8(ascii: ")") {
                        break
                    }
                    index += 1
                }
                tokens.append(.atom(String(decoding: line[start..<index], as: UTF8.self)))
            }
        }
    }
}
