import Foundation
import PostdeskCore
import PostdeskStore
import Testing

@Suite struct SQLiteMigrationsTests {
    static let all = [
        "v1 tickets, mail ledger, outbox", "v2 portal links stored hashed", "v3 participants",
        "v4 inbound sha256 of the raw bytes", "v5 mailbox names without credentials",
        "v6 outbox: sent is final", "v7 operators, teams, mailboxes, time", "v8 suppressed addresses", "v9 rules",
        "v10 sla", "v11 rule timers", "v12 operator availability", "v13 accounts", "v14 web forms",
        "v15 work types", "v16 search", "v17 queue number order", "v18 dismissed first-steps hints",
        "v19 search vocabularies",
    ]

    @Test("migrations apply to an empty file")
    func applyToEmptyFile() throws {
        // Given a new, empty database file
        let db = try TemporaryStore(migrate: false)
        #expect(try db.store.appliedMigrations().isEmpty)

        // When it is migrated
        try db.store.migrate()

        // Then every migration is in place, in order
        #expect(try db.store.appliedMigrations() == SQLiteStore.knownMigrations)
        #expect(SQLiteStore.knownMigrations.first == "v1 tickets, mail ledger, outbox")
        #expect(SQLiteStore.knownMigrations == Self.all)
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
        #expect(try reopened.appliedMigrations() == SQLiteStore.knownMigrations)
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

    static let v1 = "v1 tickets, mail ledger, outbox"

    /// The names in `directory`, to show that nothing was created.
    static func listing(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test("opening an existing database for reading creates no file where there is none")
    func openExistingMissing() throws {
        // Given an empty data directory, and a path inside a directory that does not exist
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("postdesk-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("postdesk.sqlite").path
        let missingDirectory = directory.appendingPathComponent("nowhere/postdesk.sqlite").path

        // When each is opened as an existing database, read-only or for rows
        for path in [path, missingDirectory] {
            for access in [SQLiteStore.Access.readOnly, .readWrite] {
                // Then it fails saying there is no database and to run migrate
                let error = try #require(throws: StoreError.self) {
                    try SQLiteStore.openExisting(path: path, access: access)
                }
                #expect(error.code == .missingDatabase && !error.isTransient)
                #expect(error.message == "no database at \(path); run postdesk migrate")
            }
        }
        // And nothing was created
        #expect(try Self.listing(directory).isEmpty)
    }

    @Test("an older schema is refused with run-migrate, and its file stays byte-identical", arguments: [true, false])
    func openExistingOlder(onlyV1: Bool) async throws {
        // Given a database an older version left behind (only v1 applied), or one never migrated at all
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("postdesk-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("postdesk.sqlite").path
        let old = try SQLiteStore(path: path)
        if onlyV1 { try old.migrate(upTo: Self.v1) }
        try old.close()
        let before = try #require(FileManager.default.contents(atPath: path))

        // When it is opened as an existing database
        for access in [SQLiteStore.Access.readOnly, .readWrite] {
            // Then it fails naming the schema it has and the one needed, and says to run migrate
            let error = try #require(throws: StoreError.self) {
                try SQLiteStore.openExisting(path: path, access: access)
            }
            #expect(error.code == .schemaBehind)
            #expect(error.message.contains(onlyV1 ? "'\(Self.v1)'" : "schema none"))
            #expect(error.message.contains("'\(try #require(SQLiteStore.knownMigrations.last))'"))
            #expect(error.message.hasSuffix("; run postdesk migrate"))
        }
        // And the file is exactly as it was: no migration ran
        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(try SQLiteStore(path: path).appliedMigrations() == (onlyV1 ? [Self.v1] : []))
    }

    @Test("a current database opens read-only: reads work, writes are refused by SQLite")
    func openExistingReadOnly() async throws {
        // Given a migrated database with one ticket
        let db = try TemporaryStore()
        _ = try await db.store.write { tx in try tx.seedTicket() }

        // When it is opened read-only
        let store = try SQLiteStore.openExisting(path: db.path, access: .readOnly)

        // Then it reads, and refuses to write
        #expect(try await store.read { q in try q.tickets(limit: 10).count } == 1)
        await #expect(throws: (any Error).self) {
            _ = try await store.write { tx in try tx.seedTicket(customer: "x@example.test") }
        }
        // And opened for rows, it writes
        let writer = try SQLiteStore.openExisting(path: db.path, access: .readWrite)
        _ = try await writer.write { tx in try tx.seedTicket(customer: "y@example.test") }
        #expect(try await store.read { q in try q.tickets(limit: 10).count } == 2)
    }
}
