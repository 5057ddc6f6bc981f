import Foundation
import GRDB
import PostdeskCore

extension SQLiteTransaction {
    func upsertCustomer(_ person: Person, at date: Date) throws -> CustomerID {
        if let row = try Row.fetchOne(
            try cached("SELECT id, name FROM customer WHERE address = ? COLLATE NOCASE"), arguments: [person.address]
        ) {
            let id: Int64 = row["id"]
            if (row["name"] as String?) == nil, let name = person.name, !name.isEmpty {
                try cached("UPDATE customer SET name = ? WHERE id = ?").execute(arguments: [name, id])
            }
            return CustomerID(id)
        }
        try cached("INSERT INTO customer (address, name, created_at) VALUES (?, ?, ?)").execute(arguments: [
            person.address, person.name, StoredDate(date),
        ]
        )
        return CustomerID(db.lastInsertedRowID)
    }

    func createTicket(_ new: NewTicket) throws -> Ticket {
        try cached(
            """
            INSERT INTO ticket (subject, status, priority, team, mailbox, customer_id, tags, created_at, updated_at)
            VALUES (?, 'new', ?, ?, ?, ?, '[]', ?, ?)
            """
        ).execute(arguments: [
            new.subject, new.priority.rawValue, new.team, new.mailbox, new.customer.rawValue,
            StoredDate(new.createdAt), StoredDate(new.createdAt),
        ])
        let id = db.lastInsertedRowID
        // Built from what was just inserted rather than read back (the full ticket query was a visible share of an
        // ingest); only the customer's stored name and address are looked up, by primary key.
        guard
            let customer = try Row.fetchOne(
                try cached("SELECT name, address FROM customer WHERE id = ?"), arguments: [new.customer.rawValue])
        else {
            throw StoreError(code: .notFound, message: "no customer \(new.customer.rawValue) for a new ticket")
        }
        let ticket = Ticket(
            id: TicketID(id), number: TicketNumber(id), subject: new.subject, status: .new, priority: new.priority,
            team: new.team, customer: Person(name: customer["name"], address: customer["address"]), assignee: nil,
            tags: [], createdAt: new.createdAt, updatedAt: new.createdAt, messageCount: 0, mailbox: new.mailbox)
        try addPortalLink(new.portalToken, to: ticket.id, for: ticket.customer.address, at: new.createdAt)
        _ = try addParticipant(
            ticket.customer, to: ticket.id, state: .confirmed, addedBy: "ticket.created", at: new.createdAt)
        return ticket
    }

    func addParticipant(
        _ person: Person, to ticket: TicketID, state: ParticipantState, addedBy: String, at date: Date
    ) throws -> ParticipantChange {
        let existing = try String.fetchOne(
            try cached("SELECT state FROM participant WHERE ticket_id = ? AND address = ?"),
            arguments: [ticket.rawValue, person.address]
        )
        switch (existing.flatMap(ParticipantState.init(rawValue:)), state) {
        case (nil, _):
            try cached(
                """
                INSERT INTO participant (ticket_id, address, name, state, added_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """
            ).execute(arguments: [
                ticket.rawValue, person.address, person.name, state.rawValue, addedBy, StoredDate(date),
            ])
            return .added
        case (.pending, .confirmed):
            try cached(
                """
                UPDATE participant SET state = 'confirmed', added_by = ?, name = COALESCE(name, ?)
                WHERE ticket_id = ? AND address = ?
                """
            ).execute(arguments: [addedBy, person.name, ticket.rawValue, person.address])
            return .confirmed
        case (.pending, .pending), (.confirmed, _):
            return .unchanged
        }
    }

    func update(_ ticket: Ticket) throws {
        let tags = String(decoding: try JSONEncoder().encode(ticket.tags), as: UTF8.self)
        try cached(
            """
            UPDATE ticket SET subject = ?, status = ?, priority = ?, team = ?, tags = ?, updated_at = ?, assignee_id = ?
            WHERE id = ?
            """
        ).execute(arguments: [
            ticket.subject, ticket.status.rawValue, ticket.priority.rawValue, ticket.team, tags,
            StoredDate(ticket.updatedAt), ticket.assigneeID?.rawValue, ticket.id.rawValue,
        ]
        )
    }

    func append(_ message: TicketMessage) throws -> MessageRowID {
        try cached(
            """
            INSERT INTO message (ticket_id, author_kind, author_name, author_address, internal, via, text, html,
                                 reply, message_id_header, inbound_id, created_at, from_new_participant)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).execute(arguments: [
            message.ticketID.rawValue, message.authorKind.rawValue, message.author?.name,
            message.author?.address, message.isInternal, message.via.rawValue, message.text, message.html,
            message.reply, message.messageIDHeader, message.inboundID?.rawValue, StoredDate(message.createdAt),
            message.fromNewParticipant,
        ]
        )
        let id = db.lastInsertedRowID
        for a in message.attachments {
            try cached(
                """
                INSERT INTO attachment (message_id, filename, content_type, size, sha256, content_id, inline)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
            ).execute(arguments: [id, a.filename, a.contentType, a.size, a.sha256, a.contentID, a.isInline]
            )
        }
        return MessageRowID(id)
    }

    func append(_ event: TicketEvent) throws {
        try cached("INSERT INTO event (ticket_id, kind, at, detail) VALUES (?, ?, ?, ?)").execute(arguments: [
            event.ticketID.rawValue, event.kind, StoredDate(event.at), event.detail,
        ]
        )
    }

    func addPortalLink(_ token: String, to ticket: TicketID, for recipient: String, at date: Date) throws {
        try cached(
            """
            INSERT INTO portal_link (token_sha256, ticket_id, recipient_address, created_at) VALUES (?, ?, ?, ?)
            """
        ).execute(arguments: [PortalTokenDigest.hex(token), ticket.rawValue, recipient, StoredDate(date)])
    }
}
