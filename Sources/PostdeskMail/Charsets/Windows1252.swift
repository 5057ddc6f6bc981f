/// A native decoder for windows-1252 (WHATWG Encoding §9: also used for ISO-8859-1 labels).
enum Windows1252 {
    /// Code points of bytes 0x80–0x9F; the rest equal their byte value (Latin-1).
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D,
        0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153,
        0x9D,
        0x017E, 0x0178,
    ]

    /// Decodes every byte; never fails.
    static func decode(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes { appendUTF8(of: byte, to: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the UTF-8 encoding of `byte` read as windows-1252.
    @inline(__always)
    static func appendUTF8(of byte: UInt8, to output: inout [UInt8]) {
        if byte < 0x80 {
            output.append(byte)
            return
        }
        let value = byte <= 0x9F ? high[Int(byte - 0x80)] : UInt32(byte)
        if value < 0x800 {
            output.append(UInt8(0xC0 | (value >> 6)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        } else {
            output.append(UInt8(0xE0 | (value >> 12)))
            output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        }
    }
}

/// Guesses a single-byte charset for unlabelled 8-bit text: Cyrillic (windows-1251 or KOI8-R) when most
/// letters are high bytes, else windows-1252.
enum SingleByteGuess {
    static func charset(for bytes: some Collection<UInt8>) -> Charset {
        var asciiLetters = 0, high = 0, upperHalf = 0, lowerHalf = 0
        for byte in bytes {
            if byte >= 0xC0 {
                high += 1
                if byte >= 0xE0 { upperHalf += 1 } else { lowerHalf += 1 }
            } else if byte >= 0x80 {
                high += 1
            } else if ASCII.isAlpha(byte) {
                asciiLetters += 1
            }
        }
        if high < 4 {
            // Too few letters to count: Cyrillic when the high bytes are letters that make up whole words of
            // their own ("Да", "Нет"); Western text puts its few accented letters inside Latin words ("Müller").
            guard high >= 2, highLettersFormWords(bytes) else { return .windows1252 }
        } else if high * 2 <= asciiLetters {
            return .windows1252
        }
        // Lowercase Cyrillic is 0xE0–0xFF in windows-1251 but 0xC0–0xDF in KOI8-R; text is mostly lowercase.
        return lowerHalf > upperHalf ? .iconv("KOI8-R") : .iconv("CP1251")
    }

    /// Whether every byte above 0x7F is a letter position (0xC0–0xFF) in a word with no ASCII letter.
    private static func highLettersFormWords(_ bytes: some Collection<UInt8>) -> Bool {
        var wordHasASCII = false
        var wordHasHigh = false
        for byte in bytes {
            if byte >= 0x80 {
                guard byte >= 0xC0, !wordHasASCII else { return false }
                wordHasHigh = true
            } else if ASCII.isAlpha(byte) {
                guard !wordHasHigh else { return false }
                wordHasASCII = true
            } else {
                wordHasASCII = false
                wordHasHigh = false
            }
        }
        return true
    }
}
