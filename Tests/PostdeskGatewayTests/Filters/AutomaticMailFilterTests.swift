import PostdeskCore
import PostdeskMail
import Testing

@testable import PostdeskGateway

@Suite struct AutomaticMailFilterTests {
    @Test(
        "machine markers become the domain's AutomaticMail kinds (RFC 3834 and vendor headers)",
        arguments: [
            ("Auto-Submitted: auto-replied", AutomaticMail.Kind.autoReply),
            ("Precedence: bulk", .bulk),
            ("List-Id: <news.example.ru>", .list),
        ]
    )
    func kinds(header: String, kind: AutomaticMail.Kind) throws {
        let draft = try filtered(eml(["From: robot@example.ru", "Subject: x", header]), by: AutomaticMailFilter())
        #expect(draft.automatic?.kind == kind)
    }

    @Test("a person's mail is not automatic")
    func person() throws {
        let draft = try filtered(customerMail(), by: AutomaticMailFilter())
        #expect(draft.automatic == nil)
        #expect(draft.hints.bouncedMessageID == nil)
    }

    @Test("a loop already found stays a loop")
    func keepsEarlierVerdict() throws {
        var draft = InboundDraft(
            parsed: try MailParser().parse(eml(["From: robot@example.ru", "Auto-Submitted: auto-replied"])))
        draft.automatic = AutomaticMail(kind: .loop, reason: "X-Postdesk-Loop header")
        AutomaticMailFilter().apply(to: &draft)
        #expect(draft.automatic?.kind == .loop)
    }
}
