import Foundation
public import PostdeskCore

/// One row of `postdesk inbound list --json`: the inbound ledger, with the reason a mail was ignored or quarantined.
/// The raw bytes stay out (`ingest --reprocess ID` replays them).
public struct InboundJSON: Encodable, Sendable {
    var id: Int64
    var mailbox: String
    var uid_validity: UInt32?
    var uid: UInt32?
    var sha256: String
    var received_at: String
    var state: String
    var reason: String?
    var ticket: Int64?

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

    /// One tab-separated line for a terminal: ID, state, time, mailbox, reason (control characters made visible).
    public var line: String {
        "\(id)\t\(state)\t\(received_at)\t\(TicketText.visible(mailbox))\t\(TicketText.visible(reason ?? ""))"
    }
}
