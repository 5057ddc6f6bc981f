import Foundation
import PostdeskCore

/// What the customer's ticket page shows: the ticket, its public conversation as a chat with status and assignee
/// changes between the messages, attachments as download links, the SLA due time, and the reply form. Internal
/// notes never reach it. The same page serves the signed-in customer (`/tickets/N`) and a mailed link (`/t/<token>`);
/// ``base`` is the prefix every link on it starts with.
struct TicketPageView: Encodable {
    struct File: Encodable {
        var name: String
        var url: String
        var size: String
    }

    /// One line of the chat: a message, or (``isEvent``) a status or assignee change.
    struct Entry: Encodable {
        var isEvent: Bool
        var author: String
        var fromSupport: Bool
        /// Came from an address that is not a confirmed participant; the page says so.
        var fromNewParticipant: Bool
        var at: String
        var text: String
        var attachments: [File]
        /// The sandboxed HTML view's source, when the mail had an HTML body.
        var htmlURL: String?
        /// The same view with remote images allowed, when the reader has not asked for them yet.
        var showImagesURL: String?
        var id: String
    }

    var number: Int64
    var subject: String
    var status: String
    var statusLabel: String
    var createdAt: String
    var assignee: String
    /// The earliest SLA due time still ahead of support; empty when none.
    var due: String
    var entries: [Entry]
    /// Where links of this page start: `/tickets/12` or `/t/<token>`.
    var base: String
    /// The reply form is shown (the portal has its workflow wired).
    var canReply: Bool
    /// Opened by the mailed link, not signed in.
    var byLink: Bool
    /// After a reply: the confirmation.
    var sent: Bool
    /// A refused reply: why, and what was typed, to send again.
    var error: String?
    var typed: String
    /// After a new ticket: the confirmation.
    var opened = false
    /// This page's own strings.
    var tc: CustomerStrings

    /// - Parameters:
    ///   - showImagesOf: the message whose remote images the reader asked to see.
    init(
        ticket: Ticket, messages: [TicketMessage], events: [TicketEvent] = [], sla: TicketSLA? = nil,
        operatorNames: [String: String] = [:], base: String = "", strings: UIStrings = .english,
        customerStrings tc: CustomerStrings = .english, showImagesOf: Int64? = nil
    ) {
        number = ticket.number.rawValue
        subject = ticket.subject
        status = ticket.status.rawValue
        statusLabel = strings.label(ticket.status)
        createdAt = Self.format(ticket.createdAt)
        // An operator without a name is "Support": their address stays inside the helpdesk.
        assignee = ticket.assignee.map { $0.name ?? tc.support } ?? tc.unassigned
        due = Self.due(ticket, sla).map(Self.format) ?? ""
        self.base = base
        self.tc = tc
        canReply = false
        byLink = false
        sent = false
        typed = ""
        var timeline: [(Date, Int, Entry)] = []
        for (index, message) in messages.enumerated() where !message.isInternal {
            timeline.append(
                (message.createdAt, index, Self.entry(message, base: base, tc: tc, showImagesOf: showImagesOf)))
        }
        for (index, event) in events.enumerated() {
            guard let text = Self.eventText(event, strings: strings, tc: tc, operatorNames: operatorNames) else {
                continue
            }
            let entry = Entry(
                isEvent: true, author: "", fromSupport: false, fromNewParticipant: false, at: Self.format(event.at),
                text: text, attachments: [], htmlURL: nil, showImagesURL: nil, id: "")
            timeline.append((event.at, messages.count + index, entry))
        }
        entries = timeline.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    static func entry(_ message: TicketMessage, base: String, tc: CustomerStrings, showImagesOf: Int64?) -> Entry {
        let at = format(message.createdAt)
        let id = message.id.map { String($0.rawValue) } ?? ""
        // A mail from a new participant is marked, but its sender, words and files stay hidden until support adds
        // them: whoever holds this page's link may be the one who planted a Message-ID, and what a stranger wrote
        // must not reach the customer's page as if support had accepted it.
        if message.fromNewParticipant {
            return Entry(
                isEvent: false, author: tc.someoneNew, fromSupport: false, fromNewParticipant: true, at: at,
                text: tc.heldBack, attachments: [], htmlURL: nil, showImagesURL: nil, id: id)
        }
        let files = message.attachments.filter { !$0.isInline }.map {
            File(name: $0.filename ?? "attachment", url: "\(base)/attachments/\($0.sha256)", size: size($0.size))
        }
        var htmlURL: String?
        var showImagesURL: String?
        if let html = message.html, !html.isEmpty, !id.isEmpty {
            let images = message.id?.rawValue == showImagesOf
            htmlURL = "\(base)/messages/\(id)/html" + (images ? "?images=1" : "")
            showImagesURL = images ? nil : "\(base)?images=\(id)#m\(id)"
        }
        return Entry(
            isEvent: false, author: author(of: message, tc: tc), fromSupport: message.authorKind != .customer,
            fromNewParticipant: false, at: at, text: message.reply.isEmpty ? message.text : message.reply,
            attachments: files, htmlURL: htmlURL, showImagesURL: showImagesURL, id: id)
    }

    /// A status or assignee change as the customer reads it; nil for events customers do not see (rules, mail,
    /// notes). The event's own detail (rule names, operator addresses) never reaches the page.
    static func eventText(
        _ event: TicketEvent, strings: UIStrings, tc: CustomerStrings, operatorNames: [String: String]
    ) -> String? {
        // Details read `old → new …`: the word after the arrow is the new value.
        let after = event.detail.components(separatedBy: "→ ").dropFirst().first.map {
            String($0.prefix { !$0.isWhitespace && $0 != ":" })
        }
        switch event.kind {
        case "status.changed":
            guard let after, let status = TicketStatus(rawValue: after) else { return nil }
            return "\(tc.statusChanged) “\(strings.label(status))”"
        case "assignee.changed":
            guard let after, !after.isEmpty else { return nil }
            if after == "nobody" { return tc.unassigned }
            return "\(tc.assignedTo) \(operatorNames[after.lowercased()] ?? tc.support)"
        default:
            return nil
        }
    }

    /// The earliest SLA due time while the ticket waits for support.
    static func due(_ ticket: Ticket, _ sla: TicketSLA?) -> Date? {
        guard [TicketStatus.new, .open].contains(ticket.status) else { return nil }
        return [sla?.firstResponseDue ?? sla?.nextResponseDue, sla?.resolutionDue].compactMap { $0 }.min()
    }

    /// Support's messages are signed by the operator's name when it is known, else "Support"; the customer's by
    /// their name.
    static func author(of message: TicketMessage, tc: CustomerStrings = .english) -> String {
        guard message.authorKind == .customer else {
            guard message.authorKind == .operator, let name = message.author?.name, !name.isEmpty else {
                return tc.support
            }
            return name
        }
        guard let author = message.author else { return tc.you }
        return author.name ?? author.address
    }

    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\((bytes + 512) / 1024) KB" }
        return String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    static func format(_ date: Date) -> String {
        // `2026-11-23T10:00:00Z` → `2026-11-23 10:00 UTC`, from a FormatStyle value: no DateFormatter per message.
        let iso = date.formatted(Date.ISO8601FormatStyle())
        return "\(iso.prefix(10)) \(iso.dropFirst(11).prefix(5)) UTC"
    }
}
