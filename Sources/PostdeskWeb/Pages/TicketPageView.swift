import Foundation
import PostdeskCore

/// What the customer's ticket page shows: the ticket and its public conversation. Internal notes never reach it.
struct TicketPageView {
    struct Entry {
        var author: String
        var fromSupport: Bool
        /// Came from an address that is not a confirmed participant; the page says so.
        var fromNewParticipant: Bool
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
                author: Self.author(of: message),
                fromSupport: message.authorKind != .customer,
                fromNewParticipant: message.fromNewParticipant,
                at: Self.format(message.createdAt),
                text: message.reply.isEmpty ? message.text : message.reply,
                attachments: message.attachments.filter { !$0.isInline }.map { $0.filename ?? "attachment" }
            )
        }
    }

    /// Support's messages are signed "Support". A new participant is shown by name and address, so the customer can
    /// tell whether they know them.
    static func author(of message: TicketMessage) -> String {
        guard message.authorKind == .customer else { return "Support" }
        guard let author = message.author else { return "You" }
        if message.fromNewParticipant, let name = author.name, !name.isEmpty {
            return "\(name) <\(author.address)>"
        }
        return author.name ?? author.address
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
