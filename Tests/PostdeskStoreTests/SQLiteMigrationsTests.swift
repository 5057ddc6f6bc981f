import Foundation
import PostdeskCore
import PostdeskStore
import Testing

@Suite struct SQLiteMigrationsTests {
    static let all = [
        "v1 tickets, mail ledger, outbox", "v2 portal links stored hashed", "v3 participants",
        "v4 inbound sha256 of the raw bytes", "v5 mailbox names without credentials",
    ]

    @Test("migrations apply to an empty file")
    func applyToEmptyFile() throws {
        // Given a new, empty database file
        let db = try TemporaryStore(migrate: false)
        #expect(try db.store.appliedMigrations().isEmpty)

        // When it is migrated
        try db.store.migrate()

        // Then every migration is applied, in order
        #expect(try db.store.appliedMigrations() == Self.all)
    }

    @Test("migrating twice is a no-op, also from a second connection to the same file")
    func migrateTwice() async throws {
        // Given a migrated database with one ticket
        let db = try TemporaryStore()
        _ = try await db.store.write { tx in try tx.seedTicket() }

        // When it is migrated again, and reopened and migrated as another process would
        try db.store.migrate()
        let reopened = try SQLiteStore(path: db.path)
        try reopened.migrate()

        // Then nothing is applied twice and no data is lost
        #expect(try reopened.appliedMigrations() == Self.all)
        let count = try await reopened.read { q in try q.tickets(limit: 10).count }
        #expect(count == 1)
    }

    @Test("the schema holds the invariants: the outbox Message-ID is UNIQUE")
    func outboxMessageIDIsUnique() async throws {
        // Given a queued mail
        let db = try TemporaryStore()
        let ticket = try await db.store.write { tx in try tx.seedTicket() }
        _ = try await db.store.write { tx in try tx.enqueue(Fixture.outbox(ticket: ticket.id, messageID: "m1@x")) }

        // When a second row with the same Message-ID is queued, Then SQLite refuses it
        await #expect(throws: (any Error).self) {
            _ = try await db.store.write { tx in try tx.enqueue(Fixture.outbox(ticket: ticket.id, messageID: "m1@x")) }
        }
        let rows = try await db.store.read { q in try q.outbox(ticket: ticket.id).count }
        #expect(rows == 1)
    }

    @Test("foreign keys are enforced: an event needs its ticket")
    func foreignKeysEnforced() async throws {
        let db = try TemporaryStore()
        await #expect(throws: (any Error).self) {
            try await db.store.write { tx in
                try tx.append(TicketEvent(ticketID: TicketID(999), kind: "x", at: Fixture.now, detail: ""))
            }
        }
    }
}
