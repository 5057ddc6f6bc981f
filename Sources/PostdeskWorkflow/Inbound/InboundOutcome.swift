public import PostdeskCore

/// What became of one inbound mail (RT's mailgate outcomes, from the workflow's side).
public enum InboundOutcome: Sendable, Equatable {
    case created(TicketNumber)
    case followUp(TicketNumber)
    /// Stored as evidence, deliberately not a message: a duplicate, a loop, a bounce of our own mail.
    case ignored(reason: String, ticket: TicketNumber?)
    /// Claims to be an operator (or a token's holder) without the proof: kept in the ledger, quarantined with the
    /// reason, never relayed, and the ticket is left as it was.
    case quarantined(reason: String)

    public var ticket: TicketNumber? {
        switch self {
        case .created(let n), .followUp(let n): n
        case .ignored(_, let n): n
        case .quarantined: nil
        }
    }
}
