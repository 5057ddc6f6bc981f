import Foundation

/// Reads about tickets: the tickets themselves, their conversation, events and participants.
public protocol TicketReads {
    func ticket(number: TicketNumber) throws -> Ticket?
    func ticket(id: TicketID) throws -> Ticket?
    /// The ticket a portal link opens. Links are stored only as SHA-256 digests, so the store hashes `portalToken`
    /// and a stolen database opens no customer's page.
    func ticket(portalToken: String) throws -> Ticket?
    /// Tickets newest first.
    func tickets(limit: Int) throws -> [Ticket]
    func messages(of ticket: TicketID, includeInternal: Bool) throws -> [TicketMessage]
    func events(of ticket: TicketID) throws -> [TicketEvent]
    /// The newest event's row id across all tickets, 0 when there is none: where a live feed starts tailing.
    func lastEventID() throws -> Int64
    /// Every ticket's events with a row id above `id`, oldest first, at most `limit`: what the live feed tails.
    func events(after id: Int64, limit: Int) throws -> [LoggedTicketEvent]
    /// The tickets of the customer with this address (ASCII case ignored), most recently updated first, at most
    /// `limit`; whether or not the customer has a portal account.
    func tickets(ofCustomerAddress address: String, limit: Int) throws -> [Ticket]
    /// The ticket that one of these Message-IDs (ours or a customer's, no angle brackets) belongs to.
    func ticketID(forMessageIDs ids: [String]) throws -> TicketID?
    /// Whether `address` is a confirmed participant of this ticket (case-insensitive). Pending addresses are not.
    func isParticipant(_ address: String, of ticket: TicketID) throws -> Bool
    /// Everyone who takes part in the ticket, confirmed or pending, in the order they were added.
    func participants(of ticket: TicketID) throws -> [Participant]
    /// Who may receive mail from this ticket: its confirmed participants only, in the order they were added.
    /// Every mail the ticket sends (acknowledgements, relays, notifications to the customer side) goes to these.
    func recipients(of ticket: TicketID) throws -> [Person]
    /// Whether an inbound mail with this Message-ID is already stored as a message.
    func hasInboundMessage(messageID: String, from address: String) throws -> Bool
}

/// Writes about tickets, valid only inside ``TicketStore/write(_:)``.
public protocol TicketWrites: TicketReads {
    /// Finds the customer with this address (case-insensitive) or creates one; fills in a missing name.
    func upsertCustomer(_ person: Person, at date: Date) throws -> CustomerID
    /// Creates a ticket; its number is assigned by the store. The customer becomes its first confirmed participant,
    /// and `portalToken` their link to its page (stored hashed: pass the token, never keep it elsewhere).
    func createTicket(_ ticket: NewTicket) throws -> Ticket
    /// Saves the mutable fields of `ticket` (status, priority, team, tags, subject, assigneeID, updatedAt).
    func update(_ ticket: Ticket) throws
    func append(_ message: TicketMessage) throws -> MessageRowID
    /// Adds `person` to the ticket in `state`, or confirms a pending participant. A confirmed participant never
    /// becomes pending again through this call.
    /// - Parameters:
    ///   - addedBy: who did it, for the participant list (`mail`, `operator:<who>`, …).
    func addParticipant(
        _ person: Person, to ticket: TicketID, state: ParticipantState, addedBy: String, at date: Date
    ) throws -> ParticipantChange
    func append(_ event: TicketEvent) throws
    /// Gives `recipient` another link to the ticket's page (stored hashed, like the first): a later mail to the
    /// customer carries a link that was never in any earlier mail.
    func addPortalLink(_ token: String, to ticket: TicketID, for recipient: String, at date: Date) throws
}
