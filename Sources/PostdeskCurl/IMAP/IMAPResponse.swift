/// One complete IMAP server response as framed on the wire (RFC 9051 §2.2.2, §4.3): its text lines and the
/// literals that follow them.
///
/// `segments[i]` is a line without its CRLF and without its trailing `{n}` marker; when `i < literals.count`,
/// `literals[i]` is the `n` octets that followed that line. So `* 1 FETCH (UID 7 BODY[] {3}\r\nabc)\r\n` is
/// `segments: ["* 1 FETCH (UID 7 BODY[] ", ")"], literals: ["abc"]`.
struct IMAPResponse: Hashable, Sendable {
    var segments: [[UInt8]]
    var literals: [[UInt8]]

    init(segments: [[UInt8]], literals: [[UInt8]] = []) {
        self.segments = segments
        self.literals = literals
    }

    /// Untagged (`* …`), a command continuation request (`+ …`), or the tagged completion of one command.
    enum Kind: Hashable, Sendable {
        case untagged
        case continuation
        case tagged(String)
    }

    var kind: Kind {
        let first = segments.first ?? []
        if first.first == UInt8(ascii: "*") { return .untagged }
        if first.first == UInt8(ascii: "+") { return .continuation }
        let tag = first.prefix { $0 != UInt8(ascii: " ") }
        return .tagged(String(decoding: tag, as: UTF8.self))
    }

    /// The first line as text, for logs and error messages (literals left out).
    var firstLine: String { String(decoding: segments.first ?? [], as: UTF8.self) }
}

/// The status word of a tagged or untagged status response (RFC 9051 §7.1).
enum IMAPStatus: String, Hashable, Sendable {
    case ok = "OK"
    case no = "NO"
    case bad = "BAD"
    case preauth = "PREAUTH"
    case bye = "BYE"
}

/// The end of one command: `tag OK|NO|BAD [code] text`.
struct IMAPTaggedResult: Hashable, Sendable {
    var status: IMAPStatus
    /// The rest of the line after the status word, response code included.
    var text: String
}

extension IMAPResponse {
    /// The tagged result when this is a tagged response with a known status word.
    var taggedResult: IMAPTaggedResult? {
        guard case .tagged = kind, let line = segments.first else { return nil }
        let words = line.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
        guard words.count >= 2,
            let status = IMAPStatus(rawValue: String(decoding: words[1], as: UTF8.self).uppercased())
        else { return nil }
        let text = words.count > 2 ? String(decoding: words[2], as: UTF8.self) : ""
        return IMAPTaggedResult(status: status, text: text)
    }
}
