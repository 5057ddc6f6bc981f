import Foundation

/// Whose account: a customer's, or an operator's or admin's (the role is on ``OperatorAccount``).
public enum AccountRef: Hashable, Sendable {
    case customer(CustomerID)
    case `operator`(OperatorID)
}

/// A signed-in browser. The cookie holds a random token; the store keeps only its SHA-256 (hex), so a copy of the
/// database signs nobody in.
public struct StoredSession: Hashable, Sendable {
    public var tokenDigest: String
    public var account: AccountRef
    /// The value every state-changing form of this session must echo (`csrf` field or `X-CSRF-Token` header).
    public var csrfSecret: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(tokenDigest: String, account: AccountRef, csrfSecret: String, createdAt: Date, expiresAt: Date) {
        self.tokenDigest = tokenDigest
        self.account = account
        self.csrfSecret = csrfSecret
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// What a one-time token is for. Raw values are the SQL spelling.
public enum OneTimePurpose: String, Sendable, CaseIterable {
    /// Opens the set-password page (sign-up, invitation).
    case setPassword = "set_password"
    /// Signs in once (the "mail me a link" sign-in).
    case loginLink = "login_link"
}

/// Reads about web accounts: password hashes, sessions, one-time tokens, sign-in attempts.
public protocol AccountQueries {
    /// The bcrypt hash of the account's password; nil when it has none (yet).
    func passwordHash(of account: AccountRef) throws -> String?
    /// The session with this token digest when it has not expired at `date`.
    func session(tokenDigest: String, at date: Date) throws -> StoredSession?
    /// Failed sign-in attempts recorded under `key` (`address:…`, `ip:…`) at or after `since`.
    func failedSignIns(key: String, since: Date) throws -> Int
    /// The first-steps hints this account chose "don't show again" for (their names, e.g. `console`).
    func dismissedHints(of account: AccountRef) throws -> Set<String>
    /// The customer account (enabled or not) with this address, case-insensitive.
    func customerAccount(address: String) throws -> CustomerAccount?
    /// The customer account (enabled or not) with this id; nil for a customer without an account.
    func customerAccount(id: CustomerID) throws -> CustomerAccount?
    /// The customer's tickets, most recently updated first.
    func tickets(ofCustomer customer: CustomerID, limit: Int) throws -> [Ticket]
    /// The token's account without using it up (the confirm page of a link shows it, the POST uses it).
    func peekOneTimeToken(digest: String, purpose: OneTimePurpose, at date: Date) throws -> AccountRef?
}

/// Writes about web accounts, valid only inside ``TicketStore/write(_:)``.
public protocol AccountTransaction: AccountQueries {
    /// Replaces the account's password hash (nil removes it) and ends every session of the account.
    func setPasswordHash(_ hash: String?, of account: AccountRef, at date: Date) throws
    func insert(_ session: StoredSession) throws
    func deleteSession(tokenDigest: String) throws
    /// Stores a one-time token by its SHA-256 digest (hex).
    func insertOneTimeToken(
        digest: String, purpose: OneTimePurpose, account: AccountRef, expiresAt: Date, at date: Date) throws
    /// The token's account, when the digest names an unused, unexpired token of this purpose; marks it used, so a
    /// second call returns nil.
    func useOneTimeToken(digest: String, purpose: OneTimePurpose, at date: Date) throws -> AccountRef?
    /// Records one sign-in attempt under each key; old rows (older than `forgetBefore`) are deleted on the way.
    /// - Returns: the recorded attempts' ids, for ``markSignInsSucceeded(_:)``.
    @discardableResult
    func recordSignIn(keys: [String], succeeded: Bool, at date: Date, forgetBefore: Date) throws -> [Int64]
    /// Turns attempts recorded as failed (a sign-in counted before its password was checked) into successes.
    func markSignInsSucceeded(_ attempts: [Int64]) throws
    /// Remembers that the account dismissed the first-steps hint `hint` for good; dismissing it again changes nothing.
    func dismissHint(_ hint: String, of account: AccountRef, at date: Date) throws
}
