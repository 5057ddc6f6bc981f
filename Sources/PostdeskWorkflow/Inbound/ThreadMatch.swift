public import PostdeskCore

/// Which ticket an inbound mail belongs to, and why.
public enum ThreadMatch: Sendable, Equatable {
    case existing(TicketID, reason: String)
    case newTicket(reason: String)

    /// Matches strongest first: signed token, our or stored Message-IDs, then `[#N]` only for participants.
    ///
    /// A subject tag alone is never enough for a stranger: anyone can type `[#12]`, so a stranger's mail opens a new
    /// ticket instead of reading its way into someone else's conversation.
    public static func find(_ mail: InboundMessage, in store: any TicketQueries) throws -> ThreadMatch {
        if let number = mail.hints.verifiedToken, let ticket = try store.ticket(number: number) {
            return .existing(ticket.id, reason: "reply token")
        }
        if let id = try store.ticketID(forMessageIDs: mail.hints.referencedMessageIDs) {
            return .existing(id, reason: "In-Reply-To/References")
        }
        if let number = mail.hints.subjectTag, let ticket = try store.ticket(number: number) {
            if try store.isParticipant(mail.from.address, of: ticket.id) {
                return .existing(ticket.id, reason: "subject tag [#\(number)] from a participant")
            }
            return .newTicket(reason: "subject tag [#\(number)] from a non-participant")
        }
        if mail.hints.forgedToken { return .newTicket(reason: "reply token with a bad signature") }
        return .newTicket(reason: "no thread reference")
    }
}
