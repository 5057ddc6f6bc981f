import Foundation
import PostdeskCore
import PostdeskStore
import Synchronization
import Testing

@testable import PostdeskWeb

/// The live feed behind `GET /events`: one reader for all listeners, whatever their number.
@Suite struct LiveFeedTests {
    /// A store that counts the reads made through it.
    final class CountingStore: TicketStore {
        let inner: SQLiteStore
        let reads = Mutex(0)
        init(_ inner: SQLiteStore) { self.inner = inner }
        func write<T: Sendable>(_ work: @escaping @Sendable (any TicketTransaction) throws -> T) async throws -> T {
            try await inner.write(work)
        }
        func read<T: Sendable>(_ work: @escaping @Sendable (any TicketQueries) throws -> T) async throws -> T {
            reads.withLock { $0 += 1 }
            return try await inner.read(work)
        }
    }

    @Test("a hundred idle listeners cost one read per look, they all get the change, and leaving stops the reads")
    func shared() async throws {
        // Given a feed looking every 20 ms, and 100 listeners
        let db = try PortalRoutesTests.Database()
        let store = CountingStore(db.store)
        let feed = LiveFeed(store: store, interval: .milliseconds(20))
        var subscriptions: [LiveFeed.Subscription] = []
        for _ in 0..<100 { subscriptions.append(try await feed.subscribe()) }
        let joined = store.reads.withLock { $0 }

        // When 200 ms pass idle
        try await Task.sleep(for: .milliseconds(200))
        // Then the reads are about one per look (10), not one per listener per look (1000)
        let idle = store.reads.withLock { $0 } - joined
        #expect(idle > 0 && idle <= 15)

        // When a ticket is created
        try await db.store.write { tx in
            let customer = try tx.upsertCustomer(Person(name: "Ivan", address: "ivan@example.ru"), at: Date())
            let ticket = try tx.createTicket(
                subject: "Printer", customer: customer, priority: .normal, portalToken: "live0000000000000000000001",
                at: Date())
            try tx.append(TicketEvent(ticketID: ticket.id, kind: "ticket.created", at: Date(), detail: ""))
        }
        // Then every listener hears of it once
        for subscription in subscriptions {
            var iterator = subscription.stream.makeAsyncIterator()
            let batch = await iterator.next()
            #expect(batch?.map(\.ticket.number.rawValue) == [1])
            #expect(batch?.first?.kinds == ["ticket.created"])
        }

        // When they all leave, the feed stops reading
        for subscription in subscriptions { subscription.finish() }
        subscriptions = []
        #expect(feed.subscriberCount == 0)
        try await Task.sleep(for: .milliseconds(60))
        let stopped = store.reads.withLock { $0 }
        try await Task.sleep(for: .milliseconds(200))
        #expect(store.reads.withLock { $0 } == stopped)
    }
}
