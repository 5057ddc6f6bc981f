import Foundation

/// Writing header values: RFC 2047 encoded words for non-ASCII text, RFC 5322 §3.3 dates, quoted display names.
enum HeaderEncoding {
    static func address(_ a: MailAddress) -> String {
        guard let name = a.name, !name.isEmpty else { return a.address }
        if name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\" <\(a.address)>"
        }
        return "\(encodedWords(name, offset: 6)) <\(a.address)>"
    }

    /// `text` unchanged when it is printable ASCII, else UTF-8 "B" encoded words split on character boundaries and
    /// folded so that no line passes 76 columns (RFC 2047 §2: a word is at most 75 characters; the first line also
    /// holds the field name, `offset` columns of it).
    static func encodedWords(_ text: String, offset: Int) -> String {
        let printable = text.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 32 && $0.value < 127 }
        if printable && !text.contains("=?") { return text }
        // "=?utf-8?B?" + "?=" take 12 columns; 4 base64 columns carry 3 bytes. Folded lines start with one space.
        func budget(columns: Int) -> Int { max(3, (columns - 12) / 4 * 3) }
        var limit = budget(columns: 76 - offset)
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if !chunk.isEmpty, chunk.count + bytes.count > limit {
                words.append("=?utf-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
                limit = budget(columns: 75)
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?utf-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    static func rfc5322Date(_ date: Date) -> String { RFC5322DateFormat.string(from: date) }
}
