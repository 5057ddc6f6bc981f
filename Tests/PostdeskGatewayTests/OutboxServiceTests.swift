import Foundation
import Logging
import PostdeskCore
import PostdeskGateway
import PostdeskMail
import PostdeskWorkflow
import Testing

/// ARCHITECTURE §2 step 9: claim → render once → SMTP → mark, with backoff on transient failures.
@Suite struct OutboxServiceTests {
    let h: GatewayHarness
    let sender: RecordingMailSender
    let service: OutboxService

    /// Given ticket #1 with its acknowledgement queued, and an outbox service with the real templates.
    init() async throws {
        h = try GatewayHarness()
        sender = RecordingMailSender()
        service = OutboxService(
            store: h.store, sender: sender, renderer: try await Templates.renderer(), environment: h.world.environment,
            envelopeFrom: "bounces@support.example.test",
            policy: RetryPolicy(base: .seconds(2), cap: .seconds(300), giveUpAfter: 3),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        _ = try await h.ingest(customerMail())
    }

    private func row() async throws -> OutboxItem {
        try #require(try await h.outbox(1).first)
    }

    @Test("a due mail is sent once, marked sent, and logged on the ticket")
    func sendsOnce() async throws {
        await sender.expect(.accept)

        // When the outbox is drained twice
        let first = try await service.drainOnce()
        let second = try await service.drainOnce()

        // Then one mail went out, to the customer, from our envelope
        #expect(first == 1 && second == 0)
        let sent = await sender.sent
        #expect(sent.count == 1)
        #expect(
            sent.first?.recipients.map(\.rawValue) == ["ivan@example.ru"]
                && sent.first?.envelopeFrom?.rawValue == "bounces@support.example.test")

        // And the row is sent, keeping exactly the bytes that went out
        let item = try await row()
        #expect(item.state == .sent && item.attempts == 1 && item.lastError == nil)
        #expect(item.raw == sent.first?.raw)
        let parsed = try MailParser().parse(try #require(sent.first?.raw))
        #expect(parsed.messageID == item.item.messageID)
        #expect(try await h.events(1).last?.kind == "mail.sent")
    }

    @Test("a transient failure is retried after the backoff, with the identical bytes")
    func retriesTransient() async throws {
        // Given the relay fails twice with 421, then accepts
        await sender.expect(.fail(RecordingMailSender.transient), .fail(RecordingMailSender.transient), .accept)

        // When the first attempt fails
        #expect(try await service.drainOnce() == 1)

        // Then the row waits 2 s with the error, and nothing is due before that
        var item = try await row()
        #expect(item.state == .queued && item.attempts == 1 && item.lastError?.contains("421") == true)
        #expect(item.raw != nil)
        h.world.advance(by: 1)
        #expect(try await service.drainOnce() == 0)

        // When 2 s have passed, the second attempt fails too: the next wait doubles to 4 s
        h.world.advance(by: 1)
        #expect(try await service.drainOnce() == 1)
        item = try await row()
        #expect(item.state == .queued && item.attempts == 2)
        h.world.advance(by: 3)
        #expect(try await service.drainOnce() == 0)
        h.world.advance(by: 1)
        #expect(try await service.drainOnce() == 1)

        // Then the third attempt went out, and all three carried the same bytes and the same Message-ID
        item = try await row()
        #expect(item.state == .sent && item.attempts == 3)
        let sent = await sender.sent
        #expect(sent.count == 3)
        #expect(Set(sent.map(\.raw)).count == 1)
        #expect(sent.first?.raw == item.raw)
        let kinds = try await h.events(1).map(\.kind)
        #expect(kinds.filter { $0 == "mail.sent" }.count == 1 && !kinds.contains("mail.failed"))
    }

    @Test("a permanent failure gives up at once and shows mail.failed on the ticket")
    func givesUpOnPermanent() async throws {
        await sender.expect(.fail(RecordingMailSender.permanent))
        #expect(try await service.drainOnce() == 1)

        let item = try await row()
        #expect(item.state == .failed && item.lastError?.contains("550 5.1.1") == true)
        let event = try #require(try await h.events(1).last)
        #expect(event.kind == "mail.failed" && event.detail.contains(item.item.messageID))

        // And it is never tried again
        h.world.advance(by: 86_400)
        #expect(try await service.drainOnce() == 0)
        #expect(await sender.sent.count == 1)
    }

    @Test("transient failures give up after the policy's last attempt")
    func givesUpAfterLastAttempt() async throws {
        await sender.expect(
            .fail(RecordingMailSender.transient), .fail(RecordingMailSender.transient),
            .fail(RecordingMailSender.transient)
        )
        for _ in 0..<3 {
            #expect(try await service.drainOnce() == 1)
            h.world.advance(by: 300)
        }
        let item = try await row()
        #expect(item.state == .failed && item.attempts == 3)
        #expect(try await h.events(1).last?.kind == "mail.failed")
        #expect(try await service.drainOnce() == 0)
    }

    @Test("a mail whose template is missing fails for good without reaching the relay")
    func missingTemplate() async throws {
        // Given a queued mail for a template that does not exist
        let ticket = try #require(try await h.ticket(1))
        _ = try await h.store.write { tx in
            try tx.enqueue(
                NewOutboxItem(
                    ticketID: ticket.id, template: "no_such_template", language: "en",
                    recipient: Person(name: nil, address: "ivan@example.ru"),
                    messageID: "postdesk.x.1@support.example.test",
                    inReplyTo: nil, references: [],
                    model: try JSONEncoder().encode(
                        TicketMailModel(ticketNumber: 1, subject: "s", customerName: nil, portalToken: "p")),
                    isAutomatic: false, dueAt: Date(timeIntervalSince1970: 0)
                ))
        }
        await sender.expect(.accept)

        // When the outbox is drained
        #expect(try await service.drainOnce() == 2)

        // Then only the acknowledgement went out, and the broken one is failed on the ticket
        #expect(await sender.sent.count == 1)
        let failed = try await h.store.read { q in try q.outbox(state: .failed, limit: 10) }
        #expect(failed.map(\.item.template) == ["no_such_template"])
        #expect(try await h.events(1).contains { $0.kind == "mail.failed" && $0.detail.contains("no_such_template") })
    }
}

@Suite struct OutboxBookkeepingFailureTests {
    @Test("a mail the relay accepted is never recorded as failed when marking it sent fails")
    func sentButNotMarked() async throws {
        // Given ticket #1's acknowledgement, and a database that refuses the write after the send
        // (writes: claim, store rendered bytes, mark sent)
        let h = try GatewayHarness()
        _ = try await h.ingest(customerMail())
        struct DiskIOError: Error {}
        let sender = RecordingMailSender([.accept])
        let service = OutboxService(
            store: InterleavingStore(inner: h.store, before: 3) { throw DiskIOError() }, sender: sender,
            renderer: try await Templates.renderer(), environment: h.world.environment,
            envelopeFrom: "bounces@support.example.test",
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )

        // When the outbox is drained, and drained again later
        #expect(try await service.drainOnce() == 1)
        h.world.advance(by: 3600)
        #expect(try await service.drainOnce() == 0)

        // Then it went out once, is not `failed`, and no mail.failed event tells an operator to resend it
        #expect(await sender.sent.count == 1)
        let item = try #require(try await h.outbox(1).first)
        #expect(item.state == .sending)
        #expect(try await !h.events(1).contains { $0.kind == "mail.failed" })

        // And the next start shows it as uncertain rather than sending it again
        let recovered = try await h.store.write { tx in try tx.recoverInterruptedOutbox() }
        #expect(recovered.map(\.id) == [item.id])
    }
}

@Suite struct OutboxServiceRunTests {
    @Test("on start, rows a crash left `sending` become uncertain on their ticket; due rows are then sent")
    func startRecoversThenSends() async throws {
        // Given #1's acknowledgement was claimed by a process that died, and #2's is queued
        let h = try GatewayHarness()
        _ = try await h.ingest(customerMail())
        _ = try await h.store.write { [now = h.world.now] tx in try tx.claimOutbox(now: now, limit: 10) }
        _ = try await h.ingest(customerMail(from: "anna@example.ru", subject: "Invoice", messageID: "a1@example.ru"))
        let sender = RecordingMailSender([.accept])
        let service = OutboxService(
            store: h.store, sender: sender, renderer: try await Templates.renderer(), environment: h.world.environment,
            envelopeFrom: "bounces@support.example.test", interval: .seconds(3600),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )

        // When the service starts, and is stopped after its first send
        let running = Task { try await service.run() }
        var sends = sender.sends.makeAsyncIterator()
        _ = await sends.next()
        running.cancel()
        _ = await running.result

        // Then #1's mail is uncertain and its ticket says so, and only #2's mail went out
        let first = try #require(try await h.outbox(1).first)
        #expect(first.state == .uncertain)
        let event = try #require(try await h.events(1).last)
        #expect(event.kind == "mail.uncertain" && event.detail.contains("postdesk outbox retry \(first.id)"))
        #expect(await sender.sent.map { $0.recipients.map(\.rawValue) } == [["anna@example.ru"]])
        // And #2's row is `sent`: the stop came during its send, and what the relay accepted is still recorded
        #expect(try await h.outbox(2).first?.state == .sent)
    }
}

/// Issue 8 §1: every mail about a ticket leaves from its own mailbox, through that mailbox's relay.
@Suite struct OutboxMailboxRoutingTests {
    static let sales = MailboxProfile(
        name: "sales", address: EmailAddress("sales@support.example.test")!, displayName: "Example Sales")

    @Test(
        "a row goes out through its mailbox's relay, with its address as envelope and header From",
        arguments: [
            (mailbox: "sales", relay: "sales", from: "sales@support.example.test"),
            (mailbox: nil, relay: "support", from: GatewayHarness.supportAddress),
            // A name no longer configured falls back to the default mailbox (and its relay).
            (mailbox: "gone", relay: "support", from: GatewayHarness.supportAddress),
        ] as [(mailbox: String?, relay: String, from: String)])
    func routesByMailbox(mailbox: String?, relay: String, from: String) async throws {
        // Given two mailboxes with a relay each, and ticket #1's acknowledgement queued for `mailbox`
        let h = try GatewayHarness()
        _ = try await h.ingest(customerMail())
        let queued = try #require(try await h.outbox(1).first)
        var item = queued.item
        item.mailbox = mailbox
        item.messageID = "routed.1@support.example.test"
        _ = try await h.store.write { [item, id = queued.id] tx in
            try tx.markOutbox(id, state: .failed, error: "replaced by the routed copy")
            return try tx.enqueue(item)
        }
        let relays = ["support": RecordingMailSender(), "sales": RecordingMailSender()]
        await relays[relay]?.expect(.accept)
        let service = OutboxService(
            store: h.store, sender: relays["support"]!, senders: relays,
            renderer: try await Templates.renderer(mailboxes: [GatewayHarness.mailbox, Self.sales]),
            environment: h.world.environment, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )

        // When the outbox is drained
        #expect(try await service.drainOnce() == 1)

        // Then only that mailbox's relay got it, from that mailbox's address in the envelope and in From
        for (name, sender) in relays {
            #expect(await sender.sent.count == (name == relay ? 1 : 0), "relay \(name)")
        }
        let sent = try #require(await relays[relay]?.sent.first)
        #expect(sent.envelopeFrom?.rawValue == from)
        let parsed = try MailParser().parse(sent.raw)
        #expect(parsed.from?.address == from)
        #expect(parsed.replyTo.first?.address.hasSuffix("@support.example.test") == true)
        #expect(parsed.replyTo.first?.address.hasPrefix(String(from.prefix { $0 != "@" }) + "+") == true)

        // And the ticket's event names the template, the recipient and the Message-ID
        let event = try #require(try await h.events(1).last)
        #expect(event.kind == "mail.sent")
        #expect(event.detail == "ticket_created to ivan@example.ru <routed.1@support.example.test>")
    }
}
