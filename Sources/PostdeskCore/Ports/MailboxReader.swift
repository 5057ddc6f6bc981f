/// The state of a mailbox as the server reports it on SELECT (RFC 9051 §7.3.1).
public struct MailboxStatus: Sendable, Hashable {
    public var uidValidity: UInt32
    public var uidNext: UInt32
    public var exists: Int

    public init(uidValidity: UInt32, uidNext: UInt32, exists: Int) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.exists = exists
    }
}

/// One message as fetched from the server: its UID and its exact bytes.
public struct FetchedMail: Sendable, Hashable {
    public var uid: UInt32
    public var raw: [UInt8]

    public init(uid: UInt32, raw: [UInt8]) {
        self.uid = uid
        self.raw = raw
    }
}

/// What woke an `idle` call.
public enum MailboxWake: Sendable, Hashable {
    /// The server announced new mail (IDLE `* n EXISTS`).
    case changed
    /// The timeout passed with no announcement (or the server has no IDLE and we slept).
    case timedOut
}

/// Reads one IMAP mailbox without changing it: no \Seen flags, no expunges.
///
/// Implementations keep one connection open across calls and reconnect on their own after a transient failure.
/// Every method throws ``MailTransportError``.
public protocol MailboxReader: Sendable {
    /// Selects the mailbox and reports UIDVALIDITY and UIDNEXT.
    func select() async throws -> MailboxStatus
    /// Fetches the messages with a UID greater than `uid`, in ascending UID order, at most `limit` of them.
    /// - Parameters:
    ///   - uid: the highest UID already committed; 0 fetches from the start.
    ///   - limit: the largest batch to return; the caller asks again for the rest.
    func fetch(after uid: UInt32, limit: Int) async throws -> [FetchedMail]
    /// Waits until the server announces a change or `timeout` passes (IMAP IDLE, RFC 2177; a plain sleep when the
    /// server lacks IDLE).
    func idle(timeout: Duration) async throws -> MailboxWake
    /// Closes the connection; a later call opens a new one.
    func close() async
}
