import Foundation
import GRDB
import PostdeskCore

extension SQLiteTransaction {
    func idleTickets(durationSeconds: Int64, after: Date?, cutoff: Date, limit: Int) throws -> [TicketID] {
        // Range scans of ticket(status, updated_at), one per open status; the mark is a primary-key probe. No ORDER
        // BY: a sort would read every candidate before the LIMIT.
        try Int64.fetchAll(
            try cached(
                """
                SELECT t.id FROM ticket t
                WHERE t.status IN ('new', 'open', 'pending') AND t.updated_at <= ? AND (? IS NULL OR t.updated_at > ?)
                  AND NOT EXISTS (SELECT 1 FROM rule_idle_mark m
                                  WHERE m.ticket_id = t.id AND m.duration_seconds = ? AND m.updated_at = t.updated_at)
                LIMIT ?
                """),
            arguments: [cutoff, after, after, durationSeconds, max(0, limit)]
        ).map(TicketID.init)
    }

    func markIdleFired(ticket: TicketID, durationSeconds: Int64, at date: Date) throws -> Bool {
        // The ticket's own updated_at text is copied, so the key matches the scan's comparison byte for byte.
        try cached(
            """
            INSERT INTO rule_idle_mark (ticket_id, duration_seconds, updated_at, fired_at)
            SELECT id, ?, updated_at, ? FROM ticket WHERE id = ?
            ON CONFLICT DO NOTHING
            """
        ).execute(arguments: [durationSeconds, date, ticket.rawValue])
        let fired = db.changesCount == 1
        if fired {
            // Earlier spells can never match again (updated_at moved on): keep one row per ticket and duration.
            try cached(
                """
                DELETE FROM rule_idle_mark WHERE ticket_id = ? AND duration_seconds = ?
                AND updated_at <> (SELECT updated_at FROM ticket WHERE id = ?)
                """
            ).execute(arguments: [ticket.rawValue, durationSeconds, ticket.rawValue])
        }
        return fired
    }

    func scheduleRun(schedule: String, occurrence: Date) throws -> ScheduleRun? {
        guard
            let row = try Row.fetchOne(
                try cached("SELECT * FROM rule_schedule_run WHERE schedule = ? AND occurrence = ?"),
                arguments: [schedule, occurrence])
        else { return nil }
        return ScheduleRun(
            schedule: row["schedule"], occurrence: row["occurrence"],
            lastTicket: (row["last_ticket_id"] as Int64?).map(TicketID.init), finishedAt: row["finished_at"])
    }

    func openTickets(after: TicketID?, createdBy: Date, limit: Int) throws -> [TicketID] {
        try Int64.fetchAll(
            try cached(
                """
                SELECT id FROM ticket
                WHERE id > ? AND status IN ('new', 'open', 'pending') AND created_at <= ?
                ORDER BY id LIMIT ?
                """),
            arguments: [after?.rawValue ?? 0, createdBy, max(0, limit)]
        ).map(TicketID.init)
    }

    func saveScheduleRun(_ run: ScheduleRun, at date: Date) throws {
        try cached(
            """
            INSERT INTO rule_schedule_run (schedule, occurrence, last_ticket_id, started_at, updated_at, finished_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (schedule, occurrence) DO UPDATE SET last_ticket_id = excluded.last_ticket_id,
                updated_at = excluded.updated_at, finished_at = excluded.finished_at
            """
        ).execute(arguments: [run.schedule, run.occurrence, run.lastTicket?.rawValue, date, date, run.finishedAt])
    }
}
