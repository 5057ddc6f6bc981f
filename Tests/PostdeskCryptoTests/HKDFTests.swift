import PostdeskCrypto
import Testing

/// RFC 5869 Appendix A, test cases 1–3 (SHA-256).
@Suite struct HKDFTests {
    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { index in
            UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) ?? 0
        }
    }

    @Test(arguments: [
        (
            // A.1: basic test case
            [UInt8](repeating: 0x0b, count: 22), [UInt8](0x00...0x0c), [UInt8](0xf0...0xf9), 42,
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
        ),
        (
            // A.2: longer inputs and outputs
            [UInt8](0x00...0x4f), [UInt8](0x60...0xaf), [UInt8](0xb0...0xff), 82,
            "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"
        ),
        (
            // A.3: zero-length salt and info
            [UInt8](repeating: 0x0b, count: 22), [], [], 42,
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
        ),
    ])
    func rfc5869(ikm: [UInt8], salt: [UInt8], info: [UInt8], length: Int, okm: String) {
        let output = HKDF.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: length)
        #expect(output == Self.bytes(hex: okm))
    }

    @Test("the salt and the info each change the output")
    func saltAndInfoMatter() {
        let ikm = [UInt8](repeating: 0x0b, count: 22)
        let plain = HKDF.deriveKey(inputKeyMaterial: ikm, salt: [], info: [], outputByteCount: 32)
        #expect(HKDF.deriveKey(inputKeyMaterial: ikm, salt: [1], info: [], outputByteCount: 32) != plain)
        #expect(HKDF.deriveKey(inputKeyMaterial: ikm, salt: [], info: [1], outputByteCount: 32) != plain)
    }
}
