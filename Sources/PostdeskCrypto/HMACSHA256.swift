import CCrypto

/// HMAC with SHA-256, RFC 2104 (test vectors: RFC 4231 §4), from OpenSSL's libcrypto.
///
/// Signs reply tokens and, later, portal links, sessions and webhook bodies. Check a tag with
/// ``isValid(_:for:key:)``, which compares in constant time.
public enum HMACSHA256 {
    /// The size of a tag in bytes.
    public static let tagSize = 32

    /// Computes HMAC-SHA-256 of `message` under `key`.
    /// - Parameters:
    ///   - message: the data to authenticate.
    ///   - key: the secret; keys longer than the 64-byte block are hashed first (RFC 2104 §2).
    /// - Returns: the 32-byte tag.
    public static func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        var tag = [UInt8](repeating: 0, count: tagSize)
        var length: UInt32 = 0
        // A non-null pointer even for an empty key: for OpenSSL a null key means "keep the key set before".
        let keyBytes = key.isEmpty ? [0] : key
        let result = keyBytes.withUnsafeBufferPointer { keyBuffer in
            message.withUnsafeBufferPointer { messageBuffer in
                tag.withUnsafeMutableBufferPointer { out in
                    HMAC(
                        EVP_sha256(), keyBuffer.baseAddress, Int32(key.count), messageBuffer.baseAddress,
                        messageBuffer.count, out.baseAddress, &length)
                }
            }
        }
        LibCrypto.check(result != nil && length == UInt32(tagSize), "HMAC(SHA-256)")
        return tag
    }

    /// Checks a tag in constant time (with respect to its content).
    /// - Parameters:
    ///   - tag: the tag received.
    ///   - message: the data it claims to authenticate.
    ///   - key: the secret.
    public static func isValid(_ tag: [UInt8], for message: [UInt8], key: [UInt8]) -> Bool {
        constantTimeEquals(tag, authenticate(message, key: key))
    }
}
