import Foundation

/// A raw message about to enter the inbound ledger. Raw bytes are evidence and are stored before anything is parsed.
public struct NewInbound: Sendable {
    public var mailbox: String
    public var uidValidity: UInt32?
    public var uid: UInt32?
    public var sha256: String
    public var raw: [UInt8]
    public var receivedAt: Date

    public init(mailbox: String, uidValidity: UInt32?, uid: UInt32?, sha256: String, raw: [UInt8], receivedAt: Date) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
        self.sha256 = sha256
        self.raw = raw
        self.receivedAt = receivedAt
    }
}

/// What the inbound ledger says about a message.
public enum InboundState: String, Codable, Sendable {
    /// Stored, not yet applied.
    case received
    /// Became a ticket or a message on one.
    case processed
    /// Read and deliberately not turned into a message (auto-reply to an auto-reply, duplicate, bounce…).
    case ignored
    /// Could not be read or applied; kept for `postdesk ingest --reprocess`.
    case quarantined
}

/// A row of the inbound ledger.
public struct StoredInbound: Sendable {
    public var id: InboundID
    public var mailbox: String
    public var uidValidity: UInt32?
    public var uid: UInt32?
    public var sha256: String
    public var raw: [UInt8]
    public var receivedAt: Date
    public var state: InboundState
    public var reason: String?
    public var ticketID: TicketID?

    public init(
        id: InboundID, mailbox: String, uidValidity: UInt32?, uid: UInt32?, sha256: String, raw: [UInt8],
        receivedAt: Date, state: InboundState, reason: String?, ticketID: TicketID?
    ) {
        self.id = id
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
        self.sha256 = sha256
        self.raw = raw
        self.receivedAt = receivedAt
        self.state = state
        self.reason = reason
        self.ticketID = ticketID
    }
}

/// The result of recording a raw message: new, or already known by its UID key or its SHA-256.
public enum InboundRecordResult: Sendable, Equatable {
    case recorded(InboundID)
    case duplicate(InboundID)
}

/// The per-mailbox poll mark: UIDs up to `lastUID` under `uidValidity` are committed.
public struct MailboxCursor: Sendable, Hashable, Codable {
    public var mailbox: String
    public var uidValidity: UInt32
    public var lastUID: UInt32

    public init(mailbox: String, uidValidity: UInt32, lastUID: UInt32) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.lastUID = lastUID
    }
}
