import PostdeskCore
import PostdeskMail
import Testing

@testable import PostdeskGateway

@Suite struct ThreadHintsFilterTests {
    let filter = ThreadHintsFilter(supportAddress: GatewayHarness.supportAddress, secret: GatewayHarness.secret)

    func token(_ ticket: Int64, for recipient: String) -> String {
        ReplyToken.sign(ticketNumber: ticket, recipient: recipient, secret: GatewayHarness.secret)
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
}
