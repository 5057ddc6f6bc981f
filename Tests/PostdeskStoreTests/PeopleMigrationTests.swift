import Foundation
import GRDB
import PostdeskCore
import Testing

@testable import PostdeskStore

/// v7 gives operators several addresses and teams; what a v6 database holds keeps working.
@Suite struct PeopleMigrationTests {
    static let v6 = "v6 outbox: sent is final"

    @Test("v7: an operator row from v6 is found by its address, keeps its assigned ticket, and its address stays taken")
    func operatorFromV6() async throws {
        // Given a database as v6 left it: an operator written by hand (there was no command), a ticket assigned to
        // them, and a queued mail
        let db = try TemporaryStore(migrate: false)
        try db.store.migrate(upTo: Self.v6)
        try await DatabaseQueue(path: db.path).write { sql in
            try sql.execute(
                sql: """
                    INSERT INTO customer (id, address, name, created_at)
                    VALUES (1, 'ivan@example.ru', 'Ivan', '2023-11-14 22:13:20.000');
                    INSERT INTO operator (id, address, name, role, created_at)
                    VALUES (5, 'Anna@Example.test', 'Anna', 'admin', '2023-11-14 22:13:20.000');
                    INSERT INTO ticket (id, subject, status, priority, team, customer_id, assignee_id, tags, created_at,
                                        updated_at)
                    VALUES (1, 'Invoice', 'open', 'normal', 'billing', 1, 5, '[]', '2023-11-14 22:13:20.000',
                            '2023-11-14 22:13:20.000');
                    INSERT INTO outbox (ticket_id, template, language, recipient_address, message_id, refs, model,
                                        automatic, due_at, state, created_at)
                    VALUES (1, 'ticket_created', 'en', 'ivan@example.ru', 'old@x', '[]', X'7B7D',
                            1, '2023-11-14 22:13:20.000', 'queued', '2023-11-14 22:13:20.000');
                    """)
        }
        let ticket = (id: TicketID(1), number: TicketNumber(1))

        // When it is migrated
        try db.store.migrate()
        #expect(try db.store.appliedMigrations() == SQLiteStore.knownMigrations)

        // Then the operator is an enabled account with their one address, found in any case, in no team
        let account = try #require(try await db.store.read { q in try q.operatorAccount(address: "anna@example.TEST") })
        #expect(account.id == OperatorID(5) && account.role == .admin && account.name == "Anna")
        #expect(account.addresses == ["Anna@Example.test"] && account.teams.isEmpty && !account.isDisabled)
        #expect(account.createdAt == Fixture.now)
        // And the ticket is still theirs, with its team and no mailbox; the queued mail signs for its recipient
        let (reread, outbox) = try await db.store.read { q in
            (try q.ticket(id: ticket.id), try q.outbox(ticket: ticket.id))
        }
        #expect(reread?.assigneeID == OperatorID(5))
        #expect(reread?.assignee == Person(name: "Anna", address: "Anna@Example.test"))
        #expect(reread?.team == "billing" && reread?.mailbox == nil)
        #expect(outbox.first?.item.replyToken == .recipient && outbox.first?.item.mailbox == nil)
        #expect(outbox.first?.item.fromName == nil)

        // And their address cannot be given to someone else, while they can be disabled by it
        await #expect(throws: StoreError.self) {
            _ = try await db.store.write { tx in
                try tx.addUser(
                    NewUser(role: .operator, address: EmailAddress("ANNA@example.test")!, name: nil), at: Fixture.now)
            }
        }
        #expect(try await db.store.write { tx in try tx.setUserDisabled(address: "anna@example.test", disabled: true) })
    }

    @Test("v7 on an empty v6 database adds the tables; the operator address is unique regardless of case")
    func schema() async throws {
        // Given a fresh database
        let db = try TemporaryStore()

        // Then the new tables and columns exist
        let (tables, outboxColumns) = try await DatabaseQueue(path: db.path).read { sql in
            (
                try String.fetchAll(sql, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
                try sql.columns(in: "outbox").map(\.name)
            )
        }
        for table in ["operator_address", "team", "team_member", "watcher", "time_entry"] {
            #expect(tables.contains(table), "\(table)")
        }
        #expect(outboxColumns.contains("mailbox") && outboxColumns.contains("reply_token"))

        // And two operator rows cannot share an address, whatever its case
        await #expect(throws: (any Error).self) {
            try await DatabaseQueue(path: db.path).write { sql in
                try sql.execute(
                    sql: """
                        INSERT INTO operator (id, address, role, created_at) VALUES (1, 'a@x', 'operator', '2023'),
                            (2, 'b@x', 'operator', '2023');
                        INSERT INTO operator_address (operator_id, address, position) VALUES (1, 'a@x', 0), (2, 'A@X', 0);
                        """)
            }
        }
    }
}
