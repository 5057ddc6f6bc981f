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
        let sample = ((draft.parsed.subject ?? "") + " " + draft.parsed.reply).unicodeScalars.prefix(2000)
        let letters = sample.filter { $0.properties.isAlphabetic }
        let cyrillic = letters.filter { (0x0400...0x04FF).contains($0.value) }
        if !letters.isEmpty, cyrillic.count * 3 >= letters.count, available.contains("ru") {
            draft.language = "ru"
        } else {
            draft.language = fallback
        }
    }
}
