/// Quoted-printable encoding for outbound bodies (RFC 2045 §6.7): CRLF line breaks, soft breaks before 76 columns.
///
/// Works on the UTF-8 bytes in one pass: CRLF, a lone CR and a lone LF each end a line. (Normalising the breaks with
/// `replacingOccurrences` first went through `NSString` and cost a twentieth of the CPU of sending a mail.)
enum QuotedPrintableEncoder {
    private static let hex = Array("0123456789ABCDEF".utf8)

    static func encode(_ text: String) -> String {
        var text = text
        return text.withUTF8 { encode(bytes: $0) }
    }

    private static func encode(bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + bytes.count / 8 + 2)
        var start = 0
        while true {
            var end = start
            while end < bytes.count && bytes[end] != 10 && bytes[end] != 13 { end += 1 }
            encodeLine(bytes[start..<end], into: &out)
            guard end < bytes.count else { break }
            out += [13, 10]
            start = bytes[end] == 13 && end + 1 < bytes.count && bytes[end + 1] == 10 ? end + 2 : end + 1
        }
        out += [13, 10]
        return String(decoding: out, as: UTF8.self)
    }

    /// One line without its break: a space or tab at its end is encoded, so no transport can strip it.
    private static func encodeLine(_ line: Slice<UnsafeBufferPointer<UInt8>>, into out: inout [UInt8]) {
        var column = 0
        for i in line.indices {
            let byte = line[i]
            let isLast = i == line.endIndex - 1
            let literal = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !isLast)
            let width = literal ? 1 : 3
            if column + width > 75 {
                out += [61, 13, 10]
                column = 0
            }
            if literal {
                out.append(byte)
            } else {
                out += [61, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
            column += width
        }
    }
}
