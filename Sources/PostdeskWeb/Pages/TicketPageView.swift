import Foundation
import PostdeskCore

/// What the customer's ticket page shows: the ticket and its public conversation. Internal notes never reach it.
struct TicketPageView {
    struct Entry {
        var author: String
        var fromSupport: Bool
        var at: String
        var text: String
        var attachments: [String]
    }

    var number: Int64
    var subject: String
    var status: String
    var statusLabel: String
    var createdAt: String
    var entries: [Entry]

    init(ticket: Ticket, messages: [TicketMessage]) {
        number = ticket.number.rawValue
        subject = ticket.subject
        status = ticket.status.rawValue
        statusLabel = Self.label(ticket.status)
        createdAt = Self.format(ticket.createdAt)
        entries = messages.filter { !$0.isInternal }.map { message in
            Entry(
                author: message.authorKind == .customer
                    ? (message.author?.name ?? message.author?.address ?? "You") : "Support",
                fromSupport: message.authorKind != .customer,
                at: Self.format(message.createdAt),
                text: message.reply.isEmpty ? message.text : message.reply,
                attachments: message.attachments.filter { !$0.isInline }.map { $0.filename ?? "attachment" }
            )
        }
    }

    static func label(_ status: TicketStatus) -> String {
        switch status {
        case .new: "Received"
        case .open: "In progress"
        case .pending: "Waiting for your reply"
        case .solved: "Solved"
        case .closed: "Closed"
        }
    }

    static func format(_ date: Date) -> String {
        // `2026-11-23T10:00:00Z` → `2026-11-23 10:00 UTC`, from a FormatStyle value: no DateFormatter per message.
        let iso = date.formatted(Date.ISO8601FormatStyle())
        return "\(iso.prefix(10)) \(iso.dropFirst(11).prefix(5)) UTC"
    }
}
