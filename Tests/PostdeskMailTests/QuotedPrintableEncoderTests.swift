import Foundation
import Testing

@testable import PostdeskMail

/// The byte-wise quoted-printable encoder gives exactly what the old `String`-based one gave.
@Suite struct QuotedPrintableEncoderTests {
    /// The encoder before it worked on bytes: the breaks normalised with `replacingOccurrences`, then line by line.
    static func reference(_ text: String) -> String {
        var out = [UInt8]()
        let hex = Array("0123456789ABCDEF".utf8)
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for (index, line) in normalized.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { out += [13, 10] }
            var column = 0
            let bytes = Array(line.utf8)
            for (i, byte) in bytes.enumerated() {
                let isLast = i == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !isLast)
                let width = literal ? 1 : 3
                if column + width > 75 {
                    out += [61, 13, 10]
                    column = 0
                }
                if literal { out.append(byte) } else { out += [61, hex[Int(byte >> 4)], hex[Int(byte & 15)]] }
                column += width
            }
        }
        out += [13, 10]
        return String(decoding: out, as: UTF8.self)
    }

    @Test(
        "line breaks, trailing blanks, soft breaks and non-ASCII",
        arguments: [
            ("", "\r\n"), ("a", "a\r\n"), ("a\n", "a\r\n\r\n"), ("a\r\nb", "a\r\nb\r\n"), ("a\rb", "a\r\nb\r\n"),
            ("a\r\r\nb", "a\r\n\r\nb\r\n"), ("a \nb\t", "a=20\r\nb=09\r\n"), ("x=1", "x=3D1\r\n"),
            ("Привет", "=D0=9F=D1=80=D0=B8=D0=B2=D0=B5=D1=82\r\n"),
            (String(repeating: "a", count: 80), String(repeating: "a", count: 75) + "=\r\naaaaa\r\n"),
        ])
    func table(input: String, expected: String) {
        #expect(QuotedPrintableEncoder.encode(input) == expected)
    }

    @Test("random texts encode as the reference encoder does")
    func matchesReference() {
        // Given texts drawn from breaks, blanks, '=', ASCII, Cyrillic and an emoji, of every length up to 300
        var generator = SystemRandomNumberGenerator()
        let pieces = ["\r\n", "\r", "\n", " ", "\t", "=", "a", "Z", ".", "я", "ё", "😀", "\r\n\r\n", "  \n"]
        for length in 0..<300 {
            let text = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
            // When both encode it, Then the bytes are the same
            #expect(QuotedPrintableEncoder.encode(text) == Self.reference(text), "\(text.debugDescription)")
        }
    }
}
