import GRDB

/// Operators, teams, mailboxes and time (issue 8). Frozen like every migration.
extension SQLiteMigrations {
    static let v7Identifier = "v7 operators, teams, mailboxes, time"

    /// Operators get several addresses (`operator.address` stays the primary one, listed first in
    /// `operator_address`), several teams and a disabled flag; customers may have an account; a ticket remembers its
    /// mailbox, its watchers and the time spent on it; an outbound mail remembers its mailbox, its From display name
    /// and whose reply token it carries.
    ///
    /// An address belongs to at most one operator (UNIQUE, case-insensitive). An operator's address may also be a
    /// customer's: an operator can ask for help elsewhere in the company.
    static let v7 = """
        ALTER TABLE operator ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE operator_address (
            operator_id INTEGER NOT NULL REFERENCES operator(id),
            address TEXT NOT NULL UNIQUE COLLATE NOCASE,
            position INTEGER NOT NULL,
            UNIQUE (operator_id, position)
        );
        INSERT INTO operator_address (operator_id, address, position) SELECT id, address, 0 FROM operator;
        CREATE TABLE team (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE team_member (
            team_id INTEGER NOT NULL REFERENCES team(id),
            operator_id INTEGER NOT NULL REFERENCES operator(id),
            PRIMARY KEY (team_id, operator_id)
        );
        CREATE INDEX team_member_operator ON team_member(operator_id);
        ALTER TABLE customer ADD COLUMN account_created_at TEXT;
        ALTER TABLE customer ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE ticket ADD COLUMN mailbox TEXT;
        CREATE TABLE watcher (
            ticket_id INTEGER NOT NULL REFERENCES ticket(id),
            operator_id INTEGER NOT NULL REFERENCES operator(id),
            created_at TEXT NOT NULL,
            PRIMARY KEY (ticket_id, operator_id)
        );
        CREATE TABLE time_entry (
            id INTEGER PRIMARY KEY,
            ticket_id INTEGER NOT NULL REFERENCES ticket(id),
            operator_id INTEGER NOT NULL REFERENCES operator(id),
            minutes INTEGER NOT NULL CHECK (minutes > 0),
            work_type TEXT,
            date TEXT NOT NULL,
            via TEXT NOT NULL CHECK (via IN ('mail', 'portal', 'api')),
            created_at TEXT NOT NULL
        );
        CREATE INDEX time_entry_date ON time_entry(date);
        CREATE INDEX time_entry_ticket ON time_entry(ticket_id);
        ALTER TABLE outbox ADD COLUMN mailbox TEXT;
        ALTER TABLE outbox ADD COLUMN from_name TEXT;
        ALTER TABLE outbox ADD COLUMN reply_token TEXT NOT NULL DEFAULT 'recipient';
        """
}
