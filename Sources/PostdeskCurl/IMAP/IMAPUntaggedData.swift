/// What an untagged response says, for the few kinds the mailbox reader acts on (RFC 9051 §7).
enum IMAPUntaggedData: Hashable, Sendable {
    /// `* n EXISTS`: the mailbox now holds `n` messages.
    case exists(Int)
    /// `* n EXPUNGE`.
    case expunge(Int)
    /// `* CAPABILITY …` or a status response with a `[CAPABILITY …]` code; names upper-cased.
    case capability([String])
    /// `* SEARCH n…`.
    case search([UInt32])
    /// `* n FETCH (…)`.
    case fetch(IMAPFetchData)
    /// `* OK|NO|BAD|BYE|PREAUTH [code] text`.
    case status(IMAPStatus, IMAPResponseCode?, text: String)
    /// Anything else (FLAGS, LIST, RECENT, …).
    case other

    /// Reads an untagged response; `nil` when `response` is not untagged.
    init?(_ response: IMAPResponse) {
        guard response.kind == .untagged else { return nil }
        let tokens = IMAPToken.tokenize(response)
        guard tokens.count >= 2, case .atom = tokens[1] else {
            self = .other
            return
        }
        let words = tokens.map { token -> String in
            if case .atom(let text) = token { return text.uppercased() }
            return ""
        }
        if let number = Int(words[1]), tokens.count >= 3 {
            switch words[2] {
            case "EXISTS": self = .exists(number)
            case "EXPUNGE": self = .expunge(number)
            case "FETCH": self = IMAPFetchData(sequence: number, tokens: tokens[3...]).map(Self.fetch) ?? .other
            default: self = .other
            }
            return
        }
        switch words[1] {
        case "CAPABILITY":
            self = .capability(Array(words[2...]))
        case "SEARCH":
            self = .search(words[2...].compactMap { UInt32($0) })
        case "OK", "NO", "BAD", "BYE", "PREAUTH":
            let status = IMAPStatus(rawValue: words[1]) ?? .ok
            let line = response.segments[0]
            let text = String(decoding: line.dropFirst(2 + words[1].utf8.count), as: UTF8.self)
                .trimmingPrefix(" ")
            let code = IMAPResponseCode(text: String(text))
            if case .capability(let names)? = code {
                self = .capability(names)
            } else {
                self = .status(status, code, text: String(text))
            }
        default:
            self = .other
        }
    }
}

/// The response codes the reader needs (RFC 9051 §7.1).
enum IMAPResponseCode: Hashable, Sendable {
    case uidValidity(UInt32)
    case uidNext(UInt32)
    case capability([String])
    case other(String)

    /// Reads the `[…]` at the start of a status response's text; `nil` when there is none.
    init?(text: String) {
        guard text.hasPrefix("["), let end = text.firstIndex(of: "]") else { return nil }
        let words = text[text.index(after: text.startIndex)..<end].split(separator: " ").map(String.init)
        guard let name = words.first?.uppercased() else { return nil }
        switch name {
        case "UIDVALIDITY" where words.count == 2:
            guard let value = UInt32(words[1]) else { return nil }
            self = .uidValidity(value)
        case "UIDNEXT" where words.count == 2:
            guard let value = UInt32(words[1]) else { return nil }
            self = .uidNext(value)
        case "CAPABILITY":
            self = .capability(words.dropFirst().map { $0.uppercased() })
        default:
            self = .other(name)
        }
    }
}
