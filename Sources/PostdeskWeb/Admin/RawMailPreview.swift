import Foundation

/// A stored raw mail as an admin reads it in the quarantine: the header block and the start of the body as text,
/// bounded, with control characters other than line breaks and tabs replaced. The page escapes it; nothing of it is
/// ever interpreted (no MIME decoding, no HTML).
struct RawMailPreview: Sendable, Hashable {
    /// The most header bytes shown.
    static let headerLimit = 16 * 1024
    /// The most body bytes shown.
    static let bodyLimit = 64 * 1024

    var headers: String
    var body: String
    /// Whether the body was longer than ``bodyLimit``.
    var bodyCut: Bool
    /// The raw (undecoded) `From:` and `Subject:` values, one line each, for the list.
    var from: String
    var subject: String

    init(raw: [UInt8]) {
        let split = Self.headerEnd(raw)
        let headerBytes = raw[..<min(split.headers, Self.headerLimit)]
        let bodyBytes = raw[min(split.body, raw.count)...]
        headers = Self.text(headerBytes)
        body = Self.text(bodyBytes.prefix(Self.bodyLimit))
        bodyCut = bodyBytes.count > Self.bodyLimit
        let unfolded = headers.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n ", with: " ")
            .replacingOccurrences(of: "\n\t", with: " ")
        func field(_ name: String) -> String {
            let line = unfolded.split(separator: "\n").first { $0.lowercased().hasPrefix(name + ":") }
            return line.map { String($0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces).prefix(200)) }
                ?? ""
        }
        from = field("from")
        subject = field("subject")
    }

    /// Where the header block ends and where the body starts (both `raw.count` when there is no empty line).
    static func headerEnd(_ raw: [UInt8]) -> (headers: Int, body: Int) {
        var index = 0
        while index < raw.count {
            if raw[index] == 10 {
                if index + 1 < raw.count, raw[index + 1] == 10 { return (index, index + 2) }
                if index + 2 < raw.count, raw[index + 1] == 13, raw[index + 2] == 10 { return (index, index + 3) }
            }
            index += 1
        }
        return (raw.count, raw.count)
    }

    /// Bytes as UTF-8 (invalid sequences become U+FFFD), with controls other than `\n`, `\r`, `\t` replaced.
    static func text(_ bytes: some Collection<UInt8>) -> String {
        let decoded = String(decoding: Array(bytes), as: UTF8.self)
        return String(
            String.UnicodeScalarView(
                decoded.unicodeScalars.map { scalar in
                    let category = scalar.properties.generalCategory
                    let kept = scalar == "\n" || scalar == "\r" || scalar == "\t"
                    return (category == .control || category == .format) && !kept ? "\u{FFFD}" : scalar
                }))
    }
}
