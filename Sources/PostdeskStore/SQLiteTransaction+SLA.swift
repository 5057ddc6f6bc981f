import Foundation
import GRDB
import PostdeskCore

extension SQLiteTransaction {
    func slaState(of ticket: TicketID) throws -> TicketSLA? {
        guard
            let row = try Row.fetchOne(
                try cached("SELECT * FROM ticket_sla WHERE ticket_id = ?"),
                arguments: [
                    ticket.rawValue
                ])
        else { return nil }
        return TicketSLA(
            policy: row["policy"], firstResponseDue: row["first_response_due"],
            nextResponseDue: row["next_response_due"], resolutionDue: row["resolution_due"],
            breached: try Self.targets(row["breached"]), warned: try Self.targets(row["warned"]))
    }

    func slaTimers(of ticket: TicketID) throws -> [SLATimerEntry] {
        try Row.fetchAll(
            try cached("SELECT * FROM sla_timer WHERE ticket_id = ? ORDER BY due_at, id"), arguments: [ticket.rawValue]
        ).map(Self.timer)
    }

    func nextSLATimerWake() throws -> Date? {
        // Pending timers by due time (the index): a row leased by another scheduler counts from the end of its lease.
        // Leased rows are few (a batch per scheduler), so the walk stops soon after the first unleased row.
        let rows = try Row.fetchCursor(
            try cached("SELECT due_at, lease_until FROM sla_timer WHERE fired_at IS NULL ORDER BY due_at"))
        var earliest: Date?
        while let row = try rows.next() {
            let due: Date = row["due_at"]
            if let earliest, due >= earliest { break }
            let wake = max(due, (row["lease_until"] as Date?) ?? due)
            earliest = min(earliest ?? wake, wake)
        }
        return earliest
    }

    func setSLAState(_ state: TicketSLA?, of ticket: TicketID, at date: Date) throws {
        guard let state else {
            try cached("DELETE FROM ticket_sla WHERE ticket_id = ?").execute(arguments: [ticket.rawValue])
            return
        }
        try cached(
            """
            INSERT INTO ticket_sla (ticket_id, policy, first_response_due, next_response_due, resolution_due,
                                    breached, warned, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (ticket_id) DO UPDATE SET policy = excluded.policy,
                first_response_due = excluded.first_response_due, next_response_due = excluded.next_response_due,
                resolution_due = excluded.resolution_due, breached = excluded.breached, warned = excluded.warned,
                updated_at = excluded.updated_at
            """
        ).execute(arguments: [
            ticket.rawValue, state.policy, state.firstResponseDue, state.nextResponseDue, state.resolutionDue,
            try Self.json(state.breached), try Self.json(state.warned), date,
        ])
    }

    func replacePendingSLATimers(of ticket: TicketID, with timers: [SLATimerEntry]) throws {
        let keep = Set(timers.map(\.id))
        let pending = try String.fetchAll(
            try cached("SELECT id FROM sla_timer WHERE ticket_id = ? AND fired_at IS NULL"),
            arguments: [ticket.rawValue])
        for id in pending where !keep.contains(id) {
            try cached("DELETE FROM sla_timer WHERE id = ? AND fired_at IS NULL").execute(arguments: [id])
        }
        // A fired id, or a pending one already there (with its lease), is left as it is.
        for timer in timers {
            try cached(
                """
                INSERT INTO sla_timer (id, ticket_id, target, kind, due_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING
                """
            ).execute(arguments: [timer.id, ticket.rawValue, timer.target, timer.kind, timer.due])
        }
    }

    func leaseDueSLATimers(owner: String, now: Date, until: Date, limit: Int) throws -> [SLATimerEntry] {
        let rows = try Row.fetchAll(
            try cached(
                """
                SELECT * FROM sla_timer
                WHERE fired_at IS NULL AND due_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
                ORDER BY due_at, CASE kind WHEN 'breach' THEN 0 ELSE 1 END, id
                LIMIT ?
                """),
            arguments: [now, now, max(0, limit)])
        var leased: [SLATimerEntry] = []
        for row in rows {
            var timer = try Self.timer(row)
            // The same conditions again in the UPDATE: the row is taken only as it was read.
            try cached(
                """
                UPDATE sla_timer SET lease_owner = ?, lease_until = ?
                WHERE id = ? AND fired_at IS NULL AND (lease_until IS NULL OR lease_until <= ?)
                """
            ).execute(arguments: [owner, until, timer.id, now])
            guard db.changesCount == 1 else { continue }
            timer.leaseOwner = owner
            timer.leaseUntil = until
            leased.append(timer)
        }
        return leased
    }

    func markSLATimerFired(id: String, owner: String, at date: Date) throws -> Bool {
        try cached("UPDATE sla_timer SET fired_at = ? WHERE id = ? AND fired_at IS NULL AND lease_owner = ?")
            .execute(arguments: [date, id, owner])
        return db.changesCount == 1
    }

    private static func timer(_ row: Row) throws -> SLATimerEntry {
        SLATimerEntry(
            id: row["id"], ticketID: TicketID(row["ticket_id"]), target: row["target"], kind: row["kind"],
            due: row["due_at"], leaseOwner: row["lease_owner"], leaseUntil: row["lease_until"],
            firedAt: row["fired_at"])
    }

    private static func targets(_ text: String) throws -> [String] {
        do {
            return try JSONDecoder().decode([String].self, from: Data(text.utf8))
        } catch {
            throw StoreError(code: .corrupt, message: "ticket_sla holds a target list that is not a JSON array")
        }
    }

    private static func json(_ targets: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(targets), as: UTF8.self)
    }
}
