import CCrypto

/// SHA-256 (FIPS 180-4) from OpenSSL's libcrypto.
///
/// Postdesk hashes every raw message (the inbound ledger's key) and every attachment (the blob store's address), and
/// hashes portal tokens before storing them.
public enum SHA256 {
    /// The size of a digest in bytes.
    public static let digestSize = 32

    /// Hashes `bytes` in one go.
    /// - Parameter bytes: the message.
    /// - Returns: the 32-byte digest.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        if let digest = bytes.withContiguousStorageIfAvailable({ hash(buffer: UnsafeRawBufferPointer($0)) }) {
            return digest
        }
        return Array(bytes).withUnsafeBytes { hash(buffer: $0) }
    }

    /// Hashes `bytes` and returns the digest as lowercase hexadecimal.
    /// - Parameter bytes: the message.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        hexString(hash(bytes))
    }

    /// Lowercase hexadecimal of arbitrary bytes (e.g. a digest or a MAC).
    /// - Parameter bytes: the bytes to render.
    public static func hexString(_ bytes: some Sequence<UInt8>) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hash(buffer: UnsafeRawBufferPointer) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: digestSize)
        var length: UInt32 = 0
        let status = digest.withUnsafeMutableBufferPointer { out in
            // An empty message may have no base address; EVP_DigestUpdate ignores the pointer when the count is 0.
            EVP_Digest(buffer.baseAddress, buffer.count, out.baseAddress, &length, EVP_sha256(), nil)
        }
        LibCrypto.check(status == 1 && length == UInt32(digestSize), "EVP_Digest(SHA-256)")
        return digest
    }
}
