import CCrypto

/// HKDF with SHA-256, RFC 5869 (extract, then expand), from OpenSSL's libcrypto.
///
/// Turns the one configured secret into independent keys, one per purpose, so a key that leaks through one use
/// (say, a webhook secret shown to an admin) tells nothing about the others.
public enum HKDF {
    /// The most output RFC 5869 §2.3 allows with SHA-256: 255 blocks of 32 bytes.
    public static let maximumOutputByteCount = 255 * SHA256.digestSize

    /// Derives `outputByteCount` bytes of key material.
    /// - Parameters:
    ///   - inputKeyMaterial: the secret (IKM).
    ///   - salt: a non-secret value; empty means a string of zeros (RFC 5869 §2.2).
    ///   - info: context that binds the output to one use.
    ///   - outputByteCount: L, at most ``maximumOutputByteCount``.
    /// - Returns: the output keying material (OKM).
    public static func deriveKey(
        inputKeyMaterial: [UInt8], salt: [UInt8], info: [UInt8], outputByteCount: Int
    ) -> [UInt8] {
        precondition(
            outputByteCount > 0 && outputByteCount <= maximumOutputByteCount, "HKDF output length out of range")
        // OpenSSL 3.0 (Debian 12) derives HKDF through the EVP_PKEY interface; EVP_KDF needs OSSL_PARAM arrays.
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nil) else {
            LibCrypto.fail("EVP_PKEY_CTX_new_id(HKDF)")
        }
        defer { EVP_PKEY_CTX_free(context) }
        // Non-null pointers even for empty inputs: OpenSSL rejects a null salt or info pointer.
        let saltCount = Int32(salt.count)
        let infoCount = Int32(info.count)
        let salt = salt.isEmpty ? [0] : salt
        let info = info.isEmpty ? [0] : info
        var output = [UInt8](repeating: 0, count: outputByteCount)
        var length = outputByteCount
        let ok =
            EVP_PKEY_derive_init(context) == 1
            && EVP_PKEY_CTX_set_hkdf_md(context, EVP_sha256()) == 1
            && EVP_PKEY_CTX_set1_hkdf_salt(context, salt, saltCount) == 1
            && EVP_PKEY_CTX_set1_hkdf_key(context, inputKeyMaterial, Int32(inputKeyMaterial.count)) == 1
            && EVP_PKEY_CTX_add1_hkdf_info(context, info, infoCount) == 1
            && output.withUnsafeMutableBufferPointer { EVP_PKEY_derive(context, $0.baseAddress, &length) } == 1
        LibCrypto.check(ok && length == outputByteCount, "EVP_PKEY_derive(HKDF)")
        return output
    }
}
