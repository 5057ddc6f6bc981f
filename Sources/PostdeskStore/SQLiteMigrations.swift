import GRDB

/// Schema history. Append-only: a released migration is never edited (GRDB "Migrations"; STYLE habit 9).
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 tickets, mail ledger, outbox") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration(PortalLinkMigration.identifier) { db in
            try PortalLinkMigration.apply(db)
        }
        migrator.registerMigration("v3 participants") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("v4 inbound sha256 of the raw bytes") { db in try v4InboundSHA256(db) }
        migrator.registerMigration("v5 mailbox names without credentials") { db in try v5MailboxNames(db) }
        migrator.registerMigration("v6 outbox: sent is final") { db in
            // A mail the relay accepted is never queued again, whichever code asks (issue 7.4).
            try db.execute(
                sql: """
                    CREATE TRIGGER outbox_sent_is_final BEFORE UPDATE OF state ON outbox
                    WHEN OLD.state = 'sent' AND NEW.state <> 'sent'
                    BEGIN SELECT RAISE(ABORT, 'outbox: a sent mail is never queued again'); END;
                    """)
        }
        migrator.registerMigration(v7Identifier) { db in try db.execute(sql: v7) }
        migrator.registerMigration("v8 suppressed addresses") { db in
            // Automatic mail to an address that bounced for good waits until `until` (issue 9 point 4).
            try db.execute(
                sql: """
                    CREATE TABLE suppression (
                        address TEXT PRIMARY KEY COLLATE NOCASE,
                        reason TEXT NOT NULL,
                        until TEXT NOT NULL,
                        created_at TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v9 rules") { db in try db.execute(sql: v9) }
        migrator.registerMigration(v10Identifier) { db in try db.execute(sql: v10) }
        migrator.registerMigration(v11Identifier) { db in try db.execute(sql: v11) }
        migrator.registerMigration(v12Identifier) { db in try db.execute(sql: v12) }
        migrator.registerMigration(v13Identifier) { db in try db.execute(sql: v13) }
        migrator.registerMigration(v14Identifier) { db in try db.execute(sql: v14) }
        migrator.registerMigration(v15Identifier) { db in try db.execute(sql: v15) }
        migrator.registerMigration(v16Identifier) { db in try db.execute(sql: v16) }
        migrator.registerMigration(v17Identifier) { db in try db.execute(sql: v17) }
        migrator.registerMigration(v18Identifier) { db in try db.execute(sql: v18) }
        migrator.registerMigration(v19Identifier) { db in try db.execute(sql: v19) }
        return migrator
    }

    /// The identifier of the newest migration.
    static var latest: String { migrator.migrations.last ?? "none" }

    /// Who takes part in a ticket. Existing tickets start with their customer confirmed; other addresses that already
    /// wrote on a ticket are listed as pending, because a mail threaded by Message-ID alone proves nothing about its
    /// sender — an operator confirms them. Messages remember whether they came from such an address.
    private static let v3 = """
        CREATE TABLE participant (
            id INTEGER PRIMARY KEY,
            ticket_id INTEGER NOT NULL REFERENCES ticket(id),
            address TEXT NOT NULL COLLATE NOCASE,
            name TEXT,
            state TEXT NOT NULL CHECK (state IN ('confirmed', 'pending')),
            added_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (ticket_id, address)
        );
        INSERT INTO participant (ticket_id, address, name, state, added_by, created_at)
            SELECT t.id, c.address, c.name, 'confirmed', 'ticket.created', t.created_at
            FROM ticket t JOIN customer c ON c.id = t.customer_id;
        INSERT OR IGNORE INTO participant (ticket_id, address, name, state, added_by, created_at)
            SELECT m.ticket_id, m.author_address, m.author_name, 'pending', 'migration', MIN(m.created_at)
            FROM message m
            WHERE m.author_kind = 'customer' AND m.author_address IS NOT NULL AND m.author_address <> ''
            GROUP BY m.ticket_id, m.author_address COLLATE NOCASE;
        ALTER TABLE message ADD COLUMN from_new_participant INTEGER NOT NULL DEFAULT 0;
        """

    private static let v1 = """
        CREATE TABLE customer (
            id INTEGER PRIMARY KEY,
            address TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE operator (
            id INTEGER PRIMARY KEY,
            address TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT,
            role TEXT NOT NULL CHECK (role IN ('operator', 'admin')),
            created_at TEXT NOT NULL
        );
        CREATE TABLE ticket (
            id INTEGER PRIMARY KEY,
            subject TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('new', 'open', 'pending', 'solved', 'closed')),
            priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
            team TEXT,
            customer_id INTEGER NOT NULL REFERENCES customer(id),
            assignee_id INTEGER REFERENCES operator(id),
            tags TEXT NOT NULL DEFAULT '[]',
            portal_token TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX ticket_updated ON ticket(updated_at);
        CREATE TABLE inbound (
            id INTEGER PRIMARY KEY,
            mailbox TEXT NOT NULL,
            uid_validity INTEGER,
            uid INTEGER,
            sha256 TEXT NOT NULL UNIQUE,
            raw BLOB NOT NULL,
            received_at TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('received', 'processed', 'ignored', 'quarantined')),
            attempts INTEGER NOT NULL DEFAULT 0,
            reason TEXT,
            ticket_id INTEGER REFERENCES ticket(id),
            UNIQUE (mailbox, uid_validity, uid)
        );
        CREATE INDEX inbound_state ON inbound(state);
        CREATE TABLE mailbox_cursor (
            mailbox TEXT PRIMARY KEY,
            uid_validity INTEGER NOT NULL,
            last_uid INTEGER NOT NULL
        );
        CREATE TABLE message (
            id INTEGER PRIMARY KEY,
            ticket_id INTEGER NOT NULL REFERENCES ticket(id),
            author_kind TEXT NOT NULL CHECK (author_kind IN ('customer', 'operator', 'system')),
            author_name TEXT,
            author_address TEXT COLLATE NOCASE,
            internal INTEGER NOT NULL,
            via TEXT NOT NULL CHECK (via IN ('mail', 'portal', 'api')),
            text TEXT NOT NULL,
            html TEXT,
            reply TEXT NOT NULL,
            message_id_header TEXT,
            inbound_id INTEGER UNIQUE REFERENCES inbound(id),
            created_at TEXT NOT NULL
        );
        CREATE INDEX message_ticket ON message(ticket_id);
        CREATE INDEX message_message_id ON message(message_id_header);
        CREATE INDEX message_author ON message(author_address, ticket_id);
        CREATE TABLE attachment (
            id INTEGER PRIMARY KEY,
            message_id INTEGER NOT NULL REFERENCES message(id),
            filename TEXT,
            content_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            content_id TEXT,
            inline INTEGER NOT NULL
        );
        CREATE INDEX attachment_message ON attachment(message_id);
        CREATE TABLE event (
            id INTEGER PRIMARY KEY,
            ticket_id INTEGER NOT NULL REFERENCES ticket(id),
            kind TEXT NOT NULL,
            at TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX event_ticket ON event(ticket_id);
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            ticket_id INTEGER REFERENCES ticket(id),
            template TEXT NOT NULL,
            language TEXT NOT NULL,
            recipient_name TEXT,
            recipient_address TEXT NOT NULL COLLATE NOCASE,
            message_id TEXT NOT NULL UNIQUE,
            in_reply_to TEXT,
            refs TEXT NOT NULL,
            model BLOB NOT NULL,
            automatic INTEGER NOT NULL,
            due_at TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'uncertain')),
            attempts INTEGER NOT NULL DEFAULT 0,
            raw BLOB,
            last_error TEXT,
            created_at TEXT NOT NULL,
            sent_at TEXT
        );
        CREATE INDEX outbox_due ON outbox(state, due_at);
        CREATE INDEX outbox_ticket ON outbox(ticket_id);
        CREATE INDEX outbox_recipient ON outbox(recipient_address, created_at);
        """
}
