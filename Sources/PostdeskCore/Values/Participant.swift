import Foundation

/// Someone who takes part in a ticket's conversation. Only confirmed participants ever receive mail from the ticket.
///
/// The customer is confirmed when the ticket is created. An address whose mail found the ticket only through
/// Message-IDs (anyone who knows one can write such a mail) is `pending` until an operator or the customer adds it.
public struct Participant: Hashable, Codable, Sendable {
    public var person: Person
    public var state: ParticipantState
    /// Who added or confirmed the address: `ticket.created`, `mail`, `operator:<who>`, `migration`.
    public var addedBy: String
    public var createdAt: Date

    public init(person: Person, state: ParticipantState, addedBy: String, createdAt: Date) {
        self.person = person
        self.state = state
        self.addedBy = addedBy
        self.createdAt = createdAt
    }
}

/// Whether a participant may receive the ticket's mail.
public enum ParticipantState: String, Codable, Sendable {
    /// Receives the ticket's mail; a `[#N]` subject tag from this address threads into the ticket.
    case confirmed
    /// Wrote on the ticket but was never added: receives nothing.
    case pending
}

/// What adding a participant changed.
public enum ParticipantChange: Sendable, Equatable {
    /// The address was new to the ticket.
    case added
    /// A pending address became confirmed.
    case confirmed
    /// Nothing: the address already had that state, or was confirmed already (confirmation is never withdrawn here).
    case unchanged
}
