import Foundation
import PostdeskCore

/// The signed-in customer's list of their own tickets (`GET /tickets`).
struct CustomerTicketsView: Encodable {
    struct Row: Encodable {
        var number: Int64
        var subject: String
        var status: String
        var statusLabel: String
        var assignee: String
        var updatedAt: String
        /// The earliest SLA due time still ahead of support (first or next response, resolution); empty when none.
        var due: String
    }

    var tickets: [Row]
    /// Stored, not computed: a page reads what the view encodes, its stored properties.
    var hasTickets: Bool
    /// The customer pages' own strings (the new-ticket button, the hint).
    var tc: CustomerStrings = .english
    /// The first-steps hint, until "don't show again".
    var showHint = false

    init(tickets: [(Ticket, TicketSLA?)], strings: UIStrings) {
        self.tickets = tickets.map { ticket, sla in
            let open = [TicketStatus.new, .open, .pending].contains(ticket.status)
            let due =
                open
                ? [sla?.firstResponseDue ?? sla?.nextResponseDue, sla?.resolutionDue].compactMap { $0 }.min() : nil
            return Row(
                number: ticket.number.rawValue, subject: ticket.subject, status: ticket.status.rawValue,
                statusLabel: strings.label(ticket.status),
                assignee: ticket.assignee.map { $0.name ?? $0.address } ?? strings.nobody,
                updatedAt: TicketPageView.format(ticket.updatedAt), due: due.map(TicketPageView.format) ?? "")
        }
        hasTickets = !tickets.isEmpty
    }
}
