import Foundation
import GRDB
import PostdeskCore

/// The store's queries and writes on one GRDB connection. Lives only as long as the transaction that made it.
struct SQLiteTransaction: TicketTransaction {
    let db: Database

    func savepoint<T>(_ work: () throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint {
            result = try work()
            return .commit
        }
        guard let result else { throw StoreError(code: .notFound, message: "savepoint produced no result") }
        return result
    }

    func ticket(number: TicketNumber) throws -> Ticket? {
        try tickets(where: "t.id = ?", [number.rawValue], limit: 1).first
    }

    func ticket(id: TicketID) throws -> Ticket? {
        try tickets(where: "t.id = ?", [id.rawValue], limit: 1).first
    }

    func ticket(portalToken: String) throws -> Ticket? {
        try tickets(
            where: "t.id = (SELECT ticket_id FROM portal_link WHERE token_sha256 = ?)",
            [PortalTokenDigest.hex(portalToken)], limit: 1
        ).first
    }

    func tickets(limit: Int) throws -> [Ticket] {
        try tickets(where: "1", [], limit: limit)
    }

    private func tickets(where condition: String, _ arguments: StatementArguments, limit: Int) throws -> [Ticket] {
        let sql = """
            SELECT t.*, c.name AS c_name, c.address AS c_address, o.name AS o_name, o.address AS o_address,
                   (SELECT COUNT(*) FROM message m WHERE m.ticket_id = t.id) AS message_count
            FROM ticket t
            JOIN customer c ON c.id = t.customer_id
            LEFT JOIN operator o ON o.id = t.assignee_id
            WHERE \(condition)
            ORDER BY t.id DESC
            LIMIT \(limit)
            """
        return try Row.fetchAll(try cached(sql), arguments: arguments).map(Self.ticket(from:))
    }

    private static func ticket(from row: Row) throws -> Ticket {
        let tags = try JSONDecoder().decode([String].self, from: Data((row["tags"] as String).utf8))
        // `operator.address` is the operator's primary address (v7 keeps it so): the assignee as shown.
        let assignee: Person? = (row["o_address"] as String?).map { Person(name: row["o_name"], address: $0) }
        return Ticket(
            id: TicketID(row["id"]), number: TicketNumber(row["id"]), subject: row["subject"],
            status: try decode(row["status"]), priority: try decode(row["priority"]), team: row["team"],
            customer: Person(name: row["c_name"], address: row["c_address"]), assignee: assignee, tags: tags,
            createdAt: row["created_at"], updatedAt: row["updated_at"],
            messageCount: row["message_count"],
            assigneeID: (row["assignee_id"] as Int64?).map(OperatorID.init), mailbox: row["mailbox"]
        )
    }

    func messages(of ticket: TicketID, includeInternal: Bool) throws -> [TicketMessage] {
        let rows = try Row.fetchAll(
            try cached(
                "SELECT * FROM message WHERE ticket_id = ? \(includeInternal ? "" : "AND internal = 0") ORDER BY id"),
            arguments: [ticket.rawValue]
        )
        let attachments = try Dictionary(
            grouping: Row.fetchAll(
                try cached(
                    """
                    SELECT a.* FROM attachment a JOIN message m ON m.id = a.message_id
                    WHERE m.ticket_id = ? ORDER BY a.id
                    """),
                arguments: [ticket.rawValue]
            ),
            by: { $0["message_id"] as Int64 }
        )
        return try rows.map { row in
            let id: Int64 = row["id"]
            let author: Person? = (row["author_address"] as String?).map {
                Person(name: row["author_name"], address: $0)
            }
            return TicketMessage(
                id: MessageRowID(id), ticketID: ticket, authorKind: try Self.decode(row["author_kind"]), author: author,
                isInternal: row["internal"], via: try Self.decode(row["via"]), text: row["text"], html: row["html"],
                reply: row["reply"], messageIDHeader: row["message_id_header"],
                inboundID: (row["inbound_id"] as Int64?).map(InboundID.init),
                attachments: (attachments[id] ?? []).map { a in
                    AttachmentRef(
                        filename: a["filename"], contentType: a["content_type"], size: a["size"], sha256: a["sha256"],
                        contentID: a["content_id"], isInline: a["inline"]
                    )
                },
                createdAt: row["created_at"], fromNewParticipant: row["from_new_participant"]
            )
        }
    }

    func events(of ticket: TicketID) throws -> [TicketEvent] {
        try Row.fetchAll(
            try cached("SELECT * FROM event WHERE ticket_id = ? ORDER BY id"), arguments: [ticket.rawValue]
        )
        .map { TicketEvent(ticketID: ticket, kind: $0["kind"], at: $0["at"], detail: $0["detail"]) }
    }

    func ticketID(forMessageIDs ids: [String]) throws -> TicketID? {
        guard !ids.isEmpty else { return nil }
        let marks = databaseQuestionMarks(count: ids.count)
        let id = try Int64.fetchOne(
            try cached(
                """
                SELECT ticket_id FROM (
                    SELECT ticket_id, id FROM message WHERE message_id_header IN (\(marks))
                    UNION ALL
                    SELECT ticket_id, id FROM outbox WHERE message_id IN (\(marks)) AND ticket_id IS NOT NULL
                ) ORDER BY id DESC LIMIT 1
                """),
            arguments: StatementArguments(ids + ids)
        )
        return id.map(TicketID.init)
    }

    func isParticipant(_ address: String, of ticket: TicketID) throws -> Bool {
        try Bool.fetchOne(
            try cached(
                """
                SELECT EXISTS (SELECT 1 FROM participant
                               WHERE ticket_id = ? AND address = ? AND state = 'confirmed')
                """),
            arguments: [ticket.rawValue, address]
        ) ?? false
    }

    func participants(of ticket: TicketID) throws -> [Participant] {
        try Row.fetchAll(
            try cached("SELECT * FROM participant WHERE ticket_id = ? ORDER BY id"), arguments: [ticket.rawValue]
        ).map { row in
            Participant(
                person: Person(name: row["name"], address: row["address"]), state: try Self.decode(row["state"]),
                addedBy: row["added_by"], createdAt: row["created_at"])
        }
    }

    func recipients(of ticket: TicketID) throws -> [Person] {
        try participants(of: ticket).filter { $0.state == .confirmed }.map(\.person)
    }

    func hasInboundMessage(messageID: String, from address: String) throws -> Bool {
        try Bool.fetchOne(
            try cached(
                """
                SELECT EXISTS (SELECT 1 FROM message
                    WHERE message_id_header = ? AND author_address = ? AND inbound_id IS NOT NULL)
                """),
            arguments: [messageID, address]
        ) ?? false
    }

    func inboundCount(state: InboundState) throws -> Int {
        try Int.fetchOne(try cached("SELECT COUNT(*) FROM inbound WHERE state = ?"), arguments: [state.rawValue]) ?? 0
    }

    func outboxCount(state: OutboxState) throws -> Int {
        try Int.fetchOne(try cached("SELECT COUNT(*) FROM outbox WHERE state = ?"), arguments: [state.rawValue]) ?? 0
    }

    func automaticMailCount(to address: String, since date: Date) throws -> Int {
        try Int.fetchOne(
            try cached("SELECT COUNT(*) FROM outbox WHERE recipient_address = ? AND automatic = 1 AND created_at >= ?"),
            arguments: [address, StoredDate(date)]
        ) ?? 0
    }

    static func decode<T: RawRepresentable>(_ raw: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else {
            throw StoreError(code: .corrupt, message: "unknown \(T.self) value '\(raw)' in the database")
        }
        return value
    }
}

extension SQLiteTransaction {
    /// A prepared statement from GRDB's per-connection cache: each distinct SQL text is compiled once per connection,
    /// which matters on the ingest path (about fifteen statements per mail).
    func cached(_ sql: String) throws -> Statement {
        try db.cachedStatement(sql: sql)
    }
}
