import Foundation
import PostdeskCore
import PostdeskCrypto
import Testing

@testable import PostdeskStore

/// v4 and v5 repair what older versions wrote into the inbound ledger.
@Suite struct LedgerMigrationTests {
    static let v1 = "v1 tickets, mail ledger, outbox"
    static let v4 = "v4 inbound sha256 of the raw bytes"

    static func raw(_ body: String) -> [UInt8] {
        Array("From: a@example.test\r\nSubject: x\r\n\r\n\(body)\r\n".utf8)
    }

    @Test("v4: a ledger written by the old code (hash of the hash) gets the SHA-256 of the raw bytes")
    func sha256OfRawBytes() async throws {
        // Given a database as v1 left it, with two mails recorded the old way: SHA-256 of the SHA-256
        let db = try TemporaryStore(migrate: false)
        try db.store.migrate(upTo: Self.v1)
        let mails = [Self.raw("one"), Self.raw("two"), []]
        let ids = try await db.store.write { tx in
            try mails.enumerated().map { index, raw in
                let old = SHA256.hex(SHA256.hash(raw))
                let result = try tx.recordInbound(
                    NewInbound(
                        mailbox: "INBOX", uidValidity: 7, uid: UInt32(index + 1), sha256: old, raw: raw,
                        receivedAt: Fixture.now))
                guard case .recorded(let id) = result else { throw StoreError(code: .conflict, message: "dup") }
                return id
            }
        }

        // When the database is migrated
        try db.store.migrate()

        // Then each row's sha256 is what sha256sum prints for its bytes
        for (id, raw) in zip(ids, mails) {
            let stored = try #require(try await db.store.read { q in try q.inbound(id) })
            #expect(stored.sha256 == (try sha256sum(raw)))
            #expect(stored.raw == raw)
        }
        // And a mail arriving again under another UID is now recognised as a duplicate
        let again = try await db.store.write { tx in
            try tx.recordInbound(
                NewInbound(
                    mailbox: "INBOX", uidValidity: 8, uid: 1, sha256: SHA256.hex(mails[0]), raw: mails[0],
                    receivedAt: Fixture.now))
        }
        #expect(again == .duplicate(ids[0]))
    }

    @Test("v5: mailbox names lose their credentials in the ledger and the poll mark")
    func mailboxNamesWithoutCredentials() async throws {
        // Given a database as v4 left it, polled through a URL with a password in it
        let db = try TemporaryStore(migrate: false)
        try db.store.migrate(upTo: Self.v4)
        let leaky = "imaps://support%40example.test:hunter2@mail.example.test:993/INBOX"
        let clean = "imaps://mail.example.test:993/INBOX"
        let ids = try await db.store.write { tx in
            let results = try [
                tx.recordInbound(Fixture.inbound(mailbox: leaky, uid: 1, body: "a")),
                tx.recordInbound(Fixture.inbound(mailbox: leaky, uid: 2, body: "b")),
                // the same UID also stored under the clean name (the admin once moved the password out)
                tx.recordInbound(Fixture.inbound(mailbox: clean, uid: 2, body: "c")),
                tx.recordInbound(Fixture.inbound(mailbox: "pipe", uid: nil, body: "d")),
            ]
            try tx.setMailboxCursor(MailboxCursor(mailbox: leaky, uidValidity: 7, lastUID: 2))
            return results.compactMap { result -> InboundID? in
                guard case .recorded(let id) = result else { return nil }
                return id
            }
        }

        // When it is migrated
        try db.store.migrate()

        // Then no row names the password, the mark moved to the clean name, and other names are untouched
        let mailboxes = try await db.store.read { q in try ids.map { try q.inbound($0)?.mailbox ?? "" } }
        #expect(mailboxes == [clean, "\(clean) #\(ids[1].rawValue)", clean, "pipe"])
        #expect(!mailboxes.contains { $0.contains("hunter2") || $0.contains("support") })
        let marks = try await db.store.read { q in (try q.mailboxCursor(clean), try q.mailboxCursor(leaky)) }
        #expect(marks.0?.lastUID == 2 && marks.1 == nil)
    }

    @Test(
        "v5 names: the URL without userinfo; anything else unchanged",
        arguments: [
            ("imaps://user:pass@host:993/INBOX", "imaps://host:993/INBOX"),
            ("imap://user@host/INBOX", "imap://host/INBOX"),
            ("imap://user;AUTH=PLAIN:pass@host/INBOX", "imap://host/INBOX"),
            ("imap://u:p@ss@host/INBOX", "imap://host/INBOX"),
            ("imap://u:p/ss@host/INBOX", "imap://host/INBOX"),
            ("imap://127.0.0.1:14143/INBOX", "imap://127.0.0.1:14143/INBOX"),
            ("imaps://host/Shared/support@example.test", "imaps://host/Shared/support@example.test"),
            ("pipe", "pipe"),
            ("INBOX", "INBOX"),
        ]
    )
    func credentialFreeNames(old: String, new: String) {
        #expect(SQLiteMigrations.v5CredentialFreeName(old) == new)
    }
}
