import Foundation
import GRDB
import PostdeskCore
import PostdeskStore
import Testing

@Suite struct SearchStoreTests {
    /// Three tickets: an English invoice, a Russian bill (with ё) and a printer, with messages and customers.
    static func helpdesk() async throws -> TemporaryStore {
        let db = try TemporaryStore()
        try await db.store.write { tx in
            let invoice = try tx.seedTicket(customer: "john.smith@acme.test", subject: "Invoice INV-204 overdue")
            _ = try tx.append(Fixture.customerMessage(ticket: invoice.id, text: "Please resend the café receipt"))
            let bill = try tx.seedTicket(customer: "petrov@example.ru", subject: "Вопрос по счёту за март")
            _ = try tx.append(Fixture.customerMessage(ticket: bill.id, text: "Ёлка и ЁЖИК: оплата не прошла"))
            // Olga wrote without a display name; it arrives later.
            let olga = try tx.upsertCustomer(Person(name: nil, address: "olga@example.ru"), at: Fixture.now)
            let printer = try tx.createTicket(
                subject: "Printer on fire", customer: olga, priority: .normal, portalToken: "p-olga", at: Fixture.now)
            _ = try tx.append(
                Fixture.customerMessage(ticket: printer.id, text: "NEAR(the) \"quoted\" -minus col:on star*"))
        }
        return db
    }

    static func search(_ text: String, in db: TemporaryStore) async throws -> [String] {
        try await db.store.read { q in
            try q.queue(TicketQueue(view: .all, sort: QueueSort(.number, descending: false), search: SearchText(text)))
        }.rows.map(\.subject)
    }

    static let invoice = "Invoice INV-204 overdue"
    static let bill = "Вопрос по счёту за март"
    static let printer = "Printer on fire"

    @Test(
        "subjects, messages and customers are found in English and Russian, whatever the case, ё or diacritics",
        arguments: [
            ("invoice", [invoice]), ("INVOICE ", [invoice]), ("inv", [invoice]), ("inv-204", [invoice]),
            ("счёт", [bill]), ("СЧЕТУ", [bill]), ("счету март", [bill]), ("ежик", [bill]), ("ЁЛКА", [bill]),
            ("Оплат", [bill]), ("cafe", [invoice]), ("CAFÉ receipt", [invoice]), ("john.smith@acme.test", [invoice]),
            ("smith", [invoice]), ("example.ru", [bill, printer]), ("petrov", [bill]), ("printer fire", [printer]),
            ("printer invoice ", []), ("fire ", [printer]), ("f", []),
        ])
    func finds(query: String, subjects: [String]) async throws {
        let db = try await Self.helpdesk()
        #expect(try await Self.search(query, in: db) == subjects, "\(query)")
    }

    @Test(
        "FTS5 syntax typed into the box is searched for as words, never obeyed, never an error",
        arguments: [
            "\"", "\"\"", "*", "NEAR(", "NEAR(the", "-", "-minus", ":", "col:on", "subject:invoice", "invoice OR",
            "OR printer", "AND", "NOT invoice", "\")", "^", "(", ")", "{subject}: fire", "star*", "\"quoted",
            "'; DROP TABLE ticket; --", "\u{0}", "a\"b", String(repeating: "x ", count: 500),
        ])
    func hostile(query: String) async throws {
        let db = try await Self.helpdesk()
        // When the hostile text is searched, no error is thrown
        let found = try await Self.search(query, in: db)
        // And it never matches more than a literal reading could: only the printer's message holds these words
        // (input without a letter or digit is no search at all, and shows the whole queue)
        if SearchText(query).isEmpty {
            #expect(found.count == 3)
        } else {
            #expect(found.allSatisfy { $0 == Self.printer || $0 == Self.invoice }, "\(query) found \(found)")
        }
    }

    @Test("operators in a query are words: 'invoice OR printer' needs both words in one ticket")
    func orIsAWord() async throws {
        let db = try await Self.helpdesk()
        #expect(try await Self.search("invoice OR printer", in: db) == [])
        #expect(try await Self.search("-minus", in: db) == [Self.printer])
        #expect(try await Self.search("NEAR(the", in: db) == [Self.printer])
    }

    @Test("the index follows new messages, subject changes and a customer's name filled in later")
    func indexFollowsWrites() async throws {
        // Given the helpdesk
        let db = try await Self.helpdesk()
        // When a message is added, a subject changes and the customer's name arrives
        try await db.store.write { tx in
            var ticket = try #require(try tx.ticket(number: TicketNumber(3)))
            _ = try tx.append(Fixture.customerMessage(ticket: ticket.id, text: "Огнетушитель не помог"))
            ticket.subject = "Printer melted"
            try tx.update(ticket)
            _ = try tx.upsertCustomer(Person(name: "Ольга Сидорова", address: "olga@example.ru"), at: Fixture.now)
        }
        // Then each is found, and the old subject no longer is
        #expect(try await Self.search("огнетушитель", in: db) == ["Printer melted"])
        #expect(try await Self.search("melted", in: db) == ["Printer melted"])
        #expect(try await Self.search("fire ", in: db) == [])
        #expect(try await Self.search("сидорова", in: db) == ["Printer melted"])
    }

    @Test("the migration indexes the tickets that were there before it")
    func backfill() async throws {
        // Given a database at v12 with a ticket and a message
        let db = try TemporaryStore(migrate: false)
        try db.store.migrate(upTo: "v12 operator availability")
        try await db.store.write { tx in
            let ticket = try tx.seedTicket(customer: "ivan@example.ru", subject: "Старый счёт")
            _ = try tx.append(Fixture.customerMessage(ticket: ticket.id, text: "legacy words"))
        }
        // When v14 runs
        try db.store.migrate()
        // Then subject, message and customer are all searchable
        for query in ["старый", "счет", "legacy", "ivan@example.ru"] {
            #expect(try await Self.search(query, in: db) == ["Старый счёт"], "\(query)")
        }
    }

    @Test("search combines with the view, the statuses and the keyset pages")
    func searchWithFilters() async throws {
        let fixture = try await QueueFixture()
        let queue = TicketQueue(
            view: .mine(fixture.ada), statuses: [.new, .open, .solved], search: SearchText("ticket"), pageSize: 2)
        #expect(try await fixture.allPages(queue) == fixture.expected(queue))
        let none = TicketQueue(view: .all, search: SearchText("nothing-like-this"))
        #expect(try await fixture.allPages(none) == [])
    }
}
