import Foundation
import GRDB
import PostdeskCore
import Testing

@testable import PostdeskStore

/// Portal link tokens are stored as SHA-256 digests only: a copy of the database opens no customer's page.
@Suite struct PortalLinkTests {
    static let token = "abcdefghijklmnopqrstuvwxyz"

    /// Every byte of the database file and its WAL, as text (SQLite stores TEXT values as UTF-8).
    static func fileText(_ db: TemporaryStore) -> String {
        [db.path, db.path + "-wal"].compactMap { FileManager.default.contents(atPath: $0) }
            .map { String(decoding: $0, as: UTF8.self) }.joined()
    }

    @Test("a new ticket's link opens it, and only its digest is stored")
    func storedHashed() async throws {
        // Given a ticket created with a portal token
        let db = try TemporaryStore()
        let ticket = try await db.store.write { tx in try tx.seedTicket(token: Self.token) }

        // Then the token opens it, an altered one does not
        let (found, altered) = try await db.store.read { q in
            (try q.ticket(portalToken: Self.token), try q.ticket(portalToken: Self.token.uppercased()))
        }
        #expect(found?.id == ticket.id && altered == nil)

        // And the database holds the token's SHA-256, for the customer, and not the token
        let stored = try await DatabaseQueue(path: db.path).read { db in
            try Row.fetchAll(db, sql: "SELECT token_sha256, ticket_id, recipient_address FROM portal_link")
        }
        #expect(stored.count == 1)
        #expect(stored.first?["token_sha256"] == PortalTokenDigest.hex(Self.token))
        #expect(stored.first?["recipient_address"] == "ivan@example.ru")
        #expect(!Self.fileText(db).contains(Self.token))
    }

    @Test("the digest is SHA-256 of the token's UTF-8 bytes, in lowercase hex (FIPS 180-4 test vector)")
    func digest() {
        #expect(
            PortalTokenDigest.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("migrating a v1 database hashes its tokens, drops the plaintext column, and keeps every ticket working")
    func migrationFromV1() async throws {
        // Given a v1 database with two tickets, a message, an event and an outbox row referring to them
        let db = try TemporaryStore(migrate: false)
        let v1 = "v1 tickets, mail ledger, outbox"
        do {
            let queue = try DatabaseQueue(path: db.path)
            try SQLiteMigrations.migrator.migrate(queue, upTo: v1)
            try await queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO customer (id, address, name, created_at)
                            VALUES (1, 'ivan@example.ru', 'Ivan', '2023-11-14 22:13:20.000'),
                                   (2, 'anna@example.ru', NULL, '2023-11-14 22:13:20.000');
                        INSERT INTO ticket (id, subject, status, priority, customer_id, tags, portal_token, created_at,
                                            updated_at)
                            VALUES (1, 'Printer', 'open', 'high', 1, '["x"]', ?, '2023-11-14 22:13:20.000',
                                    '2023-11-14 22:14:20.000'),
                                   (2, 'Other', 'new', 'normal', 2, '[]', 'secondtokensecondtoken0002',
                                    '2023-11-14 22:13:20.000', '2023-11-14 22:13:20.000');
                        INSERT INTO message (ticket_id, author_kind, author_name, author_address, internal, via, text,
                                             reply, message_id_header, created_at)
                            VALUES (1, 'customer', 'Ivan', 'ivan@example.ru', 0, 'mail', 't', 't', 'c1@x',
                                    '2023-11-14 22:13:20.000'),
                                   (1, 'customer', 'Petr', 'petr@example.ru', 0, 'mail', 't', 't', 'p1@x',
                                    '2023-11-14 22:13:30.000'),
                                   (1, 'customer', 'Petr', 'PETR@example.ru', 0, 'mail', 't', 't', 'p2@x',
                                    '2023-11-14 22:13:40.000');
                        INSERT INTO event (ticket_id, kind, at, detail)
                            VALUES (1, 'ticket.created', '2023-11-14 22:13:20.000', 'x');
                        """,
                    arguments: [Self.token])
            }
        }

        // When the current migrations run
        try db.store.migrate()

        // Then each old link still opens exactly its ticket, with every other column intact
        let (first, second, none) = try await db.store.read { q in
            (
                try q.ticket(portalToken: Self.token), try q.ticket(portalToken: "secondtokensecondtoken0002"),
                try q.ticket(portalToken: PortalTokenDigest.hex(Self.token))
            )
        }
        #expect(first?.number == TicketNumber(1) && second?.number == TicketNumber(2) && none == nil)
        #expect(first?.subject == "Printer" && first?.status == .open && first?.priority == .high)
        #expect(first?.tags == ["x"] && first?.messageCount == 3 && first?.customer.name == "Ivan")

        // And no plaintext token is left: not as a column, not in the file, not in the WAL
        let columns = try await DatabaseQueue(path: db.path).read { db in try db.columns(in: "ticket").map(\.name) }
        #expect(!columns.contains("portal_token"))
        #expect(columns.contains("updated_at") && columns.contains("tags"))
        let text = Self.fileText(db)
        #expect(!text.contains(Self.token) && !text.contains("secondtokensecondtoken0002"))

        // And the index on ticket survived the rebuild, and foreign keys still hold
        let (indexes, violations) = try await DatabaseQueue(path: db.path).read { db in
            (
                try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ticket'"),
                try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            )
        }
        #expect(indexes.contains("ticket_updated"))
        #expect(violations.isEmpty)

        // And the customers are confirmed participants; others who wrote are pending, once each
        let participants = try await db.store.read { q in try q.participants(of: TicketID(1)) }
        #expect(participants.map(\.person.address) == ["ivan@example.ru", "petr@example.ru"])
        #expect(participants.map(\.state) == [.confirmed, .pending])
        #expect(participants.map(\.addedBy) == ["ticket.created", "migration"])
        let recipients = try await db.store.read { q in try q.recipients(of: TicketID(2)) }
        #expect(recipients == [Person(name: nil, address: "anna@example.ru")])

        // And new tickets keep working on the rebuilt table
        let third = try await db.store.write { tx in try tx.seedTicket(customer: "olga@example.ru", token: "t3") }
        #expect(third.number == TicketNumber(3))
    }
}
