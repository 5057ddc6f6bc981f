/// Removes a Content-Transfer-Encoding (RFC 2045 §6): base64, quoted-printable, x-uuencode; 7bit, 8bit and
/// binary are identity. Unknown encodings are read as identity with a warning.
enum TransferDecoding {
    /// Decodes `bytes`; `forDisplay` lets quoted-printable keep hard line breaks as stored (the text's line ends
    /// are normalised afterwards), otherwise they become the canonical CRLF (RFC 2045 §6.7).
    static func decode(
        _ bytes: ArraySlice<UInt8>, encoding: String, context: String, forDisplay: Bool = false,
        warnings: inout WarningLog
    ) -> [UInt8] {
        switch encoding {
        case "", "7bit", "8bit", "binary", "7-bit", "8-bit", "none", "text", "plain":
            return Array(bytes)
        case "base64", "base-64":
            let decoded = Base64.decode(bytes)
            if decoded.skippedJunk { warnings.add("\(context): junk in base64 skipped") }
            if decoded.truncated { warnings.add("\(context): base64 ends mid-group; last bits dropped") }
            return decoded.bytes
        case "quoted-printable", "quoted_printable", "qp":
            return QuotedPrintable.decode(bytes, canonicalLineBreaks: !forDisplay)
        case "x-uuencode", "uuencode", "x-uue", "uue":
            if let block = Uuencode.blocks(in: Array(bytes)).first { return block.data }
            warnings.add("\(context): uuencoded body without begin line; lines decoded as they are")
            return Uuencode.decodeBare(Array(bytes))
        default:
            warnings.add("\(context): unknown Content-Transfer-Encoding \(encoding); read as-is")
            return Array(bytes)
        }
    }
}
