import Testing

@testable import PostdeskMail

/// Charset decoding and repair: labels, lying labels, missing labels (RFC 2045 §5.2, RFC 6532).
@Suite struct CharsetTests {
    static func decode(_ bytes: [UInt8], label: String?) -> (String, [String]) {
        var warnings = WarningLog(limit: 10)
        let text = TextDecoder().decode(bytes, label: label, context: "body", warnings: &warnings)
        return (text, warnings.all)
    }

    @Test(arguments: [
        ([0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4] as [UInt8], "koi8-r", "Привет"),
        ([0xB4, 0xA4, 0xC4, 0xC9, 0xCE], "koi8-u", "Єєдин"),
        ([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], "windows-1251", "Привет"),
        ([0xE4, 0xF6, 0xFC, 0x80], "iso-8859-1", "äöü€"),  // ISO-8859-1 read as windows-1252 (WHATWG)
        ([0xB1, 0xA1], "iso-8859-2", "ąĄ"),
        ([0xC4, 0xE3, 0xBA, 0xC3], "gb2312", "你好"),
        ([0x95, 0x5C], "gb2312", "昞"),  // GBK-only character under a GB2312 label
        ([0xA7, 0x41, 0xA6, 0x6E], "big5", "你好"),
        ([0x82, 0xB1, 0x82, 0xF1], "shift_jis", "こん"),
        ([0xA4, 0xB3, 0xA4, 0xF3], "euc-jp", "こん"),
        ([0xBE, 0xC8, 0xB3, 0xE7], "euc-kr", "안녕"),
        ([0x2B, 0x41, 0x47, 0x45, 0x2D], "utf-7", "a"),
        ([0x63, 0x61, 0x66, 0xC3, 0xA9], "iso-8859-1", "café"),  // valid UTF-8 wins over the label
    ])
    func labelled(bytes: [UInt8], label: String, expected: String) {
        #expect(Self.decode(bytes, label: label).0 == expected)
    }

    @Test func missingLabelGuessesCyrillic() {
        let bytes: [UInt8] = [0xC4, 0xEE, 0xE1, 0xF0, 0xFB, 0xE9, 0x20, 0xE4, 0xE5, 0xED, 0xFC]
        let (text, warnings) = Self.decode(bytes, label: nil)
        #expect(text == "Добрый день")
        #expect(!warnings.isEmpty)
    }

    /// Short unlabelled strings: high letters that form words of their own are Cyrillic; a few accented letters
    /// inside Latin words are windows-1252.
    @Test(arguments: [
        ([0xC4, 0xE0] as [UInt8], "Да"),
        ([0xCD, 0xE5, 0xF2, 0x2C, 0x20, 0x6F, 0x6B], "Нет, ok"),
        ([0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72], "Müller"),
        ([0xE0, 0x20, 0x6C, 0x61], "à la"),
        ([0xD6, 0x6C], "Öl"),
        ([0x93, 0x48, 0x69, 0x94], "“Hi”"),
    ])
    func shortUnlabelledText(bytes: [UInt8], expected: String) {
        #expect(Self.decode(bytes, label: nil).0 == expected)
    }

    @Test func mixedUTF8AndLatin1() {
        let bytes: [UInt8] = Array("grüße ".utf8) + [0xE4, 0x20] + Array("straße".utf8)
        #expect(Self.decode(bytes, label: "utf-8").0 == "grüße ä straße")
    }

    @Test func unknownLabelFallsBack() {
        let (text, warnings) = Self.decode([0x63, 0x61, 0x66, 0xE9], label: "x-no-such-charset")
        #expect(text == "café")
        #expect(warnings.count == 1)
    }
}
