import Foundation
import GRDB
import PostdeskCore

/// Password hashes, sessions, one-time tokens and sign-in attempts (``AccountQueries``, ``AccountTransaction``).
extension SQLiteTransaction {
    func passwordHash(of account: AccountRef) throws -> String? {
        let (column, id) = Self.owner(account)
        return try String.fetchOne(
            try cached("SELECT hash FROM password WHERE \(column) = ?"), arguments: [id])
    }

    func session(tokenDigest: String, at date: Date) throws -> StoredSession? {
        guard
            let row = try Row.fetchOne(
                try cached("SELECT * FROM session WHERE token_sha256 = ? AND expires_at > ?"),
                arguments: [tokenDigest, date])
        else { return nil }
        return StoredSession(
            tokenDigest: row["token_sha256"], account: try Self.account(from: row), csrfSecret: row["csrf"],
            createdAt: row["created_at"], expiresAt: row["expires_at"])
    }

    func failedSignIns(key: String, since: Date) throws -> Int {
        try Int.fetchOne(
            try cached("SELECT count(*) FROM sign_in_attempt WHERE key = ? AND at >= ? AND succeeded = 0"),
            arguments: [key, since]) ?? 0
    }

    func dismissedHints(of account: AccountRef) throws -> Set<String> {
        let (column, id) = Self.owner(account)
        return Set(
            try String.fetchAll(
                try cached("SELECT hint FROM dismissed_hint WHERE \(column) = ?"), arguments: [id]))
    }

    func dismissHint(_ hint: String, of account: AccountRef, at date: Date) throws {
        let (column, id) = Self.owner(account)
        // UNIQUE (…, hint) holds only where the column is not NULL, which it never is for the row's own account.
        try db.execute(
            sql: "INSERT OR IGNORE INTO dismissed_hint (\(column), hint, dismissed_at) VALUES (?, ?, ?)",
            arguments: [id, hint, date])
    }

    func customerAccount(address: String) throws -> CustomerAccount? {
        try Row.fetchOne(
            try cached("SELECT * FROM customer WHERE address = ? AND account_created_at IS NOT NULL"),
            arguments: [address]
        ).map(Self.customerAccount(from:))
    }

    func customerAccount(id: CustomerID) throws -> CustomerAccount? {
        try Row.fetchOne(
            try cached("SELECT * FROM customer WHERE id = ? AND account_created_at IS NOT NULL"),
            arguments: [id.rawValue]
        ).map(Self.customerAccount(from:))
    }

    func tickets(ofCustomer customer: CustomerID, limit: Int) throws -> [Ticket] {
        try Int64.fetchAll(
            try cached("SELECT id FROM ticket WHERE customer_id = ? ORDER BY updated_at DESC, id DESC LIMIT ?"),
            arguments: [customer.rawValue, limit]
        ).compactMap { try ticket(id: TicketID($0)) }
    }

    func peekOneTimeToken(digest: String, purpose: OneTimePurpose, at date: Date) throws -> AccountRef? {
        guard
            let row = try Row.fetchOne(
                try cached(
                    """
                    SELECT * FROM one_time_token
                    WHERE token_sha256 = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
                    """),
                arguments: [digest, purpose.rawValue, date])
        else { return nil }
        return try Self.account(from: row)
    }

    func setPasswordHash(_ hash: String?, of account: AccountRef, at date: Date) throws {
        let (column, id) = Self.owner(account)
        try db.execute(sql: "DELETE FROM password WHERE \(column) = ?", arguments: [id])
        // A new password ends every session and every unused link: whoever knew the old one, or holds an older
        // set-password or sign-in mail, is out.
        try db.execute(sql: "DELETE FROM session WHERE \(column) = ?", arguments: [id])
        try db.execute(
            sql: "UPDATE one_time_token SET used_at = ? WHERE \(column) = ? AND used_at IS NULL", arguments: [date, id])
        guard let hash else { return }
        try db.execute(
            sql: "INSERT INTO password (\(column), hash, updated_at) VALUES (?, ?, ?)", arguments: [id, hash, date])
    }

    func insert(_ session: StoredSession) throws {
        // Expired sessions and tokens go on the way: the tables stay as small as the live ones.
        try db.execute(sql: "DELETE FROM session WHERE expires_at <= ?", arguments: [session.createdAt])
        try db.execute(sql: "DELETE FROM one_time_token WHERE expires_at <= ?", arguments: [session.createdAt])
        let (column, id) = Self.owner(session.account)
        try db.execute(
            sql: """
                INSERT INTO session (token_sha256, \(column), csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [session.tokenDigest, id, session.csrfSecret, session.createdAt, session.expiresAt])
    }

    func deleteSession(tokenDigest: String) throws {
        try db.execute(sql: "DELETE FROM session WHERE token_sha256 = ?", arguments: [tokenDigest])
    }

    func insertOneTimeToken(
        digest: String, purpose: OneTimePurpose, account: AccountRef, expiresAt: Date, at date: Date
    ) throws {
        let (column, id) = Self.owner(account)
        try db.execute(
            sql: """
                INSERT INTO one_time_token (token_sha256, purpose, \(column), created_at, expires_at)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [digest, purpose.rawValue, id, date, expiresAt])
    }

    func useOneTimeToken(digest: String, purpose: OneTimePurpose, at date: Date) throws -> AccountRef? {
        guard let account = try peekOneTimeToken(digest: digest, purpose: purpose, at: date) else { return nil }
        try db.execute(
            sql: "UPDATE one_time_token SET used_at = ? WHERE token_sha256 = ? AND used_at IS NULL",
            arguments: [date, digest])
        return db.changesCount == 1 ? account : nil
    }

    @discardableResult
    func recordSignIn(keys: [String], succeeded: Bool, at date: Date, forgetBefore: Date) throws -> [Int64] {
        try db.execute(sql: "DELETE FROM sign_in_attempt WHERE at < ?", arguments: [forgetBefore])
        return try keys.map { key in
            try db.execute(
                sql: "INSERT INTO sign_in_attempt (key, succeeded, at) VALUES (?, ?, ?)",
                arguments: [key, succeeded, date])
            return db.lastInsertedRowID
        }
    }

    func markSignInsSucceeded(_ attempts: [Int64]) throws {
        for id in attempts {
            try db.execute(sql: "UPDATE sign_in_attempt SET succeeded = 1 WHERE id = ?", arguments: [id])
        }
    }

    private static func owner(_ account: AccountRef) -> (column: String, id: Int64) {
        switch account {
        case .customer(let id): ("customer_id", id.rawValue)
        case .operator(let id): ("operator_id", id.rawValue)
        }
    }

    private static func account(from row: Row) throws -> AccountRef {
        if let id: Int64 = row["customer_id"] { return .customer(CustomerID(id)) }
        if let id: Int64 = row["operator_id"] { return .operator(OperatorID(id)) }
        throw StoreError(code: .corrupt, message: "an account row names neither a customer nor an operator")
    }
}
