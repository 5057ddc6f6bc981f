import Foundation
import PostdeskCrypto
import PostdeskMail
import Testing

/// The operator's reply token: `o<ticket>-<operator>-<key id><MAC>`, signed for that operator and that ticket.
@Suite struct OperatorReplyTokenTests {
    static let secret = Array("0123456789abcdef0123456789abcdef".utf8)
    static let newSecret = Array("another secret of 32 bytes or so!".utf8)
    static let keys = try! KeyRing(secret: secret)
    static let support = "support@example.test"
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("o<ticket>-<operator>-<key id><MAC>: HMAC-SHA256 (reply-token key), domain-separated, 80 bits, base32")
    func knownVector() throws {
        let token = OperatorReplyToken.sign(ticketNumber: 12, operatorID: 7, keys: Self.keys)
        // The MAC is over "postdesk-operator-token\0<ticket>\0<operator>" under the ring's reply-token key
        let key = Self.keys.key(for: .replyToken)
        let expected = Base32.encode(
            HMACSHA256.authenticate(Array("postdesk-operator-token\u{0}12\u{0}7".utf8), key: key.bytes).prefix(10))
        #expect(token.keyID == "3ib")
        #expect(token.mac == expected)
        #expect(token.text == "o12-7-3ib\(expected)")
        #expect(token.text.count == "o12-7-".count + 3 + 16)
        #expect(token.text == token.text.lowercased())
        #expect(OperatorReplyToken(parsing: Substring(token.text)) == token)
    }

    @Test("a token verifies for its ticket and operator, and tampering with either or the MAC breaks it")
    func tampering() {
        let token = OperatorReplyToken.sign(ticketNumber: 12, operatorID: 7, keys: Self.keys)
        #expect(token.verifies(keys: Self.keys, at: Self.now))
        var otherTicket = token
        otherTicket.ticketNumber = 13
        #expect(!otherTicket.verifies(keys: Self.keys, at: Self.now))
        var otherOperator = token
        otherOperator.operatorID = 8
        #expect(!otherOperator.verifies(keys: Self.keys, at: Self.now))
        var otherMAC = token
        otherMAC.mac = String(token.mac.dropLast()) + (token.mac.last == "a" ? "b" : "a")
        #expect(!otherMAC.verifies(keys: Self.keys, at: Self.now))
        var otherKey = token
        otherKey.keyID = "aaa"
        #expect(!otherKey.verifies(keys: Self.keys, at: Self.now))
        #expect(!token.verifies(keys: try! KeyRing(secret: Self.newSecret), at: Self.now))
        // Digits moved between the two numbers: "o1-27" is not "o12-7"
        let moved = OperatorReplyToken(ticketNumber: 1, operatorID: 27, keyID: token.keyID, mac: token.mac)
        #expect(!moved.verifies(keys: Self.keys, at: Self.now))
    }

    @Test("an operator token's MAC is not a customer token's: neither verifies as the other")
    func domainSeparation() throws {
        let customer = ReplyToken.sign(ticketNumber: 12, recipient: "7", keys: Self.keys)
        let forged = OperatorReplyToken(ticketNumber: 12, operatorID: 7, keyID: customer.keyID ?? "", mac: customer.mac)
        #expect(!forged.verifies(keys: Self.keys, at: Self.now))
    }

    @Test("after a rotation, tokens of the previous secret verify during the grace period only")
    func rotation() throws {
        let old = OperatorReplyToken.sign(ticketNumber: 12, operatorID: 7, keys: Self.keys)
        let until = Self.now.addingTimeInterval(86_400)
        let rotated = try KeyRing(secret: Self.newSecret, previous: Self.secret, previousUntil: until)
        #expect(old.verifies(keys: rotated, at: Self.now))
        #expect(!old.verifies(keys: rotated, at: until))
        let new = OperatorReplyToken.sign(ticketNumber: 12, operatorID: 7, keys: rotated)
        #expect(new.keyID == "bnv")
        #expect(new.verifies(keys: rotated, at: until))
    }

    @Test("the token rides in the plus-address of the support address and is found there again")
    func addressRoundTrip() {
        let token = OperatorReplyToken.sign(ticketNumber: 12, operatorID: 7, keys: Self.keys)
        let address = token.address(on: Self.support)
        #expect(address == "support+\(token.text)@example.test")
        #expect(OperatorReplyToken.find(in: address, supportAddress: Self.support) == token)
        #expect(OperatorReplyToken.find(in: address.uppercased(), supportAddress: Self.support) == token)
        #expect(OperatorReplyToken.find(in: address, supportAddress: "Support@Example.TEST") == token)
        #expect(OperatorReplyToken.find(in: "support+\(token.text)@evil.test", supportAddress: Self.support) == nil)
        #expect(OperatorReplyToken.find(in: "sales+\(token.text)@example.test", supportAddress: Self.support) == nil)
        #expect(token.address(on: "support") == "support")
    }

    @Test("a customer token is never read as an operator token, nor the other way round")
    func formsNeverMix() {
        let op = OperatorReplyToken.sign(ticketNumber: 12, operatorID: 7, keys: Self.keys)
        let customer = ReplyToken.sign(ticketNumber: 12, recipient: "ivan@example.ru", keys: Self.keys)
        #expect(ReplyToken.find(in: op.address(on: Self.support), supportAddress: Self.support) == nil)
        #expect(OperatorReplyToken.find(in: customer.address(on: Self.support), supportAddress: Self.support) == nil)
        #expect(ReplyToken(parsing: Substring(op.text)) == nil)
        #expect(ReplyToken(parsing: Substring("t" + op.text.dropFirst())) == nil)
        #expect(OperatorReplyToken(parsing: Substring("o" + customer.text.dropFirst())) == nil)
    }

    @Test(
        "parsing accepts o<positive>-<positive>-<3-character key id><16-character MAC>, digits only",
        arguments: [
            ("o12-7-3ibdt5mj7y2azp3ejwy", true),
            ("O12-7-3IBDT5MJ7Y2AZP3EJWY", true),
            ("o9223372036854775807-1-3ibdt5mj7y2azp3ejwy", true),
            ("o0-7-3ibdt5mj7y2azp3ejwy", false),
            ("o12-0-3ibdt5mj7y2azp3ejwy", false),
            ("o012-7-3ibdt5mj7y2azp3ejwy", false),
            ("o12-07-3ibdt5mj7y2azp3ejwy", false),
            ("o+12-7-3ibdt5mj7y2azp3ejwy", false),
            ("o12-+7-3ibdt5mj7y2azp3ejwy", false),
            ("o-12-7-3ibdt5mj7y2azp3ejwy", false),
            ("o12--7-3ibdt5mj7y2azp3ejwy", false),
            ("o12-7-3ibdt5mj7y2azp3ejw", false),
            ("o12-7-3ibdt5mj7y2azp3ejwyy", false),
            ("o12-7-dt5mj7y2azp3ejwy", false),
            ("o12-7-3ibdt5mj7y2azp3ej01", false),
            ("o12-7-3ib-dt5mj7y2azp3ejw", false),
            ("o١٢-7-3ibdt5mj7y2azp3ejwy", false),
            ("o9223372036854775808-7-3ibdt5mj7y2azp3ejwy", false),
            ("o12-3ibdt5mj7y2azp3ejwy", false),
            ("t12-3ibdt5mj7y2azp3ejwy", false),
            ("x12-7-3ibdt5mj7y2azp3ejwy", false),
            ("12-7-3ibdt5mj7y2azp3ejwy", false),
            ("o", false),
            ("", false),
        ]
    )
    func parsing(text: String, valid: Bool) {
        #expect((OperatorReplyToken(parsing: Substring(text)) != nil) == valid)
    }
}
