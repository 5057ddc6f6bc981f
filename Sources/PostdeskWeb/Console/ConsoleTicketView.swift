import Foundation
import PostdeskCore
import PostdeskWorkflow

/// Everything the console's ticket page reads from the store, in one snapshot.
struct ConsoleTicketData: Sendable {
    var ticket: Ticket
    /// Internal notes included: operators see them.
    var messages: [TicketMessage]
    var events: [TicketEvent]
    var timeEntries: [TimeEntry]
    /// Every operator, disabled ones too (old time entries name them).
    var operators: [OperatorAccount]
    /// The customer's tickets, this one left out, most recently updated first.
    var others: [Ticket]
    var sla: TicketSLA?
    var teams: [Team]
    var workTypes: [WorkType]

    /// How many of the customer's other tickets the page lists.
    static let othersShown = 5

    /// The page's data for `viewer`: the customer's other tickets are only those the viewer may read (a subject is
    /// already what a team keeps to itself).
    static func read(
        _ ticket: Ticket, for viewer: OperatorAccount, access: TicketAccess, in q: any TicketQueries
    ) throws -> ConsoleTicketData {
        ConsoleTicketData(
            ticket: ticket, messages: try q.messages(of: ticket.id, includeInternal: true),
            events: try q.events(of: ticket.id), timeEntries: try q.timeEntries(of: ticket.id),
            operators: try q.operatorAccounts(includeDisabled: true),
            // Four times the shown: room for this ticket and for tickets of teams the viewer may not read.
            others: try q.tickets(ofCustomerAddress: ticket.customer.address, limit: 4 * othersShown).filter {
                $0.id != ticket.id && access.permission(of: .operator(viewer), on: $0).mayRead
            }.prefix(othersShown).map { $0 },
            sla: try q.slaState(of: ticket.id), teams: try q.teams(), workTypes: try q.workTypes())
    }
}

/// How the page was opened: by a signed-in operator (who may act), or by a notification's signed link (read-only).
enum ConsoleOpening {
    case session(OperatorAccount, flash: String?, error: String?)
    case link(OperatorAccount, key: String, signedAt: Date, expires: Date)
}

/// What an operator's page for one ticket shows: the conversation as a chat with internal notes marked and
/// attachments linked, the ticket's state and SLA, the customer's other tickets, time entries, history, and (signed
/// in) the action forms. Every value here is escaped by Mustache.
struct ConsoleTicketView: Encodable {
    struct Attachment: Encodable {
        var name: String
        var href: String
        var size: String
    }

    struct Entry: Encodable {
        var author: String
        var kind: String
        var kindLabel: String
        var at: String
        /// What the author wrote now (quoted history and signature trimmed).
        var text: String
        /// The whole mail text, when it holds more than ``text``.
        var fullText: String?
        var attachments: [Attachment]
    }

    struct Event: Encodable {
        var at: String
        var kind: String
        var detail: String
    }

    struct Time: Encodable {
        var date: String
        var operatorName: String
        var minutes: Int
        var workType: String
    }

    struct Other: Encodable {
        var number: Int64
        var subject: String
        var status: String
        var updatedAt: String
    }

    struct Due: Encodable {
        var label: String
        var at: String
    }

    var tc: ConsoleStrings
    var number: Int64
    var subject: String
    var status: String
    var priority: String
    var team: String
    var assignee: String
    var mailbox: String
    var customer: String
    var tags: String
    var createdAt: String
    var updatedAt: String
    var entries: [Entry]
    var events: [Event]
    var times: [Time]
    var totalMinutes: Int
    var others: [Other]
    var hasOthers: Bool
    var dues: [Due]
    var hasDues: Bool
    var breached: String?

    // Opened by a link (read-only).
    var linkMode: Bool
    var viewer: String
    var linkExpires: String
    /// Internal notes newer than the link, not shown.
    var laterNotes: Int
    /// Stored, not computed: a page reads what the view encodes, its stored properties.
    var hasLaterNotes: Bool

    // Signed in (the forms).
    var canAct: Bool
    var flash: String?
    var error: String?
    var statuses: [SelectOption]
    var priorities: [SelectOption]
    var operators: [SelectOption]
    var teams: [SelectOption]
    var workTypes: [SelectOption]
    var hasWorkTypes: Bool
    /// What each action's list has selected now, for the live refresh (`data-*` of the header): an open page's
    /// lists follow changes made by others unless the operator has picked something there.
    /// Signed in only: a page opened by a link has no lists (and shows no operator ids).
    var chosen: [String: String]?

    init(_ data: ConsoleTicketData, opening: ConsoleOpening, strings tc: ConsoleStrings) {
        let ticket = data.ticket
        self.tc = tc
        number = ticket.number.rawValue
        subject = ticket.subject
        status = ticket.status.rawValue
        priority = ticket.priority.rawValue
        team = ticket.team ?? tc.noTeam
        assignee = ticket.assignee.map(Self.name) ?? tc.nobody
        mailbox = ticket.mailbox ?? "default"
        customer = Self.name(ticket.customer)
        tags = ticket.tags.isEmpty ? tc.none : ticket.tags.joined(separator: ", ")
        createdAt = TicketPageView.format(ticket.createdAt)
        updatedAt = TicketPageView.format(ticket.updatedAt)

        let base = "/console/tickets/\(ticket.number.rawValue)"
        var shown = data.messages
        var query = ""
        switch opening {
        case .session(let account, let flash, let error):
            linkMode = false
            viewer = account.displayName
            linkExpires = ""
            canAct = true
            self.flash = flash
            self.error = error
        case .link(let account, let key, let signedAt, let expires):
            // A forwarded notification shows no more notes than the notification did.
            shown = data.messages.filter { !$0.isInternal || $0.createdAt <= signedAt }
            query = "?k=" + (key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            linkMode = true
            viewer = account.displayName
            linkExpires = TicketPageView.format(expires)
            canAct = false
            flash = nil
            error = nil
        }
        laterNotes = data.messages.count - shown.count
        hasLaterNotes = laterNotes > 0
        entries = shown.map { message in
            let text = message.reply.isEmpty ? message.text : message.reply
            return Entry(
                author: message.author.map(Self.name) ?? (message.authorKind == .system ? "Postdesk" : "unknown"),
                kind: Self.kind(message), kindLabel: Self.kindLabel(message, tc),
                at: TicketPageView.format(message.createdAt), text: text,
                fullText: message.text == text || message.text.isEmpty ? nil : message.text,
                attachments: message.attachments.map {
                    Attachment(
                        name: $0.filename ?? "attachment", href: "\(base)/attachments/\($0.sha256)\(query)",
                        size: Self.size($0.size))
                })
        }
        events = data.events.map { Event(at: TicketPageView.format($0.at), kind: $0.kind, detail: $0.detail) }
        let names = Dictionary(data.operators.map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        times = data.timeEntries.map {
            Time(
                date: $0.date, operatorName: names[$0.operatorID] ?? "operator #\($0.operatorID.rawValue)",
                minutes: $0.minutes, workType: $0.workType ?? "")
        }
        totalMinutes = data.timeEntries.reduce(0) { $0 + $1.minutes }
        others = data.others.map {
            Other(
                number: $0.number.rawValue, subject: $0.subject, status: $0.status.rawValue,
                updatedAt: TicketPageView.format($0.updatedAt))
        }
        hasOthers = !others.isEmpty
        let open = [TicketStatus.new, .open, .pending].contains(ticket.status)
        dues =
            open
            ? [
                (tc.slaFirstResponse, data.sla?.firstResponseDue), (tc.slaNextResponse, data.sla?.nextResponseDue),
                (tc.slaResolution, data.sla?.resolutionDue),
            ].compactMap { label, date in date.map { Due(label: label, at: TicketPageView.format($0)) } } : []
        hasDues = !dues.isEmpty
        breached = data.sla.flatMap { $0.breached.isEmpty ? nil : $0.breached.joined(separator: ", ") }

        statuses = TicketStatus.allCases.filter { $0 != .new }.map {
            SelectOption(value: $0.rawValue, label: $0.rawValue, selected: $0 == ticket.status)
        }
        priorities = TicketPriority.allCases.map {
            SelectOption(value: $0.rawValue, label: $0.rawValue, selected: $0 == ticket.priority)
        }
        operators = data.operators.filter { !$0.isDisabled }.map {
            SelectOption(value: "\($0.id.rawValue)", label: $0.displayName, selected: $0.id == ticket.assigneeID)
        }
        teams = data.teams.map { SelectOption(value: $0.name, label: $0.name, selected: $0.name == ticket.team) }
        workTypes = data.workTypes.map { SelectOption(value: $0.name, label: $0.name, selected: false) }
        hasWorkTypes = !workTypes.isEmpty
        let lists = ["status": statuses, "priority": priorities, "assignee": operators, "team": teams]
        chosen = canAct ? lists.mapValues { $0.first(where: \.selected)?.value ?? "" } : nil
    }

    /// `Ivan Petrov <ivan@example.test>`: operators see who wrote, by name and address.
    static func name(_ person: Person) -> String {
        guard let name = person.name, !name.isEmpty else { return person.address }
        return "\(name) <\(person.address)>"
    }

    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\(bytes / 1024) KB" }
        return "\(bytes / (1024 * 1024)) MB"
    }

    static func kind(_ message: TicketMessage) -> String {
        if message.isInternal { return "internal" }
        if message.fromNewParticipant { return "new-participant" }
        return message.authorKind == .customer ? "customer" : "support"
    }

    static func kindLabel(_ message: TicketMessage, _ tc: ConsoleStrings) -> String {
        if message.isInternal { return tc.internalNote }
        if message.fromNewParticipant { return tc.fromNewParticipant }
        switch message.authorKind {
        case .customer: return tc.fromCustomer
        case .operator: return tc.fromOperator
        case .system: return tc.fromSystem
        }
    }
}
