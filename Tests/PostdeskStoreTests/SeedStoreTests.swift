import Foundation
import GRDB
import PostdeskCore
import PostdeskStore
import Testing

@Suite struct SeedStoreTests {
    /// A bcrypt hash as `dev seed` passes it (the store keeps it as given).
    static let hash = "$2b$04$seedseedseedseedseedseuKx0s1qQ7y0Wn6mAyO6cJHqjR6I9i0yG"

    @Test("a seed makes the counts it reports, people who can be found, and tickets the queue pages through")
    func counts() async throws {
        // Given an empty database
        let db = try TemporaryStore()
        // When 400 tickets of 3 messages are seeded
        let summary = try db.store.seed(
            SeedPlan(
                tickets: 400, messagesPerTicket: 3,
                passwordHash: Self.hash, now: Fixture.now))
        // Then the summary and the tables agree
        #expect(summary.tickets == 400)
        #expect(summary.messages == 1_200)
        #expect(summary.customers == 100)
        #expect(summary.customer == "c1@seed.test")
        #expect(summary.operator == "op1@seed.test")
        let counts = try await db.store.read { q in
            (
                try q.tickets(limit: 1_000).count, try q.customerAccounts().count,
                try q.operatorAccounts(includeDisabled: false).count, try q.teams().map(\.name),
                try q.operatorAccount(address: "op1@seed.test")?.role
            )
        }
        #expect(counts.0 == 400)
        #expect(counts.1 == 100)
        #expect(counts.2 == summary.operators)
        #expect(counts.3 == ["t1", "t2", "t3"])
        #expect(counts.4 == .admin)
        // And every seeded person signs in with the one password
        let hashes = try await db.store.read { q in
            (
                try q.passwordHash(of: .operator(q.operatorAccount(address: "op1@seed.test")!.id)),
                try q.passwordHash(of: .customer(q.customerAccount(address: "c7@seed.test")!.id))
            )
        }
        #expect(hashes.0 == Self.hash && hashes.1 == Self.hash)
        // And statuses, messages in both languages and time entries are spread out
        let spread = try await db.store.read { q in
            try q.queue(TicketQueue(view: .all, pageSize: 200)).rows
        }
        #expect(Set(spread.map(\.status)).count >= 3)
        #expect(spread.allSatisfy { $0.messageCount == 3 })
        #expect(spread.allSatisfy { $0.createdAt <= $0.updatedAt && $0.updatedAt <= Fixture.now })
        let english = try await db.store.read { q in try q.queue(TicketQueue(view: .all, search: SearchText("the"))) }
        let russian = try await db.store.read { q in
            try q.queue(TicketQueue(view: .all, search: SearchText("пожалуйста")))
        }
        #expect(!english.rows.isEmpty)
        #expect(!russian.rows.isEmpty)
        #expect(summary.timeEntries > 0)
        // And every ticket is in the queue exactly once
        var queue = TicketQueue(view: .all, pageSize: 200)
        var seen: [TicketID] = []
        repeat {
            let page = try await db.store.read { [queue] q in try q.queue(queue) }
            seen += page.rows.map(\.id)
            queue.after = page.next
        } while queue.after != nil
        #expect(Set(seen).count == 400)
        #expect(seen.count == 400)
    }

    @Test("a database that holds anything is refused, and left as it was")
    func refusesNonEmpty() async throws {
        // Given a database with one customer's ticket
        let db = try TemporaryStore()
        try await db.store.write { tx in _ = try tx.seedTicket() }
        // When it is seeded
        // Then the seed is refused with a conflict, and nothing was added
        #expect {
            try db.store.seed(
                SeedPlan(
                    tickets: 10, passwordHash: Self.hash,
                    now: Fixture.now))
        } throws: { ($0 as? StoreError)?.code == .conflict }
        #expect(try await db.store.read { q in try q.tickets(limit: 100).count } == 1)
        #expect(try await db.store.read { q in try q.teams().count } == 0)
    }

    @Test("seeding twice is refused")
    func refusesSecondSeed() async throws {
        let db = try TemporaryStore()
        _ = try db.store.seed(
            SeedPlan(
                tickets: 5, passwordHash: Self.hash,
                now: Fixture.now))
        #expect(throws: StoreError.self) {
            try db.store.seed(
                SeedPlan(
                    tickets: 5, passwordHash: Self.hash,
                    now: Fixture.now))
        }
    }
}
