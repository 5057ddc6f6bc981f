import GRDB

/// SLA due times and timers (issue 9 point 5). Frozen like every migration.
extension SQLiteMigrations {
    static let v10Identifier = "v10 sla"

    /// Each ticket's measured SLA lives beside the ticket, not in it: most tickets of a desk without policies have
    /// none, and the row is rewritten on every change that moves a clock. `breached` and `warned` are JSON arrays
    /// of target spellings, like `ticket.tags`.
    ///
    /// Timers are rows a scheduler leases (`lease_owner` until `lease_until`) and marks `fired_at` once; fired rows
    /// stay, so a recomputed schedule never inserts a fired id again (`id` is the timer's stable key). The index on
    /// `(fired_at, due_at)` serves the scheduler's only hot query: unfired timers by due time.
    static let v10 = """
        CREATE TABLE ticket_sla (
            ticket_id INTEGER PRIMARY KEY REFERENCES ticket(id),
            policy TEXT NOT NULL,
            first_response_due TEXT,
            next_response_due TEXT,
            resolution_due TEXT,
            breached TEXT NOT NULL DEFAULT '[]',
            warned TEXT NOT NULL DEFAULT '[]',
            updated_at TEXT NOT NULL
        );
        CREATE TABLE sla_timer (
            id TEXT NOT NULL PRIMARY KEY,
            ticket_id INTEGER NOT NULL REFERENCES ticket(id),
            target TEXT NOT NULL CHECK (target IN ('first_response', 'next_response', 'resolution')),
            kind TEXT NOT NULL CHECK (kind IN ('warning', 'breach')),
            due_at TEXT NOT NULL,
            lease_owner TEXT,
            lease_until TEXT,
            fired_at TEXT,
            CHECK ((lease_owner IS NULL) = (lease_until IS NULL))
        );
        CREATE INDEX sla_timer_due ON sla_timer(fired_at, due_at);
        CREATE INDEX sla_timer_ticket ON sla_timer(ticket_id);
        """
}
