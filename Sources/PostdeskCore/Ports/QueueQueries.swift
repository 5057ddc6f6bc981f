import Foundation

/// Ticket lists for the portal and console: the operator queue with full-text search, and a customer's tickets.
/// Every list is keyset-paginated and read in one query per page.
public protocol QueueQueries {
    /// One page of the operator queue.
    /// - Parameter queue: view, statuses, order, search text, page size and where to start.
    func queue(_ queue: TicketQueue) throws -> QueuePage
    /// A customer's own tickets, last changed first.
    /// - Parameters:
    ///   - customer: whose tickets.
    ///   - pageSize: rows per page, clamped to 1…``TicketQueue/maximumPageSize``.
    ///   - after: the ``QueuePage/next`` of the page before, or nil for the first page.
    func customerTickets(of customer: CustomerID, pageSize: Int, after: QueueCursor?) throws -> QueuePage
    /// The customer's other tickets, last changed first, for the console's side panel.
    /// - Parameters:
    ///   - ticket: the ticket on screen, left out of the list.
    ///   - limit: at most this many, clamped to 1…``TicketQueue/maximumPageSize``.
    func otherTickets(ofCustomerOf ticket: TicketID, limit: Int) throws -> [QueueRow]
}
