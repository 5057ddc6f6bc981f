import GRDB

/// Migration v2: portal link tokens move from `ticket.portal_token` (plaintext) into `portal_link`, as SHA-256
/// digests only, and the plaintext column is removed.
///
/// SQLite cannot `DROP COLUMN` a UNIQUE column, so `ticket` is rebuilt the way SQLite documents
/// (<https://www.sqlite.org/lang_altertable.html#otheralter>): the new table's definition is the stored one minus the
/// `portal_token` line, so columns added to `ticket` by other migrations survive. GRDB runs migrations with foreign
/// keys off and checks them all before commit. `secure_delete` overwrites the freed pages that held the tokens.
enum PortalLinkMigration {
    static let identifier = "v2 portal links stored hashed"

    static func apply(_ db: Database) throws {
        let secureDelete = try Int.fetchOne(db, sql: "PRAGMA secure_delete") ?? 0
        try db.execute(sql: "PRAGMA secure_delete = ON")
        defer { try? db.execute(sql: "PRAGMA secure_delete = \(secureDelete)") }
        try db.execute(
            sql: """
                CREATE TABLE portal_link (
                    id INTEGER PRIMARY KEY,
                    token_sha256 TEXT NOT NULL UNIQUE,
                    ticket_id INTEGER NOT NULL REFERENCES ticket(id),
                    recipient_address TEXT NOT NULL COLLATE NOCASE,
                    created_at TEXT NOT NULL
                );
                CREATE INDEX portal_link_ticket ON portal_link(ticket_id);
                """)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT t.id, t.portal_token, t.created_at, c.address
                FROM ticket t JOIN customer c ON c.id = t.customer_id
                """)
        for row in rows {
            try db.execute(
                sql:
                    "INSERT INTO portal_link (token_sha256, ticket_id, recipient_address, created_at) VALUES (?, ?, ?, ?)",
                arguments: [
                    PortalTokenDigest.hex(row["portal_token"]), row["id"] as Int64, row["address"] as String,
                    row["created_at"] as String,
                ])
        }
        // A rendered mail no longer needs its view model, which holds the token (the bytes sent keep the link, as the
        // customer's copy does).
        try db.execute(sql: "UPDATE outbox SET model = X'7B7D' WHERE raw IS NOT NULL")
        try dropPortalTokenColumn(db)
    }

    /// Rebuilds `ticket` without `portal_token`, keeping every other column, index and trigger.
    private static func dropPortalTokenColumn(_ db: Database) throws {
        guard
            let create = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'ticket'")
        else { throw StoreError(code: .corrupt, message: "no ticket table to migrate") }
        let lines = create.split(separator: "\n", omittingEmptySubsequences: false)
        let kept = lines.filter { !$0.trimmingPrefix(while: \.isWhitespace).hasPrefix("portal_token ") }
        guard kept.count == lines.count - 1 else {
            throw StoreError(
                code: .corrupt, message: "ticket.portal_token not found as one line of the table definition")
        }
        let newCreate = kept.joined(separator: "\n").replacing("CREATE TABLE ticket", with: "CREATE TABLE ticket_new")
        let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(ticket)")
            .map { $0["name"] as String }
            .filter { $0 != "portal_token" }
            .map { "\"\($0)\"" }
            .joined(separator: ", ")
        let dependents = try String.fetchAll(
            db,
            sql: """
                SELECT sql FROM sqlite_master
                WHERE tbl_name = 'ticket' AND type IN ('index', 'trigger') AND sql IS NOT NULL
                """)
        try db.execute(sql: newCreate)
        try db.execute(sql: "INSERT INTO ticket_new (\(columns)) SELECT \(columns) FROM ticket")
        try db.execute(sql: "DROP TABLE ticket")
        try db.execute(sql: "ALTER TABLE ticket_new RENAME TO ticket")
        for sql in dependents { try db.execute(sql: sql) }
    }
}
