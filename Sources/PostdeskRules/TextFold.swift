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
/// The fold, in order (text of ASCII, basic Cyrillic and common punctuation only takes a Foundation-free path with
/// the same result):
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
        foldNoting(text).bytes
    }

    /// The folded bytes, and whether `text` was simple: ASCII, basic Cyrillic (U+0400–U+045F) and caseless
    /// punctuation only. Then the folded text's letters are exactly the text's letters, lowercased (ё as е), and no
    /// other character matches a letter case-insensitively, which lets a `matches:` pattern's literal be looked for in the folded bytes first
    /// (``PreparedPattern``).
    static func foldNoting(_ text: String) -> (bytes: [UInt8], simple: Bool) {
        var bytes: [UInt8] = []
        let simple = fold(text, appendingTo: &bytes)
        return (bytes, simple)
    }

    /// Appends the folded bytes of `text` to `bytes`; returns whether `text` was simple (``foldNoting(_:)``).
    static func fold(_ text: String, appendingTo bytes: inout [UInt8]) -> Bool {
        var text = text
        let start = bytes.count
        let simple = text.withUTF8 { source -> Bool in
            var length = source.count
            if length > maxFoldedBytes {
                length = maxFoldedBytes
                // Back up over UTF-8 continuation bytes so the cut never splits a scalar.
                while length > 0, source[length] & 0xC0 == 0x80 { length -= 1 }
            }
            // Simple text folds to as many bytes: copied, then folded in place (each byte is read before it is
            // written, at the same index).
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[..<length]))
            return bytes.withUnsafeMutableBufferPointer { out in
                fastFold(UnsafeMutableBufferPointer(rebasing: out[start...]))
            }
        }
        if simple { return true }
        // Not simple: what the fast path wrote is dropped, and Foundation folds the head.
        bytes.removeSubrange(start...)
        var cut = text.utf8.endIndex
        if text.utf8.count > maxFoldedBytes {
            cut = text.utf8.index(text.utf8.startIndex, offsetBy: maxFoldedBytes)
            while cut > text.utf8.startIndex, text.utf8[cut] & 0xC0 == 0x80 { cut = text.utf8.index(before: cut) }
        }
        let folded = String(text[..<cut]).folding(options: [.caseInsensitive, .widthInsensitive], locale: nil)
            .precomposedStringWithCanonicalMapping
        let foldedStart = bytes.count
        bytes.append(contentsOf: folded.utf8)
        // ё (U+0451, D1 91) → е (U+0435, D0 B5): the same length, so the bytes are replaced in place.
        var index = foldedStart
        while index + 1 < bytes.count {
            if bytes[index] == 0xD1, bytes[index + 1] == 0x91 {
                bytes[index] = 0xD0
                bytes[index + 1] = 0xB5
                index += 2
            } else {
                index += 1
            }
        }
        return false
    }

    /// The same fold without Foundation for text of ASCII, basic Cyrillic (U+0400–U+045F) and common punctuation
    /// (``isCaselessPunctuation(_:)``) only, the common case, where case folding is a fixed offset and the text is
    /// already NFC, in place; false (with some bytes folded) for anything else.
    ///
    /// It works on the UTF-8 bytes (every character it accepts keeps its length), eight ASCII bytes at a time,
    /// since this runs once per text field per event and a scalar at a time was the larger part of a pass's cost.
    private static func fastFold(_ text: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        cyrillicFold.withUnsafeBufferPointer { fastFold(UnsafeBufferPointer(text), into: text, cyrillic: $0) }
    }

    /// The folded UTF-8 of U+0400–U+045F (lead byte D0 or D1 and a continuation byte), by `(lead & 1) << 6 |
    /// (continuation & 0x3F)`, as two bytes in one number; 0 for U+0460–U+047F, which the fast path leaves to
    /// Foundation. Uppercase to lowercase (U+0400–U+040F to U+0450–U+045F, U+0410–U+042F to U+0430–U+044F), then ё
    /// to е.
    static let cyrillicFold: [UInt16] = (0..<128).map { index in
        let value = UInt32(0x400 + index)
        guard value <= 0x45F else { return 0 }
        var lower = (0x410...0x42F).contains(value) ? value + 0x20 : value < 0x410 ? value + 0x50 : value
        if lower == 0x451 { lower = 0x435 }  // ё → е
        return UInt16(0xC0 | (lower >> 6)) << 8 | UInt16(0x80 | (lower & 0x3F))
    }

    private static func fastFold(
        _ source: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>,
        cyrillic: UnsafeBufferPointer<UInt16>
    ) -> Bool {
        guard let base = source.baseAddress else { return true }
        var index = 0
        while index < source.count {
            if index + 8 <= source.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    // Eight ASCII bytes: set bit 5 of each byte in A...Z. A byte is in range when adding
                    // (0x80 - 'A') carries into bit 7 and adding (0x80 - 'Z' - 1) does not.
                    let aboveA = word &+ 0x3F3F_3F3F_3F3F_3F3F
                    let aboveZ = word &+ 0x2525_2525_2525_2525
                    let upper = (aboveA ^ aboveZ) & 0x8080_8080_8080_8080
                    let lowered = word | (upper >> 2)
                    UnsafeMutableRawPointer(out.baseAddress! + index).storeBytes(of: lowered, as: UInt64.self)
                    index += 8
                    continue
                }
            }
            let byte = source[index]
            if byte < 0x80 {
                out[index] = byte &- 65 < 26 ? byte | 0x20 : byte
                index += 1
                continue
            }
            // A String's UTF-8 is valid: a lead byte has all its continuation bytes.
            if byte == 0xC2 || byte == 0xE2, index + (byte == 0xC2 ? 1 : 2) < source.count {
                let length = byte == 0xC2 ? 2 : 3
                let value =
                    length == 2
                    ? UInt32(byte & 0x1F) << 6 | UInt32(source[index + 1] & 0x3F)
                    : UInt32(byte & 0x0F) << 12 | UInt32(source[index + 1] & 0x3F) << 6
                        | UInt32(source[index + 2] & 0x3F)
                guard Self.isCaselessPunctuation(value) else { return false }
                for offset in 0..<length { out[index + offset] = source[index + offset] }
                index += length
                continue
            }
            guard byte == 0xD0 || byte == 0xD1, index + 1 < source.count else { return false }
            // Basic Cyrillic, U+0400–U+045F, by table: the two folded bytes, or 0 past U+045F.
            let folded = cyrillic[Int(byte & 1) << 6 | Int(source[index + 1] & 0x3F)]
            guard folded != 0 else { return false }
            out[index] = UInt8(truncatingIfNeeded: folded >> 8)
            out[index + 1] = UInt8(truncatingIfNeeded: folded)
            index += 2
        }
        return true
    }

    /// The punctuation of ordinary Russian and English mail that the fold leaves as it is (no case, no width, no
    /// composition): no-break space, « », §, °, ±, №, dashes, quotes, bullets, ellipsis, €, ₽, ™. Kept on the fast
    /// path, so that such a mail does not pay for Foundation; none of them matches a letter under any case folding.
    /// ``EvaluationRecordTests`` checks each against Foundation's fold.
    static func isCaselessPunctuation(_ value: UInt32) -> Bool {
        switch value {
        case 0xA0...0xBF: value != 0xAA && value != 0xB5 && value != 0xBA  // not ª, µ (folds to μ), º
        case 0x2010...0x2027, 0x2030...0x205E: true
        case 0x20AC, 0x20BD, 0x2116, 0x2122: true
        default: false
        }
    }

    /// Whether `needle` occurs in `haystack` (both folded). An empty needle occurs everywhere.
    ///
    /// Candidates are found by the needle's last byte with libc's `memchr` (vectorised): in Cyrillic nearly every
    /// other byte is the same lead byte (0xD0 or 0xD1), while the last byte (a continuation byte, or an ASCII letter)
    /// rarely matches by chance. Each candidate is then compared whole.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { hay in needle.withUnsafeBufferPointer { contains(hay, $0) } }
    }

    /// ``contains(_:_:)`` on buffers.
    static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ pin: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !pin.isEmpty else { return true }
        guard pin.count <= hay.count, let hayBase = hay.baseAddress, let pinBase = pin.baseAddress else {
            return false
        }
        let lastOffset = pin.count - 1
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

    /// A 64-bit FNV-1a hash of folded bytes: equal words hash equal, so comparing hashes first rules most pairs out.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3 }
        return hash
    }
}
