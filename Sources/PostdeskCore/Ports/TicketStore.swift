import Foundation

/// The database. Every change happens inside one `write` transaction; nothing is sent while it is open.
///
/// The closures run on the store's own writer; `write` serialises writers and `read` sees a consistent snapshot,
/// so CLI reads are safe while `serve` runs.
public protocol TicketStore: Sendable {
    /// Runs `work` in one transaction, committed when it returns and rolled back when it throws.
    func write<T: Sendable>(_ work: @escaping @Sendable (any TicketTransaction) throws -> T) async throws -> T
    /// Runs `work` on a read-only snapshot.
    func read<T: Sendable>(_ work: @escaping @Sendable (any TicketQueries) throws -> T) async throws -> T
}

/// Reads, valid inside a transaction or a snapshot.
public protocol TicketQueries: PeopleQueries {
    func ticket(number: TicketNumber) throws -> Ticket?
    func ticket(id: TicketID) throws -> Ticket?
    /// The ticket a portal link opens. Links are stored only as SHA-256 digests, so the store hashes `portalToken`
    /// and a stolen database opens no customer's page.
    func ticket(portalToken: String) throws -> Ticket?
    /// Tickets newest first.
    func tickets(limit: Int) throws -> [Ticket]
    func messages(of ticket: TicketID, includeInternal: Bool) throws -> [TicketMessage]
    func events(of ticket: TicketID) throws -> [TicketEvent]
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
    func inbound(_ id: InboundID) throws -> StoredInbound?
    /// The ledger state of one inbound mail, without reading its bytes.
    func inboundState(_ id: InboundID) throws -> InboundState?
    func inbound(state: InboundState, limit: Int) throws -> [StoredInbound]
    func mailboxCursor(_ mailbox: String) throws -> MailboxCursor?
    /// How many inbound mails are in `state` (cheap: no bodies are read).
    func inboundCount(state: InboundState) throws -> Int
    /// How many outbound mails are in `state`.
    func outboxCount(state: OutboxState) throws -> Int
    func outbox(ticket: TicketID) throws -> [OutboxItem]
    func outbox(state: OutboxState, limit: Int) throws -> [OutboxItem]
    /// How many automatic mails went (or wait to go) to `address` since `date`: the auto-reply rate limit.
    func automaticMailCount(to address: String, since date: Date) throws -> Int
}

/// Writes, valid only inside ``TicketStore/write(_:)``.
public protocol TicketTransaction: TicketQueries, PeopleTransaction {
    /// Runs `work` in a savepoint: when it throws, only its own changes are rolled back, and the error is rethrown.
    /// One bad mail in a batch must not undo, or block, the others.
    func savepoint<T>(_ work: () throws -> T) throws -> T
    /// Records raw bytes; a second copy (same mailbox/UIDVALIDITY/UID, or same SHA-256) is a duplicate.
    func recordInbound(_ inbound: NewInbound) throws -> InboundRecordResult
    func setInbound(_ id: InboundID, state: InboundState, reason: String?, ticket: TicketID?) throws
    /// Counts one more attempt at reading and applying a stored message; returns the new count. Committed before the
    /// attempt, so a message that crashes the process is recognised on restart and quarantined instead of retried
    /// forever.
    func countInboundAttempt(_ id: InboundID) throws -> Int
    func setMailboxCursor(_ cursor: MailboxCursor) throws
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
    func enqueue(_ item: NewOutboxItem) throws -> OutboxID
    /// Claims up to `limit` due rows (`queued`, `dueAt <= now`), marking them `sending`.
    func claimOutbox(now: Date, limit: Int) throws -> [OutboxItem]
    /// Stores the first rendering (later ones are ignored) and clears the view model, which may hold a portal token.
    func setOutboxRendered(_ id: OutboxID, raw: [UInt8]) throws
    func markOutboxSent(_ id: OutboxID, at date: Date) throws
    func markOutboxRetry(_ id: OutboxID, error: String, dueAt: Date) throws
    func markOutbox(_ id: OutboxID, state: OutboxState, error: String?) throws
    /// Queues a `failed` or `uncertain` row again, due at `date`, with a fresh attempt count; any other row is left
    /// as it is. One conditional write, so a concurrent sender cannot slip between the check and the change.
    func requeueOutbox(_ id: OutboxID, at date: Date) throws -> OutboxRequeue
    /// Rows left `sending` by a process that died: they become `uncertain` and are returned for the ticket log.
    func recoverInterruptedOutbox() throws -> [OutboxItem]
}

extension TicketTransaction {
    /// Creates a ticket with no team and no mailbox name.
    public func createTicket(
        subject: String, customer: CustomerID, priority: TicketPriority, portalToken: String, at date: Date
    ) throws -> Ticket {
        try createTicket(
            NewTicket(
                subject: subject, customer: customer, priority: priority, portalToken: portalToken, createdAt: date))
    }
}
