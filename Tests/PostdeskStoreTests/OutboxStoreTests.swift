import Foundation
import PostdeskCore
import PostdeskStore
import Testing

/// The outbox row's life: queued → sending → sent, retry back to queued, and `uncertain` after a crash.
@Suite struct OutboxStoreTests {
    let db: TemporaryStore
    let ticket: TicketID

    init() async throws {
        db = try TemporaryStore()
        ticket = try await db.store.write { tx in try tx.seedTicket().id }
    }

    @Test("claim → sending → sent, with the rendered bytes kept")
    func claimSendingSent() async throws {
        // Given one queued mail, due now
        let id = try await db.store.write { [ticket] tx in
            try tx.enqueue(Fixture.outbox(ticket: ticket, messageID: "m1@x"))
        }

        // When it is claimed
        let claimed = try await db.store.write { tx in try tx.claimOutbox(now: Fixture.now, limit: 10) }

        // Then it comes back as `sending`, first attempt, with every field it was queued with
        let item = try #require(claimed.first)
        #expect(claimed.count == 1)
        #expect(item.id == id && item.state == .sending && item.attempts == 1 && item.raw == nil)
        #expect(item.item.messageID == "m1@x")
        #expect(item.item.recipient == Person(name: "Ivan", address: "ivan@example.ru"))
        #expect(item.item.inReplyTo == "cust-1@example.ru")
        #expect(item.item.references == ["cust-0@example.ru", "cust-1@example.ru"])
        #expect(item.item.model == Data(#"{"k":1}"#.utf8))
        #expect(item.item.isAutomatic && item.item.template == "ticket_created" && item.item.language == "en")
        #expect(item.item.dueAt == Fixture.now)
        let stored = try await db.store.read { q in try q.outbox(state: .sending, limit: 10) }
        #expect(stored.map(\.id) == [id])

        // And a claimed row is not claimed a second time
        #expect(try await db.store.write { tx in try tx.claimOutbox(now: Fixture.now, limit: 10) }.isEmpty)

        // When it is rendered and sent
        try await db.store.write { tx in
            try tx.setOutboxRendered(id, raw: Array("first".utf8))
            try tx.setOutboxRendered(id, raw: Array("second".utf8))
            try tx.markOutboxSent(id, at: Fixture.now)
        }

        // Then it is `sent` and keeps the first rendering
        let sent = try await db.store.read { q in try q.outbox(state: .sent, limit: 10) }
        #expect(sent.map(\.id) == [id])
        #expect(sent.first?.raw == Array("first".utf8))
        #expect(sent.first?.attempts == 1)
        // And its view model, which may hold a portal token, is gone: only the bytes are ever sent again
        #expect(sent.first?.item.model == Data("{}".utf8))
    }

    @Test("only due rows are claimed, oldest due first, at most `limit`")
    func claimsOnlyDueRows() async throws {
        let later = Fixture.now.addingTimeInterval(60)
        let earlier = Fixture.now.addingTimeInterval(-60)
        try await db.store.write { [ticket] tx in
            _ = try tx.enqueue(Fixture.outbox(ticket: ticket, messageID: "now@x", dueAt: Fixture.now))
            _ = try tx.enqueue(Fixture.outbox(ticket: ticket, messageID: "later@x", dueAt: later))
            _ = try tx.enqueue(Fixture.outbox(ticket: ticket, messageID: "earlier@x", dueAt: earlier))
        }
        let first = try await db.store.write { tx in try tx.claimOutbox(now: Fixture.now, limit: 1) }
        #expect(first.map(\.item.messageID) == ["earlier@x"])
        let rest = try await db.store.write { tx in try tx.claimOutbox(now: Fixture.now, limit: 10) }
        #expect(rest.map(\.item.messageID) == ["now@x"])
        let afterAMinute = try await db.store.write { tx in try tx.claimOutbox(now: later, limit: 10) }
        #expect(afterAMinute.map(\.item.messageID) == ["later@x"])
    }

    @Test("a release puts only a `sending` row back to queued, taking back its claim's attempt")
    func releaseRequeuesUnsent() async throws {
        // Given two rows claimed and rendered, one of which the relay then accepted
        let (unsent, accepted) = try await db.store.write { [ticket] tx in
            (
                try tx.enqueue(Fixture.outbox(ticket: ticket, messageID: "unsent@x")),
                try tx.enqueue(Fixture.outbox(ticket: ticket, messageID: "accepted@x"))
            )
        }
        _ = try await db.store.write { tx in try tx.claimOutbox(now: Fixture.now, limit: 10) }
        try await db.store.write { tx in
            try tx.setOutboxRendered(unsent, raw: Array("bytes".utf8))
            try tx.markOutboxSent(accepted, at: Fixture.now)
        }

        // When both are released (a lane that stopped before sending one of them)
        try await db.store.write { tx in
            try tx.releaseOutbox(unsent)
            try tx.releaseOutbox(accepted)
        }

        // Then the unsent one is queued as if never claimed, with its bytes; the sent one stays sent
        let queued = try await db.store.read { q in try q.outbox(state: .queued, limit: 10) }
        #expect(queued.map(\.id) == [unsent])
        #expect(queued.first?.attempts == 0 && queued.first?.raw == Array("bytes".utf8))
        #expect(try await db.store.read { q in try q.outbox(state: .sent, limit: 10) }.map(\.id) == [accepted])
        // And the next claim takes it again, as its first attempt
        let again = try await db.store.write { tx in try tx.claimOutbox(now: Fixture.now, limit: 10) }
        #expect(again.map(\.id) == [unsent] && again.first?.attempts == 1)
    }

    @Test("a claim stops before its rows pass the byte cap, but always takes one row")
    func claimCappedByBytes() async throws {
        // Given four queued rows rendered to 400, 400, 400 and 2,000 bytes
        let ids = try await db.store.write { [ticket] tx in
            try (1...4).map { n in try tx.enqueue(Fixture.outbox(ticket: ticket, messageID: "big-\(n)@x")) }
        }
        _ = try await db.store.write { tx in try tx.claimOutbox(now: Fixture.now, limit: 10) }
        try await db.store.write { tx in
            for (id, size) in zip(ids, [400, 400, 400, 2_000]) {
                try tx.setOutboxRendered(id, raw: [UInt8](repeating: 0x41, count: size))
                try tx.releaseOutbox(id)
            }
        }

        // When lanes claim with a cap of 1,000 bytes until nothing is left
        var batches: [[OutboxID]] = []
        while case let claimed = try await db.store.write({ tx in
            try tx.claimOutbox(now: Fixture.now, limit: 10, maxBytes: 1_000)
        }),
            !claimed.isEmpty
        {
            batches.append(claimed.map(\.id))
        }

        // Then each batch stays within the cap, except a single row larger than the cap alone, oldest first
        #expect(batches == [[ids[0], ids[1]], [ids[2]], [ids[3]]])
    }

    @Test("a retry goes back to queued until its new due time, then is claimed with its stored bytes")
    func retryRequeues() async throws {
        // Given a claimed, rendered row whose attempt failed
        let id = try await db.store.write { [ticket] tx in
            try tx.enqueue(Fixture.outbox(ticket: ticket, messageID: "m1@x"))
        }
        _ = try await db.store.write { tx in try tx.claimOutbox(now: Fixture.now, limit: 10) }
        let due = Fixture.now.addingTimeInterval(2)
        try await db.store.write { tx in
            try tx.setOutboxRendered(id, raw: Array("bytes".utf8))
            try tx.markOutboxRetry(id, error: "timedOut: no answer", dueAt: due)
        }

        // When the outbox is claimed before and after the due time
        let early = try await db.store.write { tx in
            try tx.claimOutbox(now: Fixture.now.addingTimeInterval(1), limit: 10)
        }
        let onTime = try await db.store.write { tx in try tx.claimOutbox(now: due, limit: 10) }

        // Then only the second claim gets it: second attempt, same bytes, last error kept
        #expect(early.isEmpty)
        let item = try #require(onTime.first)
        #expect(item.attempts == 2 && item.raw == Array("bytes".utf8) && item.lastError == "timedOut: no answer")
    }

    @Test("a row marked failed stays failed with its error")
    func markFailed() async throws {
        let id = try await db.store.write { [ticket] tx in
            try tx.enqueue(Fixture.outbox(ticket: ticket, messageID: "m1@x"))
        }
        try await db.store.write { tx in try tx.markOutbox(id, state: .failed, error: "550 no such user") }
        let failed = try await db.store.read { q in try q.outbox(state: .failed, limit: 10) }
        #expect(failed.map(\.lastError) == ["550 no such user"])
        #expect(try await db.store.write { tx in try tx.claimOutbox(now: Fixture.now, limit: 10) }.isEmpty)
    }

    @Test("recoverInterruptedOutbox turns `sending` rows uncertain and leaves the others alone")
    func recoverInterrupted() async throws {
        // Given one row claimed by a process that then died, and one still queued for later
        try await db.store.write { [ticket] tx in
            _ = try tx.enqueue(Fixture.outbox(ticket: ticket, messageID: "crashed@x"))
            _ = try tx.enqueue(Fixture.outbox(ticket: ticket, messageID: "later@x", dueAt: Fixture.now + 3600))
        }
        _ = try await db.store.write { tx in try tx.claimOutbox(now: Fixture.now, limit: 10) }

        // When the next start recovers
        let recovered = try await db.store.write { tx in try tx.recoverInterruptedOutbox() }

        // Then the interrupted row is returned and is now `uncertain`, never sent again on its own
        #expect(recovered.map(\.item.messageID) == ["crashed@x"])
        let uncertain = try await db.store.read { q in try q.outbox(state: .uncertain, limit: 10) }
        #expect(uncertain.map(\.item.messageID) == ["crashed@x"])
        #expect(uncertain.first?.lastError?.contains("may or may not") == true)
        #expect(
            try await db.store.read { q in try q.outbox(state: .queued, limit: 10) }.map(\.item.messageID) == [
                "later@x"
            ])
        // And a second recovery finds nothing
        #expect(try await db.store.write { tx in try tx.recoverInterruptedOutbox() }.isEmpty)
        // And when the queued one falls due, only it is claimed
        #expect(
            try await db.store.write { tx in try tx.claimOutbox(now: Fixture.now + 7200, limit: 10) }
                .map(\.item.messageID) == ["later@x"])
    }

    @Test("the auto-reply rate limit counts automatic mail to the address within the window, case-insensitively")
    func automaticMailCount() async throws {
        let hourAgo = Fixture.now.addingTimeInterval(-3600)
        try await db.store.write { [ticket] tx in
            _ = try tx.enqueue(Fixture.outbox(ticket: ticket, to: "Ivan@Example.RU", messageID: "a@x"))
            _ = try tx.enqueue(Fixture.outbox(ticket: ticket, messageID: "b@x", dueAt: Fixture.now - 60))
            _ = try tx.enqueue(Fixture.outbox(ticket: ticket, messageID: "human@x", automatic: false))
            _ = try tx.enqueue(Fixture.outbox(ticket: ticket, messageID: "old@x", dueAt: Fixture.now - 7200))
            _ = try tx.enqueue(Fixture.outbox(ticket: ticket, to: "other@example.ru", messageID: "c@x"))
        }
        let count = try await db.store.read { q in try q.automaticMailCount(to: "ivan@example.ru", since: hourAgo) }
        #expect(count == 2)
    }
}

/// Issue 7.4, sent once means once: `postdesk outbox retry` requeues only `failed` and `uncertain` rows.
@Suite struct OutboxRequeueTests {
    let db: TemporaryStore
    let ticket: TicketID
    let id: OutboxID
    let later = Fixture.now.addingTimeInterval(3600)

    /// Given one mail queued for ticket #1, claimed and rendered once.
    init() async throws {
        db = try TemporaryStore()
        ticket = try await db.store.write { tx in try tx.seedTicket().id }
        id = try await db.store.write { [ticket] tx in
            try tx.enqueue(Fixture.outbox(ticket: ticket, messageID: "m1@x"))
        }
        _ = try await db.store.write { tx in try tx.claimOutbox(now: Fixture.now, limit: 10) }
        try await db.store.write { [id] tx in try tx.setOutboxRendered(id, raw: Array("bytes".utf8)) }
    }

    func row() async throws -> OutboxItem {
        let rows = try await db.store.read { [ticket] q in try q.outbox(ticket: ticket) }
        return try #require(rows.first)
    }

    func claim(at date: Date) async throws -> [OutboxItem] {
        try await db.store.write { tx in try tx.claimOutbox(now: date, limit: 10) }
    }

    func requeue(_ id: OutboxID) async throws -> OutboxRequeue {
        try await db.store.write { [later] tx in try tx.requeueOutbox(id, at: later) }
    }

    @Test(
        "a failed or uncertain mail is queued again, due now, with a fresh attempt count and the same bytes",
        arguments: [OutboxState.failed, .uncertain])
    func requeuesFailedAndUncertain(state: OutboxState) async throws {
        // Given the attempt ended `failed`, or the process died and the row became `uncertain`
        try await db.store.write { [id] tx in
            if state == .failed {
                try tx.markOutbox(id, state: .failed, error: "550 no such user")
            } else {
                _ = try tx.recoverInterruptedOutbox()
            }
        }

        // When it is requeued
        let result = try await requeue(id)

        // Then it says what it was, and the outbox claims it at the new due time with the stored bytes
        #expect(result == .requeued(was: state, ticket: ticket, messageID: "m1@x"))
        let item = try await row()
        #expect(item.state == .queued && item.attempts == 0 && item.raw == Array("bytes".utf8))
        #expect(try await db.store.write { tx in try tx.claimOutbox(now: Fixture.now, limit: 10) }.isEmpty)
        let claimed = try await claim(at: later)
        #expect(claimed.map(\.id) == [id] && claimed.first?.raw == Array("bytes".utf8))
    }

    @Test("a sent mail is refused with the time it was sent, and the row does not change")
    func refusesSent() async throws {
        // Given the mail was sent
        try await db.store.write { [id] tx in try tx.markOutboxSent(id, at: Fixture.now) }

        // When it is requeued, Then it is refused with its send time and stays sent
        #expect(try await requeue(id) == .refused(.sent, sentAt: Fixture.now))
        let item = try await row()
        #expect(item.state == .sent && item.attempts == 1)
        #expect(try await claim(at: later).isEmpty)
    }

    @Test("a mail being sent or already queued is refused; an unknown ID is not found")
    func refusesSendingQueuedUnknown() async throws {
        // Given the row is `sending` (claimed in init)
        #expect(try await requeue(id) == .refused(.sending, sentAt: nil))
        #expect(try await row().state == .sending)

        // Given it went back to `queued` after a transient failure
        try await db.store.write { [id] tx in try tx.markOutboxRetry(id, error: "421", dueAt: Fixture.now) }
        #expect(try await requeue(id) == .refused(.queued, sentAt: nil))
        #expect(try await row().attempts == 1)

        #expect(try await requeue(OutboxID(999)) == .notFound)
    }

    @Test("the schema keeps a sent row sent, whichever write asks")
    func sentIsFinal() async throws {
        // Given the mail was sent
        try await db.store.write { [id] tx in try tx.markOutboxSent(id, at: Fixture.now) }

        // When any write tries to move it back to queued or failed, Then SQLite refuses
        for state in [OutboxState.queued, .failed, .uncertain, .sending] {
            await #expect(throws: (any Error).self) {
                try await db.store.write { [id] tx in try tx.markOutbox(id, state: state, error: nil) }
            }
        }
        // And a late retry decision of a sender leaves it alone
        try await db.store.write { [id] tx in try tx.markOutboxRetry(id, error: "421", dueAt: Fixture.now) }
        // And recovery after a crash does not touch it
        #expect(try await db.store.write { tx in try tx.recoverInterruptedOutbox() }.isEmpty)
        #expect(try await row().state == .sent)
        #expect(try await claim(at: later).isEmpty)
    }
}
