/// Lowercase base32 without padding (RFC 4648 §6, alphabet `a–z2–7`).
///
/// Tokens live in the local part of an address, which some MTAs lowercase: base32 survives that where base64 does
/// not, and needs no escaping.
public enum Base32 {
    /// The 32 characters, in RFC 4648 order, lowercased.
    public static let alphabet: [Character] = Array("abcdefghijklmnopqrstuvwxyz234567")

    /// Encodes `bytes` five bits per character, most significant first; a partial last group is padded with zero
    /// bits (and no `=`).
    /// - Parameter bytes: the bytes to encode.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var bits = 0
        var value = 0
        var out = ""
        for byte in bytes {
            value = ((value << 8) | Int(byte)) & 0xffff
            bits += 8
            while bits >= 5 {
                out.append(alphabet[(value >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[(value << (5 - bits)) & 31]) }
        return out
    }

    /// Whether every character of `text` is in ``alphabet``.
    /// - Parameter text: lowercase text to check.
    public static func isEncoded(_ text: some StringProtocol) -> Bool {
        text.allSatisfy { alphabet.contains($0) }
    }
}
