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

    init(ticket: Ticket, messages: [TicketMessage], strings: UIStrings = .english) {
        number = ticket.number.rawValue
        subject = ticket.subject
        status = ticket.status.rawValue
        statusLabel = strings.label(ticket.status)
        createdAt = Self.format(ticket.createdAt)
        entries = messages.filter { !$0.isInternal }.map { message in
            // A mail from a new participant is marked, but its sender, words and files stay hidden until support adds
            // them: whoever holds this page's link may be the one who planted a Message-ID, and what a stranger wrote
            // must not reach the customer's page as if support had accepted it.
            if message.fromNewParticipant {
                return Entry(
                    author: "Someone not yet on this ticket", fromSupport: false, fromNewParticipant: true,
                    at: Self.format(message.createdAt), text: Self.heldBack, attachments: [])
            }
            return Entry(
                author: Self.author(of: message),
                fromSupport: message.authorKind != .customer,
                fromNewParticipant: false,
                at: Self.format(message.createdAt),
                text: message.reply.isEmpty ? message.text : message.reply,
                attachments: message.attachments.filter { !$0.isInline }.map { $0.filename ?? "attachment" }
            )
        }
    }

    static let heldBack =
        "A mail from an address that is not part of this ticket arrived. Support will check it; "
        + "it is shown here once they add its sender."

    /// Support's messages are signed "Support"; the customer's by their name.
    static func author(of message: TicketMessage) -> String {
        guard message.authorKind == .customer else { return "Support" }
        guard let author = message.author else { return "You" }
        return author.name ?? author.address
    }

    static func format(_ date: Date) -> String {
        // `2026-11-23T10:00:00Z` → `2026-11-23 10:00 UTC`, from a FormatStyle value: no DateFormatter per message.
        let iso = date.formatted(Date.ISO8601FormatStyle())
        return "\(iso.prefix(10)) \(iso.dropFirst(11).prefix(5)) UTC"
    }
}
