import Foundation
import PostdeskCore
import PostdeskStore
import Testing

/// v13 accounts: password hashes, sessions, one-time tokens and sign-in attempts as the web uses them.
@Suite struct AccountStoreTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Given a customer account.
    func customer(_ db: TemporaryStore) async throws -> AccountRef {
        try await db.store.write { tx in
            guard
                case .customer(let account) = try tx.addUser(
                    NewUser(role: .customer, address: EmailAddress("ivan@example.ru")!, name: "Ivan"), at: Self.now)
            else { throw StoreError(code: .notFound, message: "no customer") }
            return .customer(account.id)
        }
    }

    @Test("a session is found by its digest until it expires; a new password ends every session")
    func sessions() async throws {
        let db = try TemporaryStore()
        let ivan = try await customer(db)
        try await db.store.write { tx in
            try tx.insert(
                StoredSession(
                    tokenDigest: "d1", account: ivan, csrfSecret: "c1", createdAt: Self.now,
                    expiresAt: Self.now + 3600))
        }
        let (found, expired) = try await db.store.read { q in
            (try q.session(tokenDigest: "d1", at: Self.now + 60), try q.session(tokenDigest: "d1", at: Self.now + 3600))
        }
        #expect(found?.account == ivan && found?.csrfSecret == "c1")
        #expect(expired == nil)

        // When the password changes
        try await db.store.write { tx in try tx.setPasswordHash("$2b$04$x", of: ivan, at: Self.now) }
        let (after, hash) = try await db.store.read { q in
            (try q.session(tokenDigest: "d1", at: Self.now + 60), try q.passwordHash(of: ivan))
        }
        #expect(after == nil && hash == "$2b$04$x")
    }

    @Test("a one-time token works once, for its purpose only, until it expires")
    func oneTimeTokens() async throws {
        let db = try TemporaryStore()
        let ivan = try await customer(db)
        let uses = try await db.store.write { tx in
            try tx.insertOneTimeToken(
                digest: "t1", purpose: .loginLink, account: ivan, expiresAt: Self.now + 600, at: Self.now)
            try tx.insertOneTimeToken(
                digest: "t2", purpose: .setPassword, account: ivan, expiresAt: Self.now + 600, at: Self.now)
            return [
                try tx.useOneTimeToken(digest: "t1", purpose: .setPassword, at: Self.now),  // wrong purpose
                try tx.useOneTimeToken(digest: "t1", purpose: .loginLink, at: Self.now),
                try tx.useOneTimeToken(digest: "t1", purpose: .loginLink, at: Self.now),  // used
                try tx.useOneTimeToken(digest: "t2", purpose: .setPassword, at: Self.now + 600),  // expired
            ]
        }
        #expect(uses == [nil, ivan, nil, nil])
    }

    @Test("failed sign-ins are counted per key inside the window; successes and old rows are not")
    func attempts() async throws {
        let db = try TemporaryStore()
        try await db.store.write { tx in
            try tx.recordSignIn(
                keys: ["address:a", "ip:1"], succeeded: false, at: Self.now - 1000, forgetBefore: .distantPast)
            try tx.recordSignIn(
                keys: ["address:a", "ip:1"], succeeded: false, at: Self.now, forgetBefore: .distantPast)
            try tx.recordSignIn(keys: ["address:a"], succeeded: true, at: Self.now, forgetBefore: .distantPast)
        }
        let counts = try await db.store.read { q in
            [
                try q.failedSignIns(key: "address:a", since: Self.now - 900),
                try q.failedSignIns(key: "ip:1", since: Self.now - 2000),
                try q.failedSignIns(key: "ip:2", since: .distantPast),
            ]
        }
        #expect(counts == [1, 2, 0])
    }
}
