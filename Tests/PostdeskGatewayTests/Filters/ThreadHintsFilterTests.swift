import Foundation
import PostdeskCore
import PostdeskCrypto
import PostdeskMail
import Testing

@testable import PostdeskGateway

@Suite struct ThreadHintsFilterTests {
    let filter = ThreadHintsFilter(
        ourAddresses: [GatewayHarness.supportAddress], keys: GatewayHarness.keys,
        now: Date(timeIntervalSince1970: 1_700_000_000))

    func token(_ ticket: Int64, for recipient: String) -> String {
        ReplyToken.sign(ticketNumber: ticket, recipient: recipient, keys: GatewayHarness.keys)
            .address(on: GatewayHarness.supportAddress)
    }

    @Test("a token signed for the sender is verified; In-Reply-To comes first, then References nearest first")
    func verifiedTokenAndReferences() throws {
        let raw = customerMail(
            to: "Support <\(token(12, for: "ivan@example.ru"))>", subject: "Re: [#12] x",
            extra: ["In-Reply-To: <b@x>", "References: <root@x> <a@x> <b@x>"]
        )
        let hints = try filtered(raw, by: filter).hints
        #expect(hints.verifiedToken == TicketNumber(12))
        #expect(!hints.forgedToken)
        #expect(hints.subjectTag == TicketNumber(12))
        #expect(hints.referencedMessageIDs == ["b@x", "b@x", "a@x", "root@x"])
    }

    @Test("a token signed for someone else, or with a broken MAC, is forged")
    func forged() throws {
        let stolen = try filtered(
            customerMail(from: "mallory@evil.test", to: token(12, for: "ivan@example.ru")), by: filter)
        #expect(stolen.hints.verifiedToken == nil && stolen.hints.forgedToken)

        let broken = try filtered(customerMail(to: "support+t12-aaaaaaaaaaaaaaaa@support.example.test"), by: filter)
        #expect(broken.hints.verifiedToken == nil && broken.hints.forgedToken)
    }

    @Test("a good token in Cc wins over a bad one in To")
    func goodTokenWins() throws {
        let raw = customerMail(
            to: "support+t3-aaaaaaaaaaaaaaaa@support.example.test",
            extra: ["Cc: \(token(4, for: "ivan@example.ru"))"])
        let hints = try filtered(raw, by: filter).hints
        #expect(hints.verifiedToken == TicketNumber(4) && !hints.forgedToken)
    }

    @Test("plain mail to the support address has no hints")
    func noHints() throws {
        let hints = try filtered(customerMail(subject: "Printer #12 on fire"), by: filter).hints
        #expect(hints == ThreadHints())
    }

    @Test("after a secret rotation, a token of the previous secret verifies until the grace period ends")
    func previousSecretDuringGrace() throws {
        // Given a reply carrying a token signed before the rotation
        let raw = customerMail(to: token(12, for: "ivan@example.ru"))
        let until = Date(timeIntervalSince1970: 1_700_086_400)
        let rotated = try KeyRing(
            secret: Array("the new secret, also 32 bytes or more".utf8),
            previous: Array("a test secret of some length: 32+ bytes".utf8), previousUntil: until)

        // When it is read during the grace period, and after it
        let during = ThreadHintsFilter(
            ourAddresses: [GatewayHarness.supportAddress], keys: rotated, now: until.addingTimeInterval(-1))
        let after = ThreadHintsFilter(ourAddresses: [GatewayHarness.supportAddress], keys: rotated, now: until)

        // Then it is verified during, and counts as forged after
        #expect(try filtered(raw, by: during).hints.verifiedToken == TicketNumber(12))
        let late = try filtered(raw, by: after).hints
        #expect(late.verifiedToken == nil && late.forgedToken)
    }
}
