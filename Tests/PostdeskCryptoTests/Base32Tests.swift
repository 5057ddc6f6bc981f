import PostdeskCrypto
import Testing

/// RFC 4648 §10 test vectors, lowercased and without padding.
@Suite struct Base32Tests {
    @Test(arguments: [
        ("", ""), ("f", "my"), ("fo", "mzxq"), ("foo", "mzxw6"), ("foob", "mzxw6yq"), ("fooba", "mzxw6ytb"),
        ("foobar", "mzxw6ytboi"),
    ])
    func rfc4648(input: String, expected: String) {
        #expect(Base32.encode(Array(input.utf8)) == expected)
        #expect(Base32.isEncoded(expected))
    }

    @Test("only a–z and 2–7 are base32", arguments: ["A", "0", "1", "8", "-", "=", " "])
    func notEncoded(text: String) {
        #expect(!Base32.isEncoded("ab\(text)"))
    }
}
