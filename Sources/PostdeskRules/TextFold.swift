import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How rules compare words: the text is folded once, then compared as UTF-8 bytes.
///
/// The fold, in order (text of ASCII and basic Cyrillic only takes a Foundation-free path with the same result):
/// 1. Foundation's `folding(options: [.caseInsensitive, .widthInsensitive])` (Unicode case folding, so "INVOICE",
///    "Invoice" and "invoice" agree, "СЧЁТ" becomes "счёт", "ß" becomes "ss"; full-width "ＩＮＶ" becomes "inv");
/// 2. canonical composition (NFC), so a decomposed "е\u{308}" from one mail client is the same bytes as "ё";
/// 3. `ё` → `е`, because Russian writers drop the dots freely ("счет" and "счёт" are one word).
///
/// Other diacritics are kept on purpose: a diacritic-insensitive fold would also make "й" an "и" ("мой" and "мои"
/// are different words), and Latin accents distinguish words too. Only the first ``maxFoldedBytes`` of a value are
/// folded: a rule reads the head of a huge message, never all of it.
struct TextFold {
    /// How many UTF-8 bytes of one value are folded and searched: about 64 pages of text.
    static let maxFoldedBytes = 256 * 1024

    /// The folded UTF-8 bytes of `text` (of its first ``maxFoldedBytes`` bytes, cut at a character boundary).
    static func fold(_ text: String) -> [UInt8] {
        var head = Substring(text)
        if text.utf8.count > maxFoldedBytes {
            var cut = text.utf8.index(text.utf8.startIndex, offsetBy: maxFoldedBytes)
            // Back up over UTF-8 continuation bytes so the cut never splits a scalar.
            while cut > text.utf8.startIndex, text.utf8[cut] & 0xC0 == 0x80 { cut = text.utf8.index(before: cut) }
            head = text[..<cut]
        }
        if let bytes = fastFold(head) { return bytes }
        let folded = String(head).folding(options: [.caseInsensitive, .widthInsensitive], locale: nil)
            .precomposedStringWithCanonicalMapping
        var bytes = Array(folded.utf8)
        // ё (U+0451, D1 91) → е (U+0435, D0 B5): the same length, so the bytes are replaced in place.
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0xD1, bytes[index + 1] == 0x91 {
                bytes[index] = 0xD0
                bytes[index + 1] = 0xB5
                index += 2
            } else {
                index += 1
            }
        }
        return bytes
    }

    /// The same fold without Foundation for text of ASCII and basic Cyrillic only (U+0400–U+045F), the common
    /// case, where case folding is a fixed offset and the text is already NFC; nil for anything else.
    private static func fastFold(_ text: Substring) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                bytes.append((65...90).contains(byte) ? byte | 0x20 : byte)
            } else if (0x400...0x45F).contains(value) {
                var lower =
                    (0x410...0x42F).contains(value)
                    ? value + 0x20 : (0x400...0x40F).contains(value) ? value + 0x50 : value
                if lower == 0x451 { lower = 0x435 }  // ё → е
                bytes.append(UInt8(0xC0 | (lower >> 6)))
                bytes.append(UInt8(0x80 | (lower & 0x3F)))
            } else {
                return nil
            }
        }
        return bytes
    }

    /// Whether `needle` occurs in `haystack` (both folded). An empty needle occurs everywhere.
    ///
    /// Candidates are found by the needle's last byte with libc's `memchr` (vectorised): in Cyrillic nearly every
    /// other byte is the same lead byte (0xD0 or 0xD1), while the last byte (a continuation byte, or an ASCII letter)
    /// rarely matches by chance. Each candidate is then compared whole.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        let lastOffset = needle.count - 1
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                guard let hayBase = hay.baseAddress, let pinBase = pin.baseAddress else { return false }
                let last = Int32(pin[lastOffset])
                // Where the needle's last byte may sit: from lastOffset to the end.
                var position = lastOffset
                while position < hay.count {
                    guard let found = memchr(hayBase + position, last, hay.count - position) else { return false }
                    let end = hayBase.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(hayBase + (end - lastOffset), pinBase, lastOffset) == 0 { return true }
                    position = end + 1
                }
                return false
            }
        }
    }
}
