import Foundation
import GRDB
import PostdeskCore

extension SQLiteTransaction {
    func recordInbound(_ inbound: NewInbound) throws -> InboundRecordResult {
        let existing = try Int64.fetchOne(
            try cached(
                """
                SELECT id FROM inbound
                WHERE sha256 = ? OR (mailbox = ? AND uid_validity IS ? AND uid IS ? AND uid IS NOT NULL)
                LIMIT 1
                """),
            arguments: [
                inbound.sha256, inbound.mailbox, inbound.uidValidity.map { Int64($0) },
                inbound.uid.map { Int64($0) },
            ]
        )
        if let existing { return .duplicate(InboundID(existing)) }
        try cached(
            """
            INSERT INTO inbound (mailbox, uid_validity, uid, sha256, raw, received_at, state, attempts)
            VALUES (?, ?, ?, ?, ?, ?, 'received', 1)
            """
        ).execute(arguments: [
            inbound.mailbox, inbound.uidValidity.map { Int64($0) }, inbound.uid.map { Int64($0) },
            inbound.sha256, Data(inbound.raw), StoredDate(inbound.receivedAt),
        ]
        )
        return .recorded(InboundID(db.lastInsertedRowID))
    }

    func setInbound(_ id: InboundID, state: InboundState, reason: String?, ticket: TicketID?) throws {
        try cached("UPDATE inbound SET state = ?, reason = ?, ticket_id = ? WHERE id = ?").execute(arguments: [
            state.rawValue, reason, ticket?.rawValue, id.rawValue,
        ]
        )
    }

    func countInboundAttempt(_ id: InboundID) throws -> Int {
        try cached("UPDATE inbound SET attempts = attempts + 1 WHERE id = ?").execute(arguments: [id.rawValue])
        return try Int.fetchOne(try cached("SELECT attempts FROM inbound WHERE id = ?"), arguments: [id.rawValue]) ?? 0
    }

    func inboundState(_ id: InboundID) throws -> InboundState? {
        try String.fetchOne(try cached("SELECT state FROM inbound WHERE id = ?"), arguments: [id.rawValue])
            .map { try Self.decode($0) }
    }

    func inbound(_ id: InboundID) throws -> StoredInbound? {
        try Row.fetchOne(try cached("SELECT * FROM inbound WHERE id = ?"), arguments: [id.rawValue]).map(storedInbound)
    }

    func inbound(state: InboundState, limit: Int) throws -> [StoredInbound] {
        try Row.fetchAll(
            try cached("SELECT * FROM inbound WHERE state = ? ORDER BY id LIMIT ?"), arguments: [state.rawValue, limit]
        ).map(storedInbound)
    }

    private func storedInbound(_ row: Row) throws -> StoredInbound {
        StoredInbound(
            id: InboundID(row["id"]), mailbox: row["mailbox"],
            uidValidity: (row["uid_validity"] as Int64?).map { UInt32(truncatingIfNeeded: $0) },
            uid: (row["uid"] as Int64?).map { UInt32(truncatingIfNeeded: $0) }, sha256: row["sha256"],
            raw: [UInt8](row["raw"] as Data), receivedAt: row["received_at"], state: try Self.decode(row["state"]),
            reason: row["reason"], ticketID: (row["ticket_id"] as Int64?).map(TicketID.init)
        )
    }

    func mailboxCursor(_ mailbox: String) throws -> MailboxCursor? {
        try Row.fetchOne(try cached("SELECT * FROM mailbox_cursor WHERE mailbox = ?"), arguments: [mailbox]).map {
            MailboxCursor(
                mailbox: mailbox, uidValidity: UInt32(truncatingIfNeeded: $0["uid_validity"] as Int64),
                lastUID: UInt32(truncatingIfNeeded: $0["last_uid"] as Int64)
            )
        }
    }

    func setMailboxCursor(_ cursor: MailboxCursor) throws {
        try cached(
            """
            INSERT INTO mailbox_cursor (mailbox, uid_validity, last_uid) VALUES (?, ?, ?)
            ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid
            """
        ).execute(arguments: [cursor.mailbox, Int64(cursor.uidValidity), Int64(cursor.lastUID)]
        )
    }
}
