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
    /// Runs `work`, a burst of writes (a mailbox's backlog), letting the store put its housekeeping off until the
    /// burst ends. Changes nothing about what each `write` commits.
    func batch<T>(_ work: () async throws -> T) async throws -> T
}

extension TicketStore {
    public func batch<T>(_ work: () async throws -> T) async throws -> T {
        try await work()
    }
}

/// Reads, valid inside a transaction or a snapshot: every area's (``TicketReads``, ``PeopleQueries``,
/// ``LedgerQueries``, ``OutboxQueries``, ``RuleQueries``, ``SLAQueries``, ``RuleTimerQueries``, ``QueueQueries``).
public protocol TicketQueries:
    TicketReads, PeopleQueries, LedgerQueries, OutboxQueries, RuleQueries, SLAQueries, RuleTimerQueries,
    AccountQueries, WebFormQueries, QueueQueries
{}

/// Writes, valid only inside ``TicketStore/write(_:)``: every area's, and savepoints across them.
public protocol TicketTransaction:
    TicketQueries, TicketWrites, PeopleTransaction, LedgerTransaction, OutboxTransaction, RuleTransaction,
    SLATransaction, RuleTimerTransaction, AccountTransaction, WebFormTransaction
{
    /// Runs `work` in a savepoint: when it throws, only its own changes are rolled back, and the error is rethrown.
    /// One bad mail in a batch must not undo, or block, the others.
    func savepoint<T>(_ work: () throws -> T) throws -> T
}

extension TicketWrites {
    /// Creates a ticket with no team and no mailbox name.
    public func createTicket(
        subject: String, customer: CustomerID, priority: TicketPriority, portalToken: String, at date: Date
    ) throws -> Ticket {
        try createTicket(
            NewTicket(
                subject: subject, customer: customer, priority: priority, portalToken: portalToken, createdAt: date))
    }
}
