import Foundation
import PostdeskCrypto
import PostdeskMail
import Testing

/// The signed plus-address token of our Reply-To (ARCHITECTURE §2 step 5).
@Suite struct ReplyTokenTests {
    static let secret = Array("0123456789abcdef0123456789abcdef".utf8)
    static let newSecret = Array("another secret of 32 bytes or so!".utf8)
    static let keys = try! KeyRing(secret: secret)
    static let support = "support@example.test"
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(
        "t<number>-<key id><MAC>: HMAC-SHA256 (reply-token key) of number and lowercased recipient, 80 bits, base32",
        arguments: [
            // Computed independently with Python's hmac (HKDF per RFC 5869) and base64.b32encode.
            (Int64(12), "ivan@example.ru", "3ibdt5mj7y2azp3ejwy"),
            (12, "IVAN@Example.RU", "3ibdt5mj7y2azp3ejwy"),
            (1, "a@b.c", "3ibsbkftwbm7deea576"),
        ]
    )
    func knownVectors(number: Int64, recipient: String, signature: String) {
        // Tokens already in customers' mailboxes must keep verifying: the format is frozen.
        let token = ReplyToken.sign(ticketNumber: number, recipient: recipient, keys: Self.keys)
        #expect(token.keyID == "3ib")
        #expect(token.text == "t\(number)-\(signature)")
    }

    @Test("a token verifies for its recipient in any case, and for no one else")
    func verifiesOnlyForRecipient() throws {
        let token = ReplyToken.sign(ticketNumber: 12, recipient: "ivan@example.ru", keys: Self.keys)
        #expect(token.verifies(for: "ivan@example.ru", keys: Self.keys, at: Self.now))
        #expect(token.verifies(for: "Ivan@EXAMPLE.ru", keys: Self.keys, at: Self.now))
        #expect(!token.verifies(for: "mallory@evil.test", keys: Self.keys, at: Self.now))
        #expect(!token.verifies(for: "ivan@example.ru", keys: try KeyRing(secret: Self.newSecret), at: Self.now))
    }

    @Test("changing the ticket number, the key id or the MAC breaks the signature")
    func tamperingFails() {
        let token = ReplyToken.sign(ticketNumber: 12, recipient: "ivan@example.ru", keys: Self.keys)
        var otherTicket = token
        otherTicket.ticketNumber = 13
        #expect(!otherTicket.verifies(for: "ivan@example.ru", keys: Self.keys, at: Self.now))
        var otherMAC = token
        otherMAC.mac = String(token.mac.dropLast()) + (token.mac.last == "a" ? "b" : "a")
        #expect(!otherMAC.verifies(for: "ivan@example.ru", keys: Self.keys, at: Self.now))
        var otherKey = token
        otherKey.keyID = "aaa"
        #expect(!otherKey.verifies(for: "ivan@example.ru", keys: Self.keys, at: Self.now))
        // The same MAC presented as an old-form token is checked against the raw secret, and fails
        var unkeyed = token
        unkeyed.keyID = nil
        #expect(!unkeyed.verifies(for: "ivan@example.ru", keys: Self.keys, at: Self.now))
        let short = ReplyToken(ticketNumber: 12, keyID: "3ib", mac: String(token.mac.prefix(8)))
        #expect(!short.verifies(for: "ivan@example.ru", keys: Self.keys, at: Self.now))
    }

    @Test("after a rotation, tokens of the previous secret verify during the grace period only")
    func rotation() throws {
        // Given a token signed before the rotation, and the ring after it with one day of grace
        let old = ReplyToken.sign(ticketNumber: 12, recipient: "ivan@example.ru", keys: Self.keys)
        let until = Self.now.addingTimeInterval(86_400)
        let rotated = try KeyRing(secret: Self.newSecret, previous: Self.secret, previousUntil: until)

        // Then it verifies before the end of the grace period, and not from then on
        #expect(old.verifies(for: "ivan@example.ru", keys: rotated, at: Self.now))
        #expect(!old.verifies(for: "ivan@example.ru", keys: rotated, at: until))
        // And new tokens carry the new key id and verify
        let new = ReplyToken.sign(ticketNumber: 12, recipient: "ivan@example.ru", keys: rotated)
        #expect(new.keyID == "bnv")
        #expect(new.verifies(for: "ivan@example.ru", keys: rotated, at: until))
    }

    @Test("tokens mailed before key ids (MAC with the raw secret) verify with that secret, current or in grace")
    func oldFormTokens() throws {
        // Given old-form tokens, computed independently with Python's hmac: one made with today's secret, one made
        // with the 6-byte secret "secret" that an installation may have used before 32 bytes were required
        let current = try #require(ReplyToken(parsing: "t12-rtqgp2etnxayhs23"))
        let short = try #require(ReplyToken(parsing: "t12-44mjls6445wehaoj"))
        #expect(current.keyID == nil)

        // Then the first verifies under today's secret
        #expect(current.verifies(for: "ivan@example.ru", keys: Self.keys, at: Self.now))
        #expect(!current.verifies(for: "mallory@evil.test", keys: Self.keys, at: Self.now))
        // And the second while "secret" is the previous secret, until its grace period ends
        let until = Self.now.addingTimeInterval(86_400)
        let upgraded = try KeyRing(secret: Self.secret, previous: Array("secret".utf8), previousUntil: until)
        #expect(short.verifies(for: "ivan@example.ru", keys: upgraded, at: Self.now))
        #expect(!short.verifies(for: "ivan@example.ru", keys: upgraded, at: until))
        #expect(!short.verifies(for: "ivan@example.ru", keys: Self.keys, at: Self.now))
    }

    @Test("the token rides in the plus-address of the support address and is found there again")
    func addressRoundTrip() throws {
        let token = ReplyToken.sign(ticketNumber: 12, recipient: "ivan@example.ru", keys: Self.keys)
        let address = token.address(on: Self.support)
        #expect(address == "support+t12-3ibdt5mj7y2azp3ejwy@example.test")
        #expect(ReplyToken.find(in: address, supportAddress: Self.support) == token)
        // MTAs may change the case of the whole address
        #expect(ReplyToken.find(in: address.uppercased(), supportAddress: Self.support) == token)
        #expect(ReplyToken.find(in: address, supportAddress: "Support@Example.TEST") == token)
    }

    @Test(
        "addresses that are not our plus-address carry no token",
        arguments: [
            "support@example.test",
            "support+@example.test",
            "support+t12-3ibdt5mj7y2azp3ejwy@evil.test",
            "sales+t12-3ibdt5mj7y2azp3ejwy@example.test",
            "xsupport+t12-3ibdt5mj7y2azp3ejwy@example.test",
            "support+t12-3ibdt5mj7y2azp3ejwy",
            "",
        ]
    )
    func notOurPlusAddress(address: String) {
        #expect(ReplyToken.find(in: address, supportAddress: Self.support) == nil)
    }

    @Test(
        "parsing accepts t<positive number>-<3-character key id><16-character MAC>, or the old form without key id",
        arguments: [
            ("t12-3ibdt5mj7y2azp3ejwy", true),
            ("T12-3IBDT5MJ7Y2AZP3EJWY", true),
            ("t12-44mjls6445wehaoj", true),
            ("t0-3ibdt5mj7y2azp3ejwy", false),
            ("t-3ibdt5mj7y2azp3ejwy", false),
            ("x12-3ibdt5mj7y2azp3ejwy", false),
            ("12-3ibdt5mj7y2azp3ejwy", false),
            ("t12-3ibdt5mj7y2azp3ejw", false),
            ("t12-3ibdt5mj7y2azp3ejwyy", false),
            ("t12-44mjls6445wehao", false),
            ("t12-3ibdt5mj7y2azp3ej01", false),
            ("t12-3ib-dt5mj7y2azp3ejw", false),
            ("t12_3ibdt5mj7y2azp3ejwy", false),
            ("t99999999999999999999-3ibdt5mj7y2azp3ejwy", false),
            ("t+12-3ibdt5mj7y2azp3ejwy", false),
            ("", false),
        ]
    )
    func parsing(text: String, valid: Bool) {
        #expect((ReplyToken(parsing: Substring(text)) != nil) == valid)
    }

    @Test("the plus-address of a malformed support address is the support address itself")
    func supportAddressWithoutAt() {
        let token = ReplyToken.sign(ticketNumber: 1, recipient: "a@b.c", keys: Self.keys)
        #expect(token.address(on: "support") == "support")
    }
}
