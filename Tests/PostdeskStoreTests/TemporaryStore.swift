import Foundation
import PostdeskCore
import PostdeskStore

/// A migrated SQLite file in its own temporary directory, removed when the value goes away.
final class TemporaryStore: Sendable {
    let directory: URL
    let path: String
    let store: SQLiteStore

    init(migrate: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("postdesk-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("postdesk.sqlite").path
        store = try SQLiteStore(path: path)
        if migrate { try store.migrate() }
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Fixed values for rows, so expectations can name them.
enum Fixture {
    /// 2023-11-14 22:13:20 UTC: whole seconds survive the store's millisecond timestamps.
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static func inbound(
        mailbox: String = "INBOX", uidValidity: UInt32? = 7, uid: UInt32?, body: String, at date: Date = now
    ) -> NewInbound {
        let raw = Array("From: a@example.test\r\nSubject: x\r\n\r\n\(body)\r\n".utf8)
        return NewInbound(
            mailbox: mailbox, uidValidity: uidValidity, uid: uid, sha256: fakeSHA(body), raw: raw, receivedAt: date
        )
    }

    /// A 64-character stand-in for a digest; the store only compares it.
    static func fakeSHA(_ seed: String) -> String {
        let hex = Array(seed.utf8).map { String(format: "%02x", $0) }.joined()
        return String((hex + String(repeating: "0", count: 64)).prefix(64))
    }

    static func outbox(
        ticket: TicketID?, to address: String = "ivan@example.ru", messageID: String, automatic: Bool = true,
        dueAt: Date = now
    ) -> NewOutboxItem {
        NewOutboxItem(
            ticketID: ticket, template: "ticket_created", language: "en",
            recipient: Person(name: "Ivan", address: address), messageID: messageID, inReplyTo: "cust-1@example.ru",
            references: ["cust-0@example.ru", "cust-1@example.ru"], model: Data(#"{"k":1}"#.utf8),
            isAutomatic: automatic, dueAt: dueAt
        )
    }

    static func customerMessage(
        ticket: TicketID, from address: String = "ivan@example.ru", text: String = "Hello",
        messageID: String? = nil, inbound: InboundID? = nil, isInternal: Bool = false, at date: Date = now
    ) -> TicketMessage {
        TicketMessage(
            ticketID: ticket, authorKind: .customer, author: Person(name: "Ivan", address: address),
            isInternal: isInternal, via: .mail, text: text, html: nil, reply: text, messageIDHeader: messageID,
            inboundID: inbound, attachments: [], createdAt: date
        )
    }
}

extension TicketTransaction {
    /// A customer and a fresh ticket for them.
    func seedTicket(
        customer address: String = "ivan@example.ru", subject: String = "Printer on fire", token: String? = nil,
        at date: Date = Fixture.now
    ) throws -> Ticket {
        let customer = try upsertCustomer(Person(name: "Ivan", address: address), at: date)
        return try createTicket(
            subject: subject, customer: customer, priority: .normal,
            portalToken: token ?? "portal-\(address)-\(subject)".lowercased(), at: date
        )
    }
}
