import Foundation
import Logging
import PostdeskCore
import PostdeskGateway
import Testing

/// Issue 7.4, sent once means once: `postdesk outbox retry` (``OutboxRetry``) with the real outbox service.
@Suite struct OutboxRetryTests {
    let h: GatewayHarness
    let sender: RecordingMailSender
    let service: OutboxService

    /// Given ticket #1 with its acknowledgement queued, and an outbox service with the real templates.
    init() async throws {
        h = try GatewayHarness()
        sender = RecordingMailSender()
        service = OutboxService(
            store: h.store, sender: sender, renderer: try await Templates.renderer(), environment: h.world.environment,
            envelopeFrom: "bounces@support.example.test", policy: RetryPolicy(giveUpAfter: 3),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        _ = try await h.ingest(customerMail())
    }

    private func row() async throws -> OutboxItem {
        try #require(try await h.outbox(1).first)
    }

    @Test("a sent mail cannot be sent twice: retry refuses it, no write requeues it, no restart or drain resends it")
    func sentMailIsNeverResent() async throws {
        // Given the acknowledgement went out
        await sender.expect(.accept)
        #expect(try await service.drainOnce() == 1)
        let id = try await row().id
        let sentAt = h.world.now

        // When an operator asks to retry it, twice, and other writes try to put it back in the queue
        let first = try await OutboxRetry.requeue(id, store: h.store, now: h.world.now)
        let second = try await OutboxRetry.requeue(id, store: h.store, now: h.world.now)
        for state in [OutboxState.queued, .failed, .uncertain] {
            await #expect(throws: (any Error).self) {
                try await h.store.write { tx in try tx.markOutbox(id, state: state, error: nil) }
            }
        }
        try await h.store.write { [now = h.world.now] tx in try tx.markOutboxRetry(id, error: "421", dueAt: now) }
        _ = try await h.store.write { tx in try tx.recoverInterruptedOutbox() }

        // Then every retry is refused with the send time, and however long the outbox runs, nothing more is sent
        #expect(first == .refused(.sent, sentAt: sentAt) && second == first)
        for _ in 0..<3 {
            h.world.advance(by: 86_400)
            #expect(try await service.drainOnce() == 0)
        }
        #expect(await sender.sent.count == 1)
        #expect(try await row().state == .sent)
        let kinds = try await h.events(1).map(\.kind)
        #expect(kinds.filter { $0 == "mail.sent" }.count == 1 && !kinds.contains("mail.requeued"))
    }

    @Test("a failed mail, retried, goes out once more with the same bytes and Message-ID, logged on the ticket")
    func failedMailIsResentOnce() async throws {
        // Given the relay refused the acknowledgement for good
        await sender.expect(.fail(RecordingMailSender.permanent))
        #expect(try await service.drainOnce() == 1)
        let failed = try await row()
        #expect(failed.state == .failed)

        // When an operator retries it (the address was fixed at the relay), and asks again right away
        let result = try await OutboxRetry.requeue(failed.id, store: h.store, now: h.world.now)
        let again = try await OutboxRetry.requeue(failed.id, store: h.store, now: h.world.now)

        // Then it is queued once: the second ask finds it queued
        #expect(result == .requeued(was: .failed, ticket: failed.item.ticketID, messageID: failed.item.messageID))
        #expect(again == .refused(.queued, sentAt: nil))
        let event = try #require(try await h.events(1).last)
        #expect(event.kind == "mail.requeued" && event.detail.contains(failed.item.messageID))
        #expect(event.detail.contains("was failed"))

        // And the outbox sends it once, with the bytes of the first attempt
        await sender.expect(.accept)
        #expect(try await service.drainOnce() == 1)
        #expect(try await service.drainOnce() == 0)
        let sent = await sender.sent
        #expect(sent.count == 2 && sent[0].raw == sent[1].raw)
        let item = try await row()
        #expect(item.state == .sent && item.attempts == 1)

        // And once sent, a further retry is refused
        if case .refused(.sent, _) = try await OutboxRetry.requeue(failed.id, store: h.store, now: h.world.now) {
        } else {
            Issue.record("a sent row was not refused")
        }
    }
}
