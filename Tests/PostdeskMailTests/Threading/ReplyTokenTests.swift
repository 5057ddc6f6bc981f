import PostdeskMail
import Testing

/// The signed plus-address token of our Reply-To (ARCHITECTURE §2 step 5).
@Suite struct ReplyTokenTests {
    static let secret = Array("secret".utf8)
    static let support = "support@example.test"

    @Test(
        "the MAC is HMAC-SHA256 over number and lowercased recipient, 80 bits in lowercase base32 (RFC 4648 §6)",
        arguments: [
            // Computed independently with Python's hmac and base64.b32encode.
            (Int64(12), "ivan@example.ru", "44mjls6445wehaoj"),
            (12, "IVAN@Example.RU", "44mjls6445wehaoj"),
            (1, "a@b.c", "mhmzg5jh5czd5gqv"),
        ]
    )
    func knownVectors(number: Int64, recipient: String, mac: String) {
        // Tokens already in customers' mailboxes must keep verifying: the format is frozen.
        let token = ReplyToken.sign(ticketNumber: number, recipient: recipient, secret: Self.secret)
        #expect(token.mac == mac)
        #expect(token.text == "t\(number)-\(mac)")
    }

    @Test("a token verifies for its recipient in any case, and for no one else")
    func verifiesOnlyForRecipient() {
        let token = ReplyToken.sign(ticketNumber: 12, recipient: "ivan@example.ru", secret: Self.secret)
        #expect(token.verifies(for: "ivan@example.ru", secret: Self.secret))
        #expect(token.verifies(for: "Ivan@EXAMPLE.ru", secret: Self.secret))
        #expect(!token.verifies(for: "mallory@evil.test", secret: Self.secret))
        #expect(!token.verifies(for: "ivan@example.ru", secret: Array("other secret".utf8)))
    }

    @Test("changing the ticket number or the MAC breaks the signature")
    func tamperingFails() {
        let token = ReplyToken.sign(ticketNumber: 12, recipient: "ivan@example.ru", secret: Self.secret)
        var otherTicket = token
        otherTicket.ticketNumber = 13
        #expect(!otherTicket.verifies(for: "ivan@example.ru", secret: Self.secret))
        var otherMAC = token
        otherMAC.mac = String(token.mac.dropLast()) + (token.mac.last == "a" ? "b" : "a")
        #expect(!otherMAC.verifies(for: "ivan@example.ru", secret: Self.secret))
        let short = ReplyToken(ticketNumber: 12, mac: String(token.mac.prefix(8)))
        #expect(!short.verifies(for: "ivan@example.ru", secret: Self.secret))
    }

    @Test("the token rides in the plus-address of the support address and is found there again")
    func addressRoundTrip() throws {
        let token = ReplyToken.sign(ticketNumber: 12, recipient: "ivan@example.ru", secret: Self.secret)
        let address = token.address(on: Self.support)
        #expect(address == "support+t12-44mjls6445wehaoj@example.test")
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
            "support+t12-44mjls6445wehaoj@evil.test",
            "sales+t12-44mjls6445wehaoj@example.test",
            "xsupport+t12-44mjls6445wehaoj@example.test",
            "support+t12-44mjls6445wehaoj",
            "",
        ]
    )
    func notOurPlusAddress(address: String) {
        #expect(ReplyToken.find(in: address, supportAddress: Self.support) == nil)
    }

    @Test(
        "parsing accepts only t<positive number>-<16 base32 characters>",
        arguments: [
            ("t12-44mjls6445wehaoj", true),
            ("T12-44MJLS6445WEHAOJ", true),
            ("t0-44mjls6445wehaoj", false),
            ("t-44mjls6445wehaoj", false),
            ("x12-44mjls6445wehaoj", false),
            ("12-44mjls6445wehaoj", false),
            ("t12-44mjls6445wehao", false),
            ("t12-44mjls6445wehaojj", false),
            ("t12-44mjls6445weha01", false),
            ("t12_44mjls6445wehaoj", false),
            ("t99999999999999999999-44mjls6445wehaoj", false),
            ("", false),
        ]
    )
    func parsing(text: String, valid: Bool) {
        #expect((ReplyToken(parsing: Substring(text)) != nil) == valid)
    }

    @Test("the plus-address of a malformed support address is the support address itself")
    func supportAddressWithoutAt() {
        let token = ReplyToken.sign(ticketNumber: 1, recipient: "a@b.c", secret: Self.secret)
        #expect(token.address(on: "support") == "support")
    }
}
