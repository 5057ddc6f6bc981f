/// HMAC with SHA-256, RFC 2104 §2 (test vectors: RFC 4231 §4).
///
/// Used to sign reply tokens; compare results with ``HMACSHA256/isValid(_:for:key:)``, which runs in
/// constant time.
public enum HMACSHA256 {
    /// Computes HMAC-SHA-256 of `message` under `key`.
    /// - Parameters:
    ///   - message: the data to authenticate.
    ///   - key: the secret; keys longer than the 64-byte block are hashed first (RFC 2104 §2).
    /// - Returns: the 32-byte tag.
    public static func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        var block = key.count > SHA256.blockSize ? SHA256.hash(key) : key
        block.append(contentsOf: repeatElement(0, count: SHA256.blockSize - block.count))
        var inner = SHA256Hasher()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        let innerDigest = inner.finalize()
        var outer = SHA256Hasher()
        outer.update(block.map { $0 ^ 0x5c })
        outer.update(innerDigest)
        return outer.finalize()
    }

    /// Checks a tag in constant time (with respect to its content).
    /// - Parameters:
    ///   - tag: the tag received.
    ///   - message: the data it claims to authenticate.
    ///   - key: the secret.
    public static func isValid(_ tag: [UInt8], for message: [UInt8], key: [UInt8]) -> Bool {
        let expected = authenticate(message, key: key)
        guard tag.count == expected.count else { return false }
        var difference: UInt8 = 0
        for index in 0..<expected.count { difference |= tag[index] ^ expected[index] }
        return difference == 0
    }
}
