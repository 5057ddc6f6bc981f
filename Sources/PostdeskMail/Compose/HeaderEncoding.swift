import Foundation

/// Writing header values: RFC 2047 encoded words for non-ASCII text, RFC 5322 §3.3 dates, quoted display names.
enum HeaderEncoding {
    /// `"Name" <addr>`, `=?utf-8?B?…?= <addr>` or `addr`.
    /// - Throws: when the address is not an addr-spec (``AddrSpec``).
    static func address(_ a: MailAddress, field: String) throws(ComposeError) -> String {
        guard AddrSpec.validated(a.address.utf8) != nil else {
            throw ComposeError(field: field, message: "an address that is not a plain addr-spec")
        }
        let name = (a.name ?? "").withoutControls.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return a.address }
        if name.unicodeScalars.allSatisfy({ $0.isASCII }), name.utf8.count <= 60, !name.contains("=?") {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                of: "\"", with: "\\\"")
            return "\"\(escaped)\" <\(a.address)>"
        }
        return "\(encodedWords(name, offset: field.utf8.count + 2, always: true)) <\(a.address)>"
    }

    /// `<id>`.
    /// - Throws: when `id` could not stand between angle brackets (``MessageIDList/validated(_:)``).
    static func messageID(_ id: String, field: String) throws(ComposeError) -> String {
        guard MessageIDList.validated(id.utf8) != nil else {
            throw ComposeError(field: field, message: "a Message-ID with whitespace, controls or angle brackets")
        }
        return "<\(id)>"
    }

    /// `Name: value` for a field we add ourselves: the name is ftext (RFC 5322 §3.6.8), the value printable ASCII.
    static func field(_ name: String, _ value: String) throws(ComposeError) -> String {
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != ASCII.colon }) else {
            throw ComposeError(field: "header", message: "a field name outside RFC 5322 ftext")
        }
        guard value.utf8.allSatisfy({ ($0 >= 32 && $0 < 127) || $0 == ASCII.tab }), value.utf8.count <= 900 else {
            throw ComposeError(field: name, message: "a value that is not one line of printable ASCII")
        }
        return "\(name): \(value)"
    }

    /// `text` unchanged when it is printable ASCII, else UTF-8 "B" encoded words split on character boundaries and
    /// folded so that no line passes 76 columns (RFC 2047 §2: a word is at most 75 characters; the first line also
    /// holds the field name, `offset` columns of it).
    /// Printable ASCII longer than fits on one line is encoded too, so that it is folded and no line passes 998.
    static func encodedWords(_ text: String, offset: Int, always: Bool = false) -> String {
        let printable = text.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 32 && $0.value < 127 }
        if printable && !always && !text.contains("=?") {
            if offset + text.utf8.count <= 76 { return text }
            if let folded = foldedAtSpaces(text, offset: offset) { return folded }
        }
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

    /// Printable ASCII folded before spaces (RFC 5322 §2.2.3) so lines stay near 78 columns; nil when a word is too
    /// long to fold (then it is encoded instead). Unfolding gives `text` back exactly.
    static func foldedAtSpaces(_ text: String, offset: Int) -> String? {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        guard words.allSatisfy({ $0.utf8.count < 900 }) else { return nil }
        var lines: [String] = []
        var line = String(words[0])
        var width = offset + line.utf8.count
        for word in words.dropFirst() {
            if width + 1 + word.utf8.count > 76, !word.isEmpty, line.contains(where: { $0 != " " }) {
                lines.append(line)
                line = String(word)
                width = 1 + word.utf8.count
            } else {
                line += " " + word
                width += 1 + word.utf8.count
            }
        }
        lines.append(line)
        return lines.joined(separator: "\r\n ")
    }

    static func rfc5322Date(_ date: Date) -> String { RFC5322DateFormat.string(from: date) }
}
