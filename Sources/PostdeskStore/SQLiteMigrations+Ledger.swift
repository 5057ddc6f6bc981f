import Foundation
import GRDB
import PostdeskCrypto

/// Repairs of the inbound ledger. Frozen like every migration: they use no app types, and the helpers below are
/// copies that must not follow later changes elsewhere.
extension SQLiteMigrations {
    /// Until v4, `inbound.sha256` was the SHA-256 of the digest of the raw bytes (a hash of the hash). It becomes the
    /// SHA-256 of the raw bytes, what `sha256sum` prints for the stored message, and what ingest now writes, so the
    /// duplicate check matches old rows too.
    static func v4InboundSHA256(_ db: Database) throws {
        // Park every row on a value no digest can take first, so no update meets another row's old value under
        // the UNIQUE constraint.
        try db.execute(sql: "UPDATE inbound SET sha256 = 'v2-pending-' || id")
        let update = try db.makeStatement(sql: "UPDATE inbound SET sha256 = ? WHERE id = ?")
        let select = try db.makeStatement(sql: "SELECT raw FROM inbound WHERE id = ?")
        // One message in memory at a time, and no update while a read of the same table is open.
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM inbound") {
            let raw = try Data.fetchOne(select, arguments: [id]) ?? Data()
            try update.execute(arguments: [SHA256.hex(raw), id])
        }
    }

    /// Until v5 the poller used its IMAP URL as the mailbox name, password included when the URL carried one. Names
    /// with userinfo lose it (``v5CredentialFreeName(_:)``), in the ledger and the poll marks.
    static func v5MailboxNames(_ db: Database) throws {
        let names = try String.fetchAll(
            db, sql: "SELECT mailbox FROM inbound UNION SELECT mailbox FROM mailbox_cursor")
        for old in names {
            let new = v5CredentialFreeName(old)
            guard new != old else { continue }
            // A row whose (UIDVALIDITY, UID) already exists under the new name keeps its own, suffixed name: still
            // free of credentials, and no evidence is dropped.
            try db.execute(
                sql: """
                    UPDATE inbound SET mailbox = ? WHERE mailbox = ? AND NOT EXISTS (
                        SELECT 1 FROM inbound AS other
                        WHERE other.mailbox = ? AND other.uid_validity = inbound.uid_validity AND other.uid = inbound.uid)
                    """,
                arguments: [new, old, new])
            try db.execute(
                sql: "UPDATE inbound SET mailbox = ? || ' #' || id WHERE mailbox = ?", arguments: [new, old])
            // Two marks for one mailbox: keep the one already under the new name. The worst case is fetching again
            // what the ledger then recognises by its SHA-256.
            try db.execute(
                sql: """
                    UPDATE mailbox_cursor SET mailbox = ? WHERE mailbox = ?
                    AND NOT EXISTS (SELECT 1 FROM mailbox_cursor WHERE mailbox = ?)
                    """,
                arguments: [new, old, new])
            try db.execute(sql: "DELETE FROM mailbox_cursor WHERE mailbox = ?", arguments: [old])
        }
    }

    /// The URL without its userinfo (`imaps://user:pass@host/INBOX` → `imaps://host/INBOX`); other names as they
    /// are. A copy of `MailboxName.of(url:)` in PostdeskApp as of v5.
    static func v5CredentialFreeName(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd: Substring.Index
        if URLComponents(string: url) != nil {
            // A well-formed URL: the userinfo ends at the last `@` before the path.
            authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        } else {
            // Not a URL Foundation reads (say, an unescaped `/` in the password): the userinfo may run on past a `/`,
            // up to the path after the first `@`. Dropping too much beats keeping a password.
            guard let firstAt = rest.firstIndex(of: "@") else { return url }
            authorityEnd = rest[firstAt...].firstIndex(of: "/") ?? rest.endIndex
        }
        guard let lastAt = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<schemeEnd.upperBound] + rest[rest.index(after: lastAt)...])
    }
}
