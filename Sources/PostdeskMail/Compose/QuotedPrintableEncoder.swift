/// Quoted-printable encoding for outbound bodies (RFC 2045 §6.7): CRLF line breaks, soft breaks before 76 columns.
enum QuotedPrintableEncoder {
    static func encode(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        let hex = Array("0123456789ABCDEF".utf8)
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for (index, line) in normalized.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { out += [13, 10] }
            var column = 0
            let bytes = Array(line.utf8)
            for (i, byte) in bytes.enumerated() {
                let isLast = i == bytes.count - 1
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
        out += [13, 10]
        return String(decoding: out, as: UTF8.self)
    }
}
