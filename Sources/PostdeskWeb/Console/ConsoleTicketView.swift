import Foundation
import PostdeskCore

/// What an operator's page for one ticket shows: the ticket's state, its whole conversation with internal notes
/// marked, its events and its time entries.
struct ConsoleTicketView {
    struct Entry {
        var author: String
        var kind: String
        var kindLabel: String
        var at: String
        /// What the author wrote now (quoted history and signature trimmed).
        var text: String
        /// The whole mail text, when it holds more than ``text``.
        var fullText: String?
        var attachments: [String]
    }

    struct Event {
        var at: String
        var kind: String
        var detail: String
    }

    struct Time {
        var date: String
        var operatorName: String
        var minutes: Int
        var workType: String
    }

    var number: Int64
    var subject: String
    var status: String
    var statusLabel: String
    var priority: String
    var team: String
    var assignee: String
    var mailbox: String
    var customer: String
    var tags: String
    var createdAt: String
    var updatedAt: String
    var viewer: String
    var linkExpires: String
    /// Internal notes newer than the link, not shown.
    var laterNotes: Int
    /// Stored, not computed: the page context reads properties by reflection.
    var hasLaterNotes: Bool
    var entries: [Entry]
    var events: [Event]
    var times: [Time]
    var totalMinutes: Int

    init(
        ticket: Ticket, messages: [TicketMessage], events: [TicketEvent], timeEntries: [TimeEntry],
        operators: [OperatorID: OperatorAccount], viewer: OperatorAccount, signedAt: Date, linkExpires: Date
    ) {
        number = ticket.number.rawValue
        subject = ticket.subject
        status = ticket.status.rawValue
        statusLabel = ticket.status.rawValue
        priority = ticket.priority.rawValue
        team = ticket.team ?? "no team"
        assignee = ticket.assignee.map(Self.name) ?? "nobody"
        mailbox = ticket.mailbox ?? "default"
        customer = Self.name(ticket.customer)
        tags = ticket.tags.isEmpty ? "none" : ticket.tags.joined(separator: ", ")
        createdAt = TicketPageView.format(ticket.createdAt)
        updatedAt = TicketPageView.format(ticket.updatedAt)
        self.viewer = viewer.displayName
        self.linkExpires = TicketPageView.format(linkExpires)
        let shown = messages.filter { !$0.isInternal || $0.createdAt <= signedAt }
        laterNotes = messages.count - shown.count
        hasLaterNotes = laterNotes > 0
        entries = shown.map { message in
            let text = message.reply.isEmpty ? message.text : message.reply
            return Entry(
                author: message.author.map(Self.name) ?? (message.authorKind == .system ? "Postdesk" : "unknown"),
                kind: Self.kind(message), kindLabel: Self.kindLabel(message),
                at: TicketPageView.format(message.createdAt), text: text,
                fullText: message.text == text || message.text.isEmpty ? nil : message.text,
                attachments: message.attachments.map { $0.filename ?? "attachment" })
        }
        self.events = events.map {
            Event(at: TicketPageView.format($0.at), kind: $0.kind, detail: $0.detail)
        }
        times = timeEntries.map {
            Time(
                date: $0.date,
                operatorName: operators[$0.operatorID]?.displayName ?? "operator #\($0.operatorID.rawValue)",
                minutes: $0.minutes, workType: $0.workType ?? "")
        }
        totalMinutes = timeEntries.reduce(0) { $0 + $1.minutes }
    }

    /// `Ivan Petrov <ivan@example.test>`: operators see who wrote, by name and address.
    static func name(_ person: Person) -> String {
        guard let name = person.name, !name.isEmpty else { return person.address }
        return "\(name) <\(person.address)>"
    }

    static func kind(_ message: TicketMessage) -> String {
        if message.isInternal { return "internal" }
        if message.fromNewParticipant { return "new-participant" }
        return message.authorKind == .customer ? "customer" : "support"
    }

    static func kindLabel(_ message: TicketMessage) -> String {
        if message.isInternal { return "Internal note" }
        if message.fromNewParticipant { return "From a new participant (not relayed to the customer)" }
        switch message.authorKind {
        case .customer: return "Customer"
        case .operator: return "Operator"
        case .system: return "Automatic"
        }
    }
}
