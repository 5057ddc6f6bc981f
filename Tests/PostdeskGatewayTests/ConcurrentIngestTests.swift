import Foundation
import PostdeskCore
import PostdeskGateway
import PostdeskStore
import PostdeskWorkflow
import Testing

/// The real SQLite store, with a hook that runs before one of its write transactions: a way to let "another
/// process" act at an exact point between two transactions, without sleeping.
struct InterleavingStore: TicketStore {
    let inner: SQLiteStore
    let before: Int
    let counter = Counter()
    let hook: @Sendable () async throws -> Void

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.withLock {
                value += 1; return value
            }
        }
    }

    func write<T: Sendable>(_ work: @escaping @Sendable (any TicketTransaction) throws -> T) async throws -> T {
        if counter.next() == before { try await hook() }
        return try await inner.write(work)
    }

    func read<T: Sendable>(_ work: @escaping @Sendable (any TicketQueries) throws -> T) async throws -> T {
        try await inner.read(work)
    }
}

/// Two `postdesk ingest` pipes (or a pipe and the poller) at once: one resumes the other's mail while it is between
/// its "evidence" and its "apply" transactions.
@Suite struct ConcurrentIngestTests {
    let h: GatewayHarness
    init() throws { h = try GatewayHarness() }

    @Test(
        "a mail resumed by another process between our two transactions is applied once and stays processed",
        arguments: [Optional("c1@example.ru"), nil]
    )
    func resumedInBetween(messageID: String?) async throws {
        // Given a second process that resumes interrupted mail just before our apply transaction
        let other = h.processor()
        var mine = h.processor()
        mine.store = InterleavingStore(inner: h.store, before: 2) { _ = try await other.resumeInterrupted() }
        var raw = customerMail(messageID: messageID ?? "unused")
        if messageID == nil {
            raw = eml(["From: ivan@example.ru", "To: \(GatewayHarness.supportAddress)", "Subject: no id"])
        }

        // When our process ingests a new mail
        let results = try await mine.ingest([.init(bytes: raw, uid: nil)], mailbox: "pipe", uidValidity: nil)

        // Then there is one ticket with one message, and the ledger row says processed on that ticket
        #expect(results.count == 1)
        #expect(try await h.ticketCount() == 1)
        #expect(try await h.messages(1).count == 1)
        let stored = try #require(try await h.inbound(results[0].inboundID))
        let ticket = try #require(try await h.ticket(1))
        #expect(stored.state == .processed)
        #expect(stored.ticketID == ticket.id)
    }
}
