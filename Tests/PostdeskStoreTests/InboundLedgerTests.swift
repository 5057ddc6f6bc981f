import Foundation
import PostdeskCore
import PostdeskStore
import Testing

/// ARCHITECTURE §2 step 2: raw bytes first, keyed by (mailbox, uidvalidity, uid) and by SHA-256.
@Suite struct InboundLedgerTests {
    let db: TemporaryStore
    init() throws { db = try TemporaryStore() }

    @Test("the same UID key is a duplicate even with other bytes")
    func duplicateByUIDKey() async throws {
        // Given UID 5 of INBOX under UIDVALIDITY 7 is recorded
        let first = try await db.store.write { tx in try tx.recordInbound(Fixture.inbound(uid: 5, body: "one")) }
        guard case .recorded(let id) = first else {
            Issue.record("expected a new row, got \(first)")
            return
        }

        // When the same UID arrives again with different bytes
        let second = try await db.store.write { tx in try tx.recordInbound(Fixture.inbound(uid: 5, body: "two")) }

        // Then it is a duplicate of the first row
        #expect(second == .duplicate(id))
    }

    @Test("the same bytes are a duplicate under another UID, mailbox or without a UID")
    func duplicateBySHA256() async throws {
        let first = try await db.store.write { tx in try tx.recordInbound(Fixture.inbound(uid: 5, body: "same")) }
        guard case .recorded(let id) = first else {
            Issue.record("expected a new row, got \(first)")
            return
        }
        let results = try await db.store.write { tx in
            [
                try tx.recordInbound(Fixture.inbound(uid: 6, body: "same")),
                try tx.recordInbound(Fixture.inbound(mailbox: "Other", uid: 5, body: "same")),
                try tx.recordInbound(Fixture.inbound(uidValidity: nil, uid: nil, body: "same")),
            ]
        }
        #expect(results == [.duplicate(id), .duplicate(id), .duplicate(id)])
    }

    @Test("a new UIDVALIDITY, another mailbox, or piped mail without a UID are new rows")
    func distinctKeysAreNew() async throws {
        let results = try await db.store.write { tx in
            [
                try tx.recordInbound(Fixture.inbound(uidValidity: 7, uid: 5, body: "a")),
                try tx.recordInbound(Fixture.inbound(uidValidity: 8, uid: 5, body: "b")),
                try tx.recordInbound(Fixture.inbound(mailbox: "Sales", uidValidity: 7, uid: 5, body: "c")),
                try tx.recordInbound(Fixture.inbound(uidValidity: nil, uid: nil, body: "d")),
                try tx.recordInbound(Fixture.inbound(uidValidity: nil, uid: nil, body: "e")),
            ]
        }
        #expect(results.allSatisfy { if case .recorded = $0 { true } else { false } })
        #expect(Set(results.map { "\($0)" }).count == 5)
    }

    @Test("a stored row keeps the exact bytes and starts as received; its state can be set")
    func storedRowRoundTrip() async throws {
        // Given a recorded mail
        let new = Fixture.inbound(uid: 9, body: "Привет")
        let result = try await db.store.write { tx in try tx.recordInbound(new) }
        guard case .recorded(let id) = result else {
            Issue.record("expected a new row, got \(result)")
            return
        }
        let stored = try #require(try await db.store.read { q in try q.inbound(id) })
        #expect(stored.raw == new.raw)
        #expect(stored.sha256 == new.sha256)
        #expect(stored.uid == 9 && stored.uidValidity == 7 && stored.mailbox == "INBOX")
        #expect(stored.receivedAt == Fixture.now)
        #expect(stored.state == .received && stored.reason == nil && stored.ticketID == nil)

        // When it is quarantined
        try await db.store.write { tx in try tx.setInbound(id, state: .quarantined, reason: "unreadable", ticket: nil) }

        // Then it is listed among the quarantined with its reason
        let quarantined = try await db.store.read { q in try q.inbound(state: .quarantined, limit: 10) }
        #expect(quarantined.map(\.id) == [id])
        #expect(quarantined.first?.reason == "unreadable")
        #expect(try await db.store.read { q in try q.inbound(state: .received, limit: 10) }.isEmpty)
    }

    @Test("UIDs above Int32 survive the round trip")
    func largeUIDs() async throws {
        let result = try await db.store.write { tx in
            try tx.recordInbound(Fixture.inbound(uidValidity: .max, uid: .max - 1, body: "big"))
        }
        guard case .recorded(let id) = result else {
            Issue.record("expected a new row, got \(result)")
            return
        }
        let stored = try #require(try await db.store.read { q in try q.inbound(id) })
        #expect(stored.uidValidity == UInt32.max)
        #expect(stored.uid == UInt32.max - 1)
    }

    @Test("the mailbox cursor is created, then moved")
    func mailboxCursor() async throws {
        #expect(try await db.store.read { q in try q.mailboxCursor("INBOX") } == nil)
        try await db.store.write { tx in
            try tx.setMailboxCursor(MailboxCursor(mailbox: "INBOX", uidValidity: 7, lastUID: 10))
        }
        try await db.store.write { tx in
            try tx.setMailboxCursor(MailboxCursor(mailbox: "INBOX", uidValidity: 8, lastUID: 3))
        }
        let cursor = try await db.store.read { q in try q.mailboxCursor("INBOX") }
        #expect(cursor == MailboxCursor(mailbox: "INBOX", uidValidity: 8, lastUID: 3))
        #expect(try await db.store.read { q in try q.mailboxCursor("Other") } == nil)
    }
}
