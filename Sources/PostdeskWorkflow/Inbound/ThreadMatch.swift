public import PostdeskCore

/// Which ticket an inbound mail belongs to, and why.
public enum ThreadMatch: Sendable, Equatable {
    case existing(TicketID, reason: String)
    /// The mail belongs to the ticket by its Message-IDs alone, and its sender is not a confirmed participant: it is
    /// stored on the ticket, marked, and the sender receives nothing until someone adds them.
    case newParticipant(TicketID, reason: String)
    case newTicket(reason: String)

    /// Matches strongest first: signed token, our or stored Message-IDs, then `[#N]` only for participants.
    ///
    /// A subject tag alone is never enough for a stranger: anyone can type `[#12]`, so a stranger's mail opens a new
    /// ticket instead of reading its way into someone else's conversation. Message-IDs are not secret either (they
    /// travel in every copy and CC of a mail), so a match by them alone proves nothing about the sender: unless the
    /// sender is a confirmed participant, the match is `newParticipant`. A verified token is signed for the address
    /// it was sent to, and only confirmed participants are sent mail, so it needs no such check.
    public static func find(_ mail: InboundMessage, in store: any TicketQueries) throws -> ThreadMatch {
        if let number = mail.hints.verifiedToken, let ticket = try store.ticket(number: number) {
            return .existing(ticket.id, reason: "reply token")
        }
        if let id = try store.ticketID(forMessageIDs: mail.hints.referencedMessageIDs) {
            if try store.isParticipant(mail.from.address, of: id) {
                return .existing(id, reason: "In-Reply-To/References")
            }
            return .newParticipant(id, reason: "In-Reply-To/References from a new participant")
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
