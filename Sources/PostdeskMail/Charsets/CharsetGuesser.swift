/// Guesses the charset of text whose label is missing or wrong, from the bytes alone.
///
/// Strict decodings only; the evidence, in order: Shift_JIS when it yields kana; GB18030 when the high bytes
/// come in pairs (CJK double-byte text); UTF-8 mixed with single windows-1252 bytes (concatenated fragments);
/// windows-1251/KOI8-R when most letters are high bytes; windows-1252 otherwise.
enum CharsetGuesser {
    static func guess(_ bytes: some Collection<UInt8>) -> (text: String, charset: String) {
        let input = Array(bytes)
        // Runs of high bytes: CJK double-byte text has even runs with common (GB2312 level 1, 0xB0–0xD7) or
        // punctuation (0xA1–0xA9) lead bytes, rarely separated by single spaces; Cyrillic words are.
        var high = 0, paired = 0, run = 0, runs = 0, spaced = 0, commonLeads = 0, pairs = 0
        for (index, byte) in input.enumerated() {
            if byte >= 0x80 {
                high += 1
                run += 1
                if run % 2 == 1 {
                    pairs += 1
                    if (0xA1...0xA9).contains(byte) || (0xB0...0xD7).contains(byte) { commonLeads += 1 }
                }
            } else {
                if run > 0 {
                    runs += 1
                    if run % 2 == 0 { paired += run }
                    if byte == ASCII.space, index + 1 < input.count, input[index + 1] >= 0x80 { spaced += 1 }
                }
                run = 0
            }
        }
        if run > 0 {
            runs += 1
            if run % 2 == 0 { paired += run }
        }
        let looksCJK = high >= 8 && paired * 10 >= high * 9 && commonLeads * 10 >= pairs * 6 && spaced * 2 <= runs
        if high >= 2, case .decoded(let text) = IconvDecoder.decode(input, from: "CP932") {
            var kana = 0, halfWidth = 0
            for scalar in text.unicodeScalars {
                if (0x3040...0x30FF).contains(scalar.value) { kana += 1 }
                if (0xFF61...0xFF9F).contains(scalar.value) { halfWidth += 1 }
            }
            if kana > 0, halfWidth == 0 { return (text, "Shift_JIS") }
        }
        if looksCJK, case .decoded(let text) = IconvDecoder.decode(input, from: "GB18030") {
            return (text, "GB18030")
        }
        if isMostlyUTF8(input) { return (mixedUTF8(input), "UTF-8 with windows-1252 bytes") }
        let single = SingleByteGuess.charset(for: input)
        if case .iconv(let name) = single, case .decoded(let text) = IconvDecoder.decode(input, from: name) {
            return (text, single.name)
        }
        return (Windows1252.decode(input), "windows-1252")
    }

    /// Whether at least two thirds of the non-ASCII bytes form well-formed UTF-8 sequences (random bytes of
    /// other charsets rarely do).
    static func isMostlyUTF8(_ input: [UInt8]) -> Bool {
        var covered = 0, high = 0
        var index = 0
        while index < input.count {
            let length = sequenceLength(input, at: index)
            if input[index] >= 0x80 {
                high += max(1, length)
                if length > 1 { covered += length }
            }
            index += max(1, length)
        }
        return covered > 0 && covered * 3 >= high * 2
    }

    /// UTF-8 where well-formed, each other byte read as windows-1252.
    static func mixedUTF8(_ input: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(input.count + input.count / 4)
        var index = 0
        while index < input.count {
            // Copy a run of well-formed sequences at once.
            var end = index
            while end < input.count {
                let length = sequenceLength(input, at: end)
                if length == 0 { break }
                end += length
            }
            if end > index {
                output.append(contentsOf: input[index..<end])
                index = end
            } else {
                Windows1252.appendUTF8(of: input[index], to: &output)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The length of the well-formed UTF-8 sequence at `index` (1 for ASCII), or 0 (Unicode §3.9, Table 3-7).
    private static func sequenceLength(_ input: [UInt8], at index: Int) -> Int {
        let lead = input[index]
        if lead < 0x80 { return 1 }
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard index + length <= input.count else { return 0 }
        let second = input[index + 1]
        guard second >= low, second <= high else { return 0 }
        for offset in 2..<max(2, length) where input[index + offset] & 0xC0 != 0x80 { return 0 }
        return length
    }
}
