/// A plain addr-spec (`local@domain`, RFC 5322 §3.4.1) that is safe to put in a header or an SMTP envelope: it
/// cannot hold a control character, whitespace outside a quoted local part, an angle bracket, or a second `@`.
///
/// Every address that reaches a sink (the SMTP `MAIL FROM`/`RCPT TO`, a composed header) is one of these, so a value
/// read from a mail can never add a recipient or start a header line (STYLE habit 16).
public struct EmailAddress: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The address as written, e.g. `ivan@example.ru`.
    public let rawValue: String

    /// The most octets an address may have (RFC 5321 §4.5.3.1.3: a path is at most 256 with its brackets).
    public static let maxLength = 254

    /// Accepts `text` only when it is a plain addr-spec; nil otherwise.
    public init?(_ text: String) {
        guard Self.isPlainAddrSpec(text) else { return nil }
        rawValue = text
    }

    public var description: String { rawValue }

    /// The part after the last `@`, lowercased.
    public var domain: String {
        // By UTF-8 byte: `@` is ASCII, so its last byte is its last character, found without grapheme breaking
        // (rules read the domain on every pass).
        let at = rawValue.utf8.lastIndex(of: UInt8(ascii: "@"))!
        let domain = rawValue[rawValue.utf8.index(after: at)...]
        if !domain.utf8.contains(where: { $0 &- 0x41 < 26 || $0 >= 0x80 }) { return String(domain) }
        return domain.lowercased()
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = EmailAddress(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a plain addr-spec"))
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// `local@domain` with a non-empty dot-atom or quoted-string local part and a domain of non-empty labels (letters,
    /// digits, `-`, `_`, UTF-8), no domain literal (`[192.0.2.1]` would let a mail send us to any host); no controls,
    /// no invisible format characters (zero-width, byte-order mark, bidi overrides: `a\u{202E}b` reads as someone
    /// else), no Unicode whitespace, no `<` or `>`; `@`, `,`, `;`, `:`, `"` and spaces only inside the quotes of a
    /// quoted local part.
    static func isPlainAddrSpec(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty, text.utf8.count <= maxLength, let at = scalars.lastIndex(of: "@") else { return false }
        let local = scalars[..<at]
        let domain = scalars[(at + 1)...]
        guard !local.isEmpty, !scalars.contains(where: isForbidden) else { return false }
        // One trailing dot is the DNS root of a fully qualified name (`yahoo.com.`).
        let labels = (domain.last == "." ? domain.dropLast() : domain).split(
            separator: ".", omittingEmptySubsequences: false)
        guard labels.allSatisfy({ label in !label.isEmpty && label.allSatisfy(isDomainCharacter) }) else {
            return false
        }
        if local.count >= 2, local.first == "\"", local.last == "\"" {
            return isQuotedWithPairs(local)
        }
        return local.allSatisfy { $0.value >= 0x80 || $0.properties.isAlphabetic || isAtextSymbolOrDot($0) }
    }

    /// A quoted local part whose inner quotes are all escaped (`"a\"b"`).
    private static func isQuotedWithPairs(_ local: ArraySlice<Unicode.Scalar>) -> Bool {
        var escaped = false
        for scalar in local.dropFirst().dropLast() {
            if escaped {
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == "\"" {
                return false
            }
        }
        return !escaped
    }

    private static func isDomainCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x80 || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
    }

    /// atext (RFC 5322 §3.2.3) that is not a letter, plus the dot.
    private static func isAtextSymbolOrDot(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || "!#$%&'*+-/=?^_`{|}~.".unicodeScalars.contains(scalar)
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
            || scalar == "<" || scalar == ">" || scalar.properties.generalCategory == .format
            || (scalar.value >= 0x80 && scalar.properties.isWhitespace)
    }
}
