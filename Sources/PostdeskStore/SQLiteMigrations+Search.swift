import GRDB

/// The operator queue and its full-text search (issue 10 point 2). Frozen like every migration.
extension SQLiteMigrations {
    static let v16Identifier = "v16 search"

    /// `ё` and `Ё` folded to `е`, in SQL: the unicode61 tokenizer removes Latin diacritics but keeps `ё`, and
    /// Russian writers use both letters for the same words. ``SearchText/fold(_:)`` folds queries the same way.
    private static func fold(_ expression: String) -> String {
        "replace(replace(\(expression), 'ё', 'е'), 'Ё', 'Е')"
    }

    /// The text of a message that is indexed: what the author wrote now (`reply`), without quoted history, or the
    /// whole text when no reply was extracted.
    private static func messageText(_ row: String) -> String {
        fold("CASE WHEN \(row).reply <> '' THEN \(row).reply ELSE \(row).text END")
    }

    /// The rowid of a message's index entry: its ticket in the high 32 bits.
    private static func messageRowID(_ row: String) -> String {
        "(\(row).ticket_id * 4294967296 + \(row).id)"
    }

    /// A customer's indexed words: name and address.
    private static func customerText(_ row: String) -> String {
        fold("COALESCE(\(row).name, '') || ' ' || \(row).address")
    }

    /// Two contentless FTS5 indexes (they store no copy of the text): `ticket_fts` (rowid = ticket id: subject and
    /// customer) and `message_fts` (its text, internal notes too, so operator search only). A message's rowid is
    /// `ticket id << 32 | message id`: a search reads its tickets from the index alone (`rowid >> 32`), with no
    /// lookup per matching message; unique while message ids stay below 2^32.
    /// Triggers keep them current on every write path; a contentless index deletes a row by being given the exact
    /// words it indexed, which the triggers recompute from the old row.
    ///
    /// Queue indexes: per view (assignee, team) and status, in update order, so that every queue partition is one
    /// index range read in order; `priority_rank` orders by priority; a customer's tickets by update.
    static let v16 = """
        CREATE VIRTUAL TABLE ticket_fts USING fts5(
            subject, customer, content = '', tokenize = 'unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE message_fts USING fts5(
            text, content = '', tokenize = 'unicode61 remove_diacritics 2');
        INSERT INTO ticket_fts (rowid, subject, customer)
            SELECT t.id, \(fold("t.subject")), \(customerText("c"))
            FROM ticket t JOIN customer c ON c.id = t.customer_id;
        INSERT INTO message_fts (rowid, text) SELECT \(messageRowID("m")), \(messageText("m")) FROM message m;

        CREATE TRIGGER ticket_fts_insert AFTER INSERT ON ticket BEGIN
            INSERT INTO ticket_fts (rowid, subject, customer)
                SELECT NEW.id, \(fold("NEW.subject")), \(customerText("c")) FROM customer c WHERE c.id = NEW.customer_id;
        END;
        CREATE TRIGGER ticket_fts_update AFTER UPDATE OF subject, customer_id ON ticket
        WHEN OLD.subject IS NOT NEW.subject OR OLD.customer_id IS NOT NEW.customer_id BEGIN
            INSERT INTO ticket_fts (ticket_fts, rowid, subject, customer)
                SELECT 'delete', OLD.id, \(fold("OLD.subject")), \(customerText("c"))
                FROM customer c WHERE c.id = OLD.customer_id;
            INSERT INTO ticket_fts (rowid, subject, customer)
                SELECT NEW.id, \(fold("NEW.subject")), \(customerText("c")) FROM customer c WHERE c.id = NEW.customer_id;
        END;
        CREATE TRIGGER ticket_fts_delete AFTER DELETE ON ticket BEGIN
            INSERT INTO ticket_fts (ticket_fts, rowid, subject, customer)
                SELECT 'delete', OLD.id, \(fold("OLD.subject")), \(customerText("c"))
                FROM customer c WHERE c.id = OLD.customer_id;
        END;
        CREATE TRIGGER customer_fts_update AFTER UPDATE OF name, address ON customer
        WHEN OLD.name IS NOT NEW.name OR OLD.address IS NOT NEW.address BEGIN
            INSERT INTO ticket_fts (ticket_fts, rowid, subject, customer)
                SELECT 'delete', t.id, \(fold("t.subject")), \(customerText("OLD")) FROM ticket t
                WHERE t.customer_id = OLD.id;
            INSERT INTO ticket_fts (rowid, subject, customer)
                SELECT t.id, \(fold("t.subject")), \(customerText("NEW")) FROM ticket t WHERE t.customer_id = NEW.id;
        END;
        CREATE TRIGGER message_fts_insert AFTER INSERT ON message BEGIN
            INSERT INTO message_fts (rowid, text) VALUES (\(messageRowID("NEW")), \(messageText("NEW")));
        END;
        CREATE TRIGGER message_fts_update AFTER UPDATE OF text, reply ON message
        WHEN OLD.text IS NOT NEW.text OR OLD.reply IS NOT NEW.reply BEGIN
            INSERT INTO message_fts (message_fts, rowid, text) VALUES ('delete', \(messageRowID("OLD")), \(messageText("OLD")));
            INSERT INTO message_fts (rowid, text) VALUES (\(messageRowID("NEW")), \(messageText("NEW")));
        END;
        CREATE TRIGGER message_fts_delete AFTER DELETE ON message BEGIN
            INSERT INTO message_fts (message_fts, rowid, text) VALUES ('delete', \(messageRowID("OLD")), \(messageText("OLD")));
        END;

        ALTER TABLE ticket ADD COLUMN priority_rank INTEGER GENERATED ALWAYS AS (
            CASE priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END) VIRTUAL;
        CREATE INDEX ticket_assignee_status_updated ON ticket(assignee_id, status, updated_at);
        CREATE INDEX ticket_team_status_updated ON ticket(team, status, updated_at);
        CREATE INDEX ticket_priority_updated ON ticket(priority_rank, updated_at);
        CREATE INDEX ticket_customer_updated ON ticket(customer_id, updated_at);
        """
}
