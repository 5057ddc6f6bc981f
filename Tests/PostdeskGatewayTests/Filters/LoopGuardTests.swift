import PostdeskCore
import PostdeskMail
import Testing

@testable import PostdeskGateway

@Suite struct LoopGuardTests {
    let filter = LoopGuard(messageIDDomain: "Support.Example.Test")

    @Test(
        "our own mail is a loop: the X-Postdesk-Loop header, or our Message-ID form on our domain",
        arguments: [
            (
                ["X-Postdesk-Loop: support@support.example.test", "Message-ID: <c1@example.ru>"],
                "X-Postdesk-Loop header"
            ),
            (["Message-ID: <postdesk.ack.1.abc@support.example.test>"], "our own Message-ID domain"),
            (["Message-ID: <POSTDESK.ack.1.abc@SUPPORT.example.test>"], "our own Message-ID domain"),
        ]
    )
    func loops(headers: [String], reason: String) throws {
        let draft = try filtered(eml(["From: support@support.example.test", "Subject: x"] + headers), by: filter)
        #expect(draft.automatic == AutomaticMail(kind: .loop, reason: reason))
    }

    @Test(
        "customers on our domain and look-alike IDs are not loops",
        arguments: [
            "Message-ID: <c1@support.example.test>",
            "Message-ID: <postdesk.ack.1@evil.test>",
            "Message-ID: <postdesk.ack.1@xsupport.example.test>",
            "X-Other: 1",
        ]
    )
    func notLoops(header: String) throws {
        let draft = try filtered(eml(["From: colleague@support.example.test", "Subject: x", header]), by: filter)
        #expect(draft.automatic == nil)
    }

    @Test(
        "everything we send carries X-Postdesk-Loop, so it is a loop when it comes back, whatever its Message-ID",
        arguments: [true, false])
    func ourOwnMailComesBack(automatic: Bool) async throws {
        // Given a mail we rendered (automatic or not), and a loop guard that cannot recognise its Message-ID
        let raw = try await Templates.renderer().render(
            try MailRendererTests.item(language: "en", automatic: automatic), date: MailRendererTests.date)
        let guardElsewhere = LoopGuard(messageIDDomain: "elsewhere.example")

        // When it arrives back in our mailbox
        let draft = try filtered(raw, by: guardElsewhere)

        // Then the header names our installation and the mail is a loop
        #expect(draft.parsed.header("X-Postdesk-Loop") == GatewayHarness.supportAddress)
        #expect(draft.automatic == AutomaticMail(kind: .loop, reason: "X-Postdesk-Loop header"))
    }
}
