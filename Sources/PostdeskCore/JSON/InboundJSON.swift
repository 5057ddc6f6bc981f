import Foundation

/// One row of `postdesk inbound list --json`: the inbound ledger, with the reason a mail was ignored or quarantined.
/// The raw bytes stay out (`ingest --reprocess ID` replays them).
public struct InboundJSON: Encodable, Sendable {
    public var id: Int64
    public var mailbox: String
    public var uid_validity: UInt32?
    public var uid: UInt32?
    public var sha256: String
    public var received_at: String
    public var state: String
    public var reason: String?
    public var ticket: Int64?

    public init(_ inbound: StoredInbound) {
        id = inbound.id.rawValue
        mailbox = inbound.mailbox
        uid_validity = inbound.uidValidity
        uid = inbound.uid
        sha256 = inbound.sha256
        received_at = TicketJSON.timestamp(inbound.receivedAt)
        state = inbound.state.rawValue
        reason = inbound.reason
        ticket = inbound.ticketID?.rawValue
    }

    enum CodingKeys: String, CodingKey {
        case id, mailbox, uid_validity, uid, sha256, received_at, state, reason, ticket
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(mailbox, forKey: .mailbox)
        try c.encode(uid_validity, forKey: .uid_validity)
        try c.encode(uid, forKey: .uid)
        try c.encode(sha256, forKey: .sha256)
        try c.encode(received_at, forKey: .received_at)
        try c.encode(state, forKey: .state)
        try c.encode(reason, forKey: .reason)
        try c.encode(ticket, forKey: .ticket)
    }
}
