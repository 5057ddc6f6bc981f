import Foundation
public import PostdeskCore

/// Adds people to a ticket on an operator's (or later the customer's) word: the only way an address becomes a
/// recipient of the ticket's mail besides opening the ticket.
public struct ParticipantWorkflow: Sendable {
    public var environment: WorldEnvironment

    public init(environment: WorldEnvironment) {
        self.environment = environment
    }

    /// Confirms `address` on ticket `number`: a pending participant becomes confirmed, a new one is added confirmed.
    /// - Parameters:
    ///   - address: the address as typed; it must be one plain mailbox (`local@domain`), because it may become a mail
    ///     recipient.
    ///   - name: an optional display name.
    ///   - actor: who adds it, recorded on the participant and the event, e.g. `operator:cli`.
    ///   - tx: the open transaction; the caller commits it.
    public func add(
        address: String, name: String?, to number: TicketNumber, by actor: String, in tx: any TicketTransaction
    ) throws -> ParticipantChange {
        let address = try Self.mailbox(address)
        guard let ticket = try tx.ticket(number: number) else {
            throw WorkflowError(code: .notFound, message: "no ticket #\(number)")
        }
        let now = environment.now()
        let name = name?.trimmingCharacters(in: .whitespacesAndNewlines)
        let person = Person(name: name?.isEmpty == false ? name : nil, address: address)
        let change = try tx.addParticipant(person, to: ticket.id, state: .confirmed, addedBy: actor, at: now)
        let detail: String? =
            switch change {
            case .added: "\(address) added by \(actor)"
            case .confirmed: "\(address) confirmed by \(actor)"
            case .unchanged: nil
            }
        if let detail {
            try tx.append(TicketEvent(ticketID: ticket.id, kind: "participant.confirmed", at: now, detail: detail))
        }
        return change
    }

    /// `address` as one plain addr-spec (``EmailAddress``), or an `invalid` error that does not echo it back.
    static func mailbox(_ address: String) throws -> String {
        guard let address = EmailAddress(address.trimmingCharacters(in: .whitespaces)) else {
            throw WorkflowError(code: .invalid, message: "not a plain mail address (local@domain)")
        }
        return address.rawValue
    }
}
