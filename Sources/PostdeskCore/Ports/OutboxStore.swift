import Foundation

/// Reads of the outbox: mail waiting to go, gone, or given up on.
public protocol OutboxQueries {
    /// How many outbound mails are in `state`.
    func outboxCount(state: OutboxState) throws -> Int
    func outbox(ticket: TicketID) throws -> [OutboxItem]
    func outbox(state: OutboxState, limit: Int) throws -> [OutboxItem]
    /// How many automatic mails went (or wait to go) to `address` since `date`: the auto-reply rate limit.
    func automaticMailCount(to address: String, since date: Date) throws -> Int
    /// The outbox row with this Message-ID (ours, no angle brackets): what a bounce refers to.
    func outbox(messageID: String) throws -> OutboxItem?
    /// Why automatic mail to `address` is held back at `date` (it bounced permanently), or nil.
    func suppression(of address: String, at date: Date) throws -> AddressSuppression?
}

/// An address that gets no automatic mail until a date, because mail to it bounced for good.
public struct AddressSuppression: Sendable, Hashable, Codable {
    public var address: String
    public var reason: String
    public var until: Date

    public init(address: String, reason: String, until: Date) {
        self.address = address
        self.reason = reason
        self.until = until
    }
}

/// Writes of the outbox, valid only inside ``TicketStore/write(_:)``.
public protocol OutboxTransaction: OutboxQueries {
    func enqueue(_ item: NewOutboxItem) throws -> OutboxID
    /// Holds automatic mail to `suppression.address` back until its date (replacing an earlier suppression).
    func suppress(_ suppression: AddressSuppression, at date: Date) throws
    /// Claims up to `limit` due rows (`queued`, `dueAt <= now`), oldest due first, marking them `sending`; it stops
    /// adding rows before their size (the rendered bytes, or the view model of a row not rendered yet) would pass
    /// `maxBytes`, but always claims at least one row when any is due.
    func claimOutbox(now: Date, limit: Int, maxBytes: Int) throws -> [OutboxItem]
    /// Stores the first rendering (later ones are ignored) and clears the view model, which may hold a portal token.
    func setOutboxRendered(_ id: OutboxID, raw: [UInt8]) throws
    func markOutboxSent(_ id: OutboxID, at date: Date) throws
    func markOutboxRetry(_ id: OutboxID, error: String, dueAt: Date) throws
    func markOutbox(_ id: OutboxID, state: OutboxState, error: String?) throws
    /// Puts a `sending` row that was claimed but never handed to the relay back to `queued`, taking back the attempt
    /// its claim counted (the outbox stopping mid-batch); a row in any other state is left as it is.
    func releaseOutbox(_ id: OutboxID) throws
    /// Queues a `failed` or `uncertain` row again, due at `date`, with a fresh attempt count; any other row is left
    /// as it is. One conditional write, so a concurrent sender cannot slip between the check and the change.
    func requeueOutbox(_ id: OutboxID, at date: Date) throws -> OutboxRequeue
    /// Rows left `sending` by a process that died: they become `uncertain` and are returned for the ticket log.
    func recoverInterruptedOutbox() throws -> [OutboxItem]
}

extension OutboxTransaction {
    /// Claims up to `limit` due rows, whatever their size.
    public func claimOutbox(now: Date, limit: Int) throws -> [OutboxItem] {
        try claimOutbox(now: now, limit: limit, maxBytes: .max)
    }
}
