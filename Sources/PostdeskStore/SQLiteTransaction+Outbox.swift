import Foundation
import GRDB
import PostdeskCore

extension SQLiteTransaction {
    func enqueue(_ item: NewOutboxItem) throws -> OutboxID {
        let refs = String(decoding: try JSONEncoder().encode(item.references), as: UTF8.self)
        try cached(
            """
            INSERT INTO outbox (ticket_id, template, language, recipient_name, recipient_address, message_id,
                                in_reply_to, refs, model, automatic, due_at, state, created_at, mailbox, from_name,
                                reply_token)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?)
            """
        ).execute(arguments: [
            item.ticketID?.rawValue, item.template, item.language, item.recipient.name,
            item.recipient.address, item.messageID, item.inReplyTo, refs, item.model, item.isAutomatic,
            StoredDate(item.dueAt), StoredDate(item.dueAt), item.mailbox, item.fromName, item.replyToken.storedValue,
        ]
        )
        return OutboxID(db.lastInsertedRowID)
    }

    func claimOutbox(now: Date, limit: Int, maxBytes: Int) throws -> [OutboxItem] {
        let items = try dueOutbox(now: now, limit: limit, maxBytes: maxBytes)
        for item in items {
            try cached("UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ?").execute(arguments: [
                item.id.rawValue
            ]
            )
        }
        return items.map {
            var i = $0; i.state = .sending; i.attempts += 1; return i
        }
    }

    /// The rows ``claimOutbox(now:limit:maxBytes:)`` takes, read one at a time so that the batch held in memory is
    /// at most `maxBytes` and the one row that would have passed it.
    private func dueOutbox(now: Date, limit: Int, maxBytes: Int) throws -> [OutboxItem] {
        let rows = try Row.fetchCursor(
            try cached("SELECT * FROM outbox WHERE state = 'queued' AND due_at <= ? ORDER BY due_at, id LIMIT ?"),
            arguments: [now, limit]
        )
        var items: [OutboxItem] = []
        var bytes = 0
        while let row = try rows.next() {
            let item = try outboxItem(row)
            let size = item.raw?.count ?? item.item.model.count
            if !items.isEmpty && size > maxBytes - bytes { break }
            bytes += size
            items.append(item)
        }
        return items
    }

    func setOutboxRendered(_ id: OutboxID, raw: [UInt8]) throws {
        // Once the bytes exist the view model is never read again, and it holds the portal token: it becomes `{}`.
        try cached("UPDATE outbox SET raw = ?, model = X'7B7D' WHERE id = ? AND raw IS NULL").execute(arguments: [
            Data(raw), id.rawValue,
        ])
    }

    func markOutboxSent(_ id: OutboxID, at date: Date) throws {
        try cached("UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL WHERE id = ?").execute(arguments: [
            date, id.rawValue,
        ]
        )
    }

    func markOutboxRetry(_ id: OutboxID, error: String, dueAt: Date) throws {
        // Only the attempt that claimed the row may put it back; a row found `sent` stays sent.
        try cached(
            "UPDATE outbox SET state = 'queued', last_error = ?, due_at = ? WHERE id = ? AND state = 'sending'"
        ).execute(arguments: [error, dueAt, id.rawValue])
    }

    func requeueOutbox(_ id: OutboxID, at date: Date) throws -> OutboxRequeue {
        guard
            let row = try Row.fetchOne(
                try cached("SELECT state, ticket_id, message_id, sent_at FROM outbox WHERE id = ?"),
                arguments: [id.rawValue])
        else { return .notFound }
        // The condition is in the UPDATE itself, not only in the check above: whatever state another writer left,
        // only a failed or uncertain row changes.
        try cached(
            """
            UPDATE outbox SET state = 'queued', due_at = ?, attempts = 0
            WHERE id = ? AND state IN ('failed', 'uncertain')
            """
        ).execute(arguments: [date, id.rawValue])
        let state: OutboxState = try Self.decode(row["state"])
        guard db.changesCount == 1 else { return .refused(state, sentAt: row["sent_at"]) }
        return .requeued(
            was: state, ticket: (row["ticket_id"] as Int64?).map(TicketID.init), messageID: row["message_id"])
    }

    func markOutbox(_ id: OutboxID, state: OutboxState, error: String?) throws {
        try cached("UPDATE outbox SET state = ?, last_error = ? WHERE id = ?").execute(arguments: [
            state.rawValue, error, id.rawValue,
        ]
        )
    }

    func releaseOutbox(_ id: OutboxID) throws {
        // Conditional, like a retry: only the claim's own `sending` goes back; its error from an earlier attempt stays.
        try cached(
            "UPDATE outbox SET state = 'queued', attempts = max(0, attempts - 1) WHERE id = ? AND state = 'sending'"
        ).execute(arguments: [id.rawValue])
    }

    func recoverInterruptedOutbox() throws -> [OutboxItem] {
        let items = try Row.fetchAll(try cached("SELECT * FROM outbox WHERE state = 'sending' ORDER BY id")).map(
            outboxItem)
        try cached(
            """
            UPDATE outbox SET state = 'uncertain',
                last_error = 'the process stopped while sending; it may or may not have been delivered'
            WHERE state = 'sending'
            """
        ).execute()
        return items
    }

    func outbox(ticket: TicketID) throws -> [OutboxItem] {
        try Row.fetchAll(
            try cached("SELECT * FROM outbox WHERE ticket_id = ? ORDER BY id"), arguments: [ticket.rawValue]
        )
        .map(outboxItem)
    }

    func outbox(messageID: String) throws -> OutboxItem? {
        try Row.fetchOne(try cached("SELECT * FROM outbox WHERE message_id = ?"), arguments: [messageID]).map(
            outboxItem)
    }

    func suppression(of address: String, at date: Date) throws -> AddressSuppression? {
        try Row.fetchOne(
            try cached("SELECT address, reason, until FROM suppression WHERE address = ? AND until > ?"),
            arguments: [address, date]
        ).map { AddressSuppression(address: $0["address"], reason: $0["reason"], until: $0["until"]) }
    }

    func suppress(_ suppression: AddressSuppression, at date: Date) throws {
        try cached(
            """
            INSERT INTO suppression (address, reason, until, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (address) DO UPDATE SET reason = excluded.reason, until = excluded.until,
                created_at = excluded.created_at
            """
        ).execute(arguments: [suppression.address, suppression.reason, suppression.until, date])
    }

    func outbox(state: OutboxState, limit: Int) throws -> [OutboxItem] {
        try Row.fetchAll(
            try cached("SELECT * FROM outbox WHERE state = ? ORDER BY id LIMIT ?"), arguments: [state.rawValue, limit]
        ).map(outboxItem)
    }

    private func outboxItem(_ row: Row) throws -> OutboxItem {
        let refs = try JSONDecoder().decode([String].self, from: Data((row["refs"] as String).utf8))
        let storedToken: String = row["reply_token"]
        guard let replyToken = ReplyTokenSubject(storedValue: storedToken) else {
            throw StoreError(code: .corrupt, message: "unknown reply token subject '\(storedToken)' in outbox row")
        }
        let item = NewOutboxItem(
            ticketID: (row["ticket_id"] as Int64?).map(TicketID.init), template: row["template"],
            language: row["language"],
            recipient: Person(name: row["recipient_name"], address: row["recipient_address"]),
            messageID: row["message_id"], inReplyTo: row["in_reply_to"], references: refs, model: row["model"],
            isAutomatic: row["automatic"], dueAt: row["due_at"], mailbox: row["mailbox"], fromName: row["from_name"],
            replyToken: replyToken
        )
        return OutboxItem(
            id: OutboxID(row["id"]), item: item, state: try Self.decode(row["state"]), attempts: row["attempts"],
            raw: (row["raw"] as Data?).map { [UInt8]($0) }, lastError: row["last_error"]
        )
    }
}
