import PostdeskCrypto

/// Random tokens for cookies and links: 256 bits from the system's generator as 64 hex digits. Only their SHA-256
/// digest (``digest(_:)``) is ever stored.
enum SecretToken {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4).flatMap { _ -> [UInt8] in
            let word: UInt64 = generator.next()
            return (0..<8).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) }
        }
        return SHA256.hexString(bytes)
    }

    /// The stored form of a token, hex.
    static func digest(_ token: String) -> String {
        SHA256.hexString(SHA256.hash(Array(token.utf8)))
    }

    /// Whether `text` is shaped like a token we issue; anything else is refused before the store sees it.
    static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Equal strings, compared in constant time over their digests.
    static func matches(_ given: String, _ expected: String) -> Bool {
        !expected.isEmpty && constantTimeEquals(SHA256.hash(Array(given.utf8)), SHA256.hash(Array(expected.utf8)))
    }
}
