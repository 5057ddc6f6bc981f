/// Picks the language of automatic answers from the mail: Content-Language first, then the script of the text.
struct LanguageFilter: InboundFilter {
    /// Languages we have templates for; the first is the fallback.
    var available: [String]

    func apply(to draft: inout InboundDraft) {
        let fallback = available.first ?? "en"
        if let declared = draft.parsed.header("Content-Language")?.prefix(2).lowercased(), available.contains(declared)
        {
            draft.language = declared
            return
        }
        let count = ScriptCount(subject: draft.parsed.subject ?? "", body: draft.parsed.reply)
        if count.letters > 0, count.cyrillic * 3 >= count.letters, available.contains("ru") {
            draft.language = "ru"
        } else {
            draft.language = fallback
        }
    }
}

/// Letters (Unicode `Alphabetic`) and Cyrillic letters among the first ``limit`` scalars of "subject body".
///
/// Counted on the UTF-8 bytes: ASCII decides with two comparisons and Latin, Greek and Cyrillic with a table built
/// once from the same Unicode property, so only rarer scripts ask the property itself (which was a quarter of the
/// ingest's CPU when every scalar asked).
struct ScriptCount: Equatable {
    /// How many scalars are looked at: enough to tell the script, bounded for huge mails.
    static let limit = 2000

    var letters = 0
    var cyrillic = 0

    init(letters: Int, cyrillic: Int) {
        self.letters = letters
        self.cyrillic = cyrillic
    }

    init(subject: String, body: String) {
        var budget = Self.limit
        count(subject, budget: &budget)
        guard budget > 0 else { return }
        budget -= 1  // the space between subject and body: not a letter
        count(body, budget: &budget)
    }

    private mutating func count(_ text: String, budget: inout Int) {
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count, budget > 0 {
                let lead = bytes[index]
                budget -= 1
                if lead < 0x80 {
                    // A-Z and a-z are ASCII's only alphabetic scalars.
                    if (lead | 0x20) &- 0x61 < 26 { letters += 1 }
                    index += 1
                    continue
                }
                // Swift strings hold valid UTF-8, so the lead byte says the length.
                let scalar: UInt32
                if lead < 0xE0 {
                    scalar = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                    index += 2
                } else if lead < 0xF0 {
                    scalar =
                        UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
                        | UInt32(bytes[index + 2] & 0x3F)
                    index += 3
                } else {
                    scalar =
                        UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                        | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                    index += 4
                }
                guard Self.isAlphabetic(scalar) else { continue }
                letters += 1
                if (0x0400...0x04FF).contains(scalar) { cyrillic += 1 }
            }
        }
    }

    private static func isAlphabetic(_ scalar: UInt32) -> Bool {
        if scalar < UInt32(commonScripts.count) { return commonScripts[Int(scalar)] }
        return Unicode.Scalar(scalar)?.properties.isAlphabetic ?? false
    }

    /// `Alphabetic` for U+0000…U+04FF (Latin, IPA, Greek, Cyrillic), asked of Unicode once.
    private static let commonScripts: [Bool] = (0..<0x0500).map { value in
        Unicode.Scalar(UInt32(value))?.properties.isAlphabetic ?? false
    }
}
