import Testing

@testable import PostdeskMail

/// Quoted-printable decoding (RFC 2045 §6.7): a hard line break is a CRLF in the canonical form, whatever line
/// ends the stored message has, so a text file sent with CRLF decodes to its own bytes.
@Suite struct QuotedPrintableTests {
    @Test(
        arguments: [
            ("a\r\nb", "a\r\nb"),  // CRLF stays CRLF
            ("a\nb", "a\r\nb"),  // a bare LF (LF-stored message) is a hard break: CRLF
            ("a\n\n\nb\n", "a\r\n\r\n\r\nb\r\n"),  // empty lines grow most
            ("a \t\r\nb  \nc", "a\r\nb\r\nc"),  // rule 3: trailing blanks are transport padding
            ("a=\r\nb=\nc= \r\nd", "abcd"),  // soft line breaks, with and without CR, blanks after '='
            ("a=0D=0Ab", "a\r\nb"),  // encoded line ends are data
            ("a=0Ab\r\n", "a\nb\r\n"),  // an encoded bare LF stays bare
            ("a\rb", "a\rb"),  // a lone CR is kept as it is
            ("x=3D1=20\r\n", "x=1 \r\n"),  // an escaped blank is data
            ("=", ""), ("a=G1", "a=G1"), ("a=\r", "a"),
        ])
    func hardLineBreaksDecodeToCRLF(encoded: String, decoded: String) {
        #expect(QuotedPrintable.decode(Array(encoded.utf8)) == Array(decoded.utf8))
    }

    @Test(arguments: [("a\nb  \n", "a\nb\n"), ("a\r\nb=\nc", "a\r\nbc"), ("a=0D=0A", "a\r\n")])
    func displayTextKeepsStoredLineEnds(encoded: String, decoded: String) {
        // Body text is normalised for display afterwards: its hard line breaks are copied as stored.
        #expect(QuotedPrintable.decode(Array(encoded.utf8), canonicalLineBreaks: false) == Array(decoded.utf8))
    }
}
