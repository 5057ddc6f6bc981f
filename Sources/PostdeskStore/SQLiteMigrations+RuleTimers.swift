import GRDB

/// Idle and schedule timers of the rules (issue 9 point 1). Frozen like every migration.
extension SQLiteMigrations {
    static let v11Identifier = "v11 rule timers"

    /// `rule_idle_mark` says a ticket's `{ticket.idle: D}` event fired for the quiet spell that began at its
    /// `updated_at`: the key makes it once per spell, across restarts and schedulers; a newer spell is a new key.
    /// `rule_schedule_run` is one occurrence of a schedule, with the last ticket id its batches reached.
    /// The index on `ticket(status, updated_at)` serves the idle scan: open tickets quiet since before a cutoff.
    static let v11 = """
        CREATE TABLE rule_idle_mark (
            ticket_id INTEGER NOT NULL REFERENCES ticket(id),
            duration_seconds INTEGER NOT NULL CHECK (duration_seconds > 0),
            updated_at TEXT NOT NULL,
            fired_at TEXT NOT NULL,
            PRIMARY KEY (ticket_id, duration_seconds, updated_at)
        ) WITHOUT ROWID;
        CREATE TABLE rule_schedule_run (
            schedule TEXT NOT NULL,
            occurrence TEXT NOT NULL,
            last_ticket_id INTEGER,
            started_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            finished_at TEXT,
            PRIMARY KEY (schedule, occurrence)
        );
        CREATE INDEX ticket_status_updated ON ticket(status, updated_at);
        """
}
