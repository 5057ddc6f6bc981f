import Foundation
import PostdeskCrypto
import Testing

/// One key per purpose, derived from the secret; the previous secret verifies during its grace period only.
@Suite struct KeyRingTests {
    static let secret = Array("0123456789abcdef0123456789abcdef".utf8)
    static let newSecret = Array("another secret of 32 bytes or so!".utf8)
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("keys are HKDF-SHA256 of the secret, and the key id names the secret (frozen: tokens are out there)")
    func knownKeys() throws {
        // Given the ring of a known secret
        let ring = try KeyRing(secret: Self.secret)

        // Then the id and the reply-token key are what an independent HKDF (Python's hmac) gives
        #expect(ring.currentKeyID == "3ib")
        let key = ring.key(for: .replyToken)
        #expect(key.id == "3ib")
        #expect(
            key.bytes
                == HKDF.deriveKey(
                    inputKeyMaterial: Self.secret, salt: Array("postdesk key ring v1".utf8),
                    info: Array("postdesk/reply-token".utf8), outputByteCount: 32))
        #expect(try KeyRing(secret: Self.newSecret).currentKeyID == "bnv")
    }

    @Test("every purpose has its own key, and none is the secret itself")
    func separateKeys() throws {
        let ring = try KeyRing(secret: Self.secret)
        let keys = KeyRing.Purpose.allCases.map { ring.key(for: $0).bytes }
        #expect(Set(keys).count == KeyRing.Purpose.allCases.count)
        #expect(!keys.contains(Self.secret))
        #expect(keys.allSatisfy { $0.count == 32 })
    }

    @Test("a secret shorter than 32 bytes is refused", arguments: [0, 1, 16, 31])
    func shortSecret(length: Int) {
        #expect(throws: KeyRingError.self) { try KeyRing(secret: [UInt8](repeating: 7, count: length)) }
    }

    @Test("a previous secret needs an end date and some bytes")
    func previousNeedsExpiry() {
        #expect(throws: KeyRingError.self) { try KeyRing(secret: Self.newSecret, previous: Self.secret) }
        #expect(throws: KeyRingError.self) {
            try KeyRing(secret: Self.newSecret, previous: [], previousUntil: Self.now)
        }
    }

    @Test("the previous secret's keys verify until the grace period ends, and not after")
    func gracePeriod() throws {
        // Given a ring rotated from `secret` to `newSecret`, with one day of grace
        let until = Self.now.addingTimeInterval(86_400)
        let ring = try KeyRing(secret: Self.newSecret, previous: Self.secret, previousUntil: until)
        let old = try KeyRing(secret: Self.secret).key(for: .replyToken)

        // Then new tokens are signed with the new key
        #expect(ring.key(for: .replyToken).id == "bnv")
        // And the old key id finds the old key during the grace period
        #expect(ring.verificationKeys(for: .replyToken, keyID: "3ib", at: Self.now).map(\.bytes) == [old.bytes])
        #expect(ring.legacySecrets(at: Self.now) == [Self.newSecret, Self.secret])
        // But nothing at or after its end
        #expect(ring.verificationKeys(for: .replyToken, keyID: "3ib", at: until).isEmpty)
        #expect(ring.legacySecrets(at: until) == [Self.newSecret])
        // And an unknown id finds nothing
        #expect(ring.verificationKeys(for: .replyToken, keyID: "zzz", at: Self.now).isEmpty)
    }

    @Test("a key's description never shows its bytes")
    func redactedDescription() throws {
        let key = try KeyRing(secret: Self.secret).key(for: .session)
        #expect("\(key)" == "Key(id: 3ib)")
    }
}
