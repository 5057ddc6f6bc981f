import Foundation

/// The decoded text/plain body of a message we composed (single part or multipart/alternative), read straight from
/// the bytes: what a plain-text mail client shows, independent of which alternative a parser prefers.
func plainTextPart(of raw: [UInt8]) -> String? {
    let text = String(decoding: raw, as: UTF8.self)
    guard let header = text.range(of: "Content-Type: text/plain; charset=utf-8\r\n"),
        let bodyStart = text.range(of: "\r\n\r\n", range: header.upperBound..<text.endIndex)
    else { return nil }
    let rest = text[bodyStart.upperBound...]
    let body = rest.range(of: "\r\n--").map { rest[..<$0.lowerBound] } ?? rest
    return decodeQuotedPrintable(String(body))
}

/// RFC 2045 §6.7: soft line breaks removed, `=XX` turned back into bytes.
func decodeQuotedPrintable(_ text: String) -> String {
    let bytes = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
    var out: [UInt8] = []
    var index = 0
    while index < bytes.count {
        if bytes[index] == UInt8(ascii: "="), index + 2 < bytes.count,
            let value = UInt8(String(decoding: bytes[index + 1...index + 2], as: UTF8.self), radix: 16)
        {
            out.append(value)
            index += 3
        } else {
            out.append(bytes[index])
            index += 1
        }
    }
    return String(decoding: out, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
}
