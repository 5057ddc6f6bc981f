import Foundation
import PostdeskCore
import PostdeskCrypto
import PostdeskGateway
import PostdeskMail
import PostdeskWorkflow
import Testing

/// The filters, end to end over raw mail: loop guard, automatic mail, bounces, thread hints, language.
@Suite struct InboundFilterPipelineTests {
    let h: GatewayHarness

    /// Given ticket #1, opened by Ivan's mail <c1@example.ru>.
    init() async throws {
        h = try GatewayHarness()
        _ = try await h.ingest(customerMail())
        h.world.advance(by: 60)
    }

    private func ackMessageID() async throws -> String {
        try #require(try await h.outbox(1).first).item.messageID
    }

    private func token(for recipient: String, ticket: Int64 = 1) -> String {
        ReplyToken.sign(ticketNumber: ticket, recipient: recipient, keys: GatewayHarness.keys)
            .address(on: GatewayHarness.supportAddress)
    }

    @Test("a reply to our signed Reply-To is a follow-up, even with a new subject and no References")
    func replyToken() async throws {
        let reply = customerMail(
            from: "IVAN@example.ru", to: token(for: "ivan@example.ru"), subject: "one more thing",
            messageID: "c2@example.ru")
        #expect(try await h.ingest(reply).map(\.outcome) == [.followUp(TicketNumber(1))])
        #expect(try await h.events(1).last?.detail.contains("reply token") == true)
    }

    @Test("a token found in Delivered-To counts too")
    func tokenInDeliveredTo() async throws {
        let reply = customerMail(messageID: "c2@example.ru", extra: ["Delivered-To: \(token(for: "ivan@example.ru"))"])
        #expect(try await h.ingest(reply).map(\.outcome) == [.followUp(TicketNumber(1))])
    }

    @Test("Ivan's token used by someone else is forged: a new ticket")
    func someoneElsesToken() async throws {
        let intrusion = customerMail(
            from: "mallory@evil.test", to: token(for: "ivan@example.ru"), subject: "hi",
            messageID: "m1@evil.test")
        #expect(try await h.ingest(intrusion).map(\.outcome) == [.created(TicketNumber(2))])
        #expect(try await h.events(2).first?.detail.contains("bad signature") == true)
        #expect(try await h.messages(1).count == 1)
    }

    @Test("In-Reply-To our acknowledgement is a follow-up")
    func inReplyToOurMail() async throws {
        let ack = try await ackMessageID()
        let reply = customerMail(
            subject: "Re: something", messageID: "c2@example.ru",
            extra: ["In-Reply-To: <\(ack)>", "References: <c1@example.ru> <\(ack)>"])
        #expect(try await h.ingest(reply).map(\.outcome) == [.followUp(TicketNumber(1))])
    }

    @Test("[#1] from Ivan is a follow-up; from a stranger it is a new ticket")
    func subjectTag() async throws {
        let fromIvan = customerMail(subject: "Re: [#1] Printer on fire", messageID: "c2@example.ru")
        let fromStranger = customerMail(
            from: "mallory@evil.test", subject: "Re: [#1] Printer on fire",
            messageID: "m1@evil.test")
        let results = try await h.ingest(fromIvan, fromStranger)
        #expect(results.map(\.outcome) == [.followUp(TicketNumber(1)), .created(TicketNumber(2))])
    }

    @Test("Auto-Submitted mail opens a ticket without an acknowledgement")
    func autoSubmitted() async throws {
        let auto = customerMail(
            from: "robot@example.ru", subject: "Automatic reply: vacation", messageID: "r1@example.ru",
            extra: ["Auto-Submitted: auto-replied"])
        #expect(try await h.ingest(auto).map(\.outcome) == [.created(TicketNumber(2))])
        #expect(try await h.outbox(2).isEmpty)
        #expect(try await h.events(2).last?.kind == "autoreply.suppressed")
    }

    @Test("our own mail coming back is a loop: recorded, ignored", arguments: ["header", "message-id"])
    func loop(marker: String) async throws {
        let extra = marker == "header" ? ["X-Postdesk-Loop: \(GatewayHarness.supportAddress)"] : []
        let id = marker == "header" ? "l1@example.ru" : "postdesk.ack.1.zzz@\(GatewayHarness.domain)"
        let loop = customerMail(from: GatewayHarness.supportAddress, messageID: id, extra: extra)
        let results = try await h.ingest(loop)
        guard case .ignored(let reason, nil) = results.first?.outcome else {
            Issue.record("expected a loop, got \(results)")
            return
        }
        #expect(reason.hasPrefix("mail loop"))
        #expect(try await h.inbound(results[0].inboundID)?.state == .ignored)
        #expect(try await h.ticketCount() == 1)
    }

    @Test("a DSN for our acknowledgement is an event on #1")
    func bounce() async throws {
        // Given the mail server returned our acknowledgement
        let ack = try await ackMessageID()
        let dsn = eml(
            [
                "From: MAILER-DAEMON@mx.example.ru (Mail Delivery System)", "To: \(GatewayHarness.supportAddress)",
                "Subject: Undelivered Mail Returned to Sender", "Message-ID: <dsn1@mx.example.ru>",
                "Auto-Submitted: auto-replied", "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"R\"",
            ],
            body: """
                --R
                Content-Type: text/plain

                Your message could not be delivered.
                --R
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.ru

                Final-Recipient: rfc822; ivan@example.ru
                Action: failed
                Status: 5.1.1

                --R
                Content-Type: text/rfc822-headers

                From: \(GatewayHarness.supportAddress)
                To: ivan@example.ru
                Subject: [#1] Re: Printer on fire
                Message-ID: <\(ack)>

                --R--

                """
        )

        // When it is ingested
        let results = try await h.ingest(dsn)

        // Then it is ignored on #1, with a mail.bounced event naming our Message-ID (the acknowledgement was never
        // sent here, so the DSN proves nothing about the address: it is not suppressed)
        #expect(results.first?.outcome == .ignored(reason: "bounce of our mail <\(ack)>", ticket: TicketNumber(1)))
        let events = try await h.events(1)
        let event = try #require(events.first { $0.kind == "mail.bounced" })
        #expect(event.detail.contains(ack) && event.detail.contains("5.1.1"))
        #expect(!events.contains { $0.kind == "address.suppressed" })
        let stored = try #require(try await h.inbound(results[0].inboundID))
        let ticket = try #require(try await h.ticket(1))
        #expect(stored.state == .ignored && stored.ticketID == ticket.id)
    }

    @Test(
        "the acknowledgement speaks the customer's language",
        arguments: [
            ([String](), "Принтер горит", "Он горит уже час.\n", "ru"),
            (["Content-Language: ru"], "Printer", "burning\n", "ru"),
            (["Content-Language: de"], "Drucker", "brennt\n", "en"),
            ([String](), "Printer", "It burns.\n", "en"),
        ]
    )
    func language(extra: [String], subject: String, body: String, expected: String) async throws {
        let raw = customerMail(
            from: "olga@example.ru", subject: subject, messageID: "o1@example.ru",
            extra: extra + ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8"], body: body)
        #expect(try await h.ingest(raw).map(\.outcome) == [.created(TicketNumber(2))])
        #expect(try await h.outbox(2).first?.item.language == expected)
    }

    @Test("a customer reply to a solved ticket reopens it")
    func reopen() async throws {
        try await h.store.write { tx in
            guard var ticket = try tx.ticket(number: TicketNumber(1)) else { return }
            ticket.status = .solved
            try tx.update(ticket)
        }
        let reply = customerMail(subject: "Re: [#1] Printer on fire", messageID: "c2@example.ru")
        #expect(try await h.ingest(reply).map(\.outcome) == [.followUp(TicketNumber(1))])
        #expect(try await h.ticket(1)?.status == .open)
    }
}
