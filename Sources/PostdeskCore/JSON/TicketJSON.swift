import Foundation

/// The `tickets list/show --json` shapes of ARCHITECTURE §4. Other tools read these: change only by adding keys.
public struct TicketJSON: Encodable, Sendable {
    public struct PersonJSON: Encodable, Sendable {
        public var name: String?
        public var address: String
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(address, forKey: .address)
        }
        enum CodingKeys: String, CodingKey { case name, address }
    }

    public struct AuthorJSON: Encodable, Sendable {
        public var kind: String
        public var name: String?
        public var address: String?
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(name, forKey: .name)
            try c.encode(address, forKey: .address)
        }
        enum CodingKeys: String, CodingKey { case kind, name, address }
    }

    public struct AttachmentJSON: Encodable, Sendable {
        public var filename: String?
        public var content_type: String
        public var size: Int
        public var sha256: String
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(filename, forKey: .filename)
            try c.encode(content_type, forKey: .content_type)
            try c.encode(size, forKey: .size)
            try c.encode(sha256, forKey: .sha256)
        }
        enum CodingKeys: String, CodingKey { case filename, content_type, size, sha256 }
    }

    public struct MessageJSON: Encodable, Sendable {
        public var author: AuthorJSON
        public var `internal`: Bool
        public var via: String
        public var text: String
        public var reply: String
        public var created_at: String
        public var attachments: [AttachmentJSON]
        /// Written by an address that was not a confirmed participant (matched by Message-IDs alone).
        public var from_new_participant: Bool
    }

    /// Someone on the ticket: `confirmed` receives its mail, `pending` wrote but receives nothing until added.
    public struct ParticipantJSON: Encodable, Sendable {
        public var name: String?
        public var address: String
        public var state: String
        public var added_by: String
        public var created_at: String
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(address, forKey: .address)
            try c.encode(state, forKey: .state)
            try c.encode(added_by, forKey: .added_by)
            try c.encode(created_at, forKey: .created_at)
        }
        enum CodingKeys: String, CodingKey { case name, address, state, added_by, created_at }

        public init(_ participant: Participant) {
            name = participant.person.name
            address = participant.person.address
            state = participant.state.rawValue
            added_by = participant.addedBy
            created_at = TicketJSON.timestamp(participant.createdAt)
        }
    }

    /// Time an operator logged on the ticket (`#time 30m consulting`).
    public struct TimeEntryJSON: Encodable, Sendable {
        /// The operator's primary address.
        public var `operator`: String
        public var minutes: Int
        public var work_type: String?
        /// `yyyy-MM-dd`, the UTC day the work counts for.
        public var date: String
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(`operator`, forKey: .operator)
            try c.encode(minutes, forKey: .minutes)
            try c.encode(work_type, forKey: .work_type)
            try c.encode(date, forKey: .date)
        }
        enum CodingKeys: String, CodingKey { case `operator`, minutes, work_type, date }

        /// - Parameters:
        ///   - operatorAddress: the primary address of the operator who logged it.
        public init(_ entry: TimeEntry, operatorAddress: String) {
            `operator` = operatorAddress
            minutes = entry.minutes
            work_type = entry.workType
            date = entry.date
        }
    }

    public struct EventJSON: Encodable, Sendable {
        public var kind: String
        public var at: String
        public var detail: String
    }

    public var number: Int64
    public var subject: String
    public var status: String
    public var customer: PersonJSON
    public var assignee: PersonJSON?
    public var team: String?
    /// The mailbox the ticket came in through; null: the default one.
    public var mailbox: String?
    public var priority: String
    public var tags: [String]
    public var created_at: String
    public var updated_at: String
    public var message_count: Int
    public var messages: [MessageJSON]?
    public var events: [EventJSON]?
    public var participants: [ParticipantJSON]?
    public var time_entries: [TimeEntryJSON]?
    /// Shown only by `show`: then `"sla"` is present, null when no policy applies.
    public var showsSLA = false
    public var sla: SLAJSON?
    /// Shown only by `show`: whether automatic mail to the customer is held back after a permanent bounce.
    public var showsSuppression = false
    public var customer_suppressed: SuppressionJSON?
    /// Shown only by `show`: the ticket form's values a customer filled in on the portal, by field name (`{}` for
    /// a ticket that came by mail or the API).
    public var form: [String: FormValueJSON]?

    /// - Parameters:
    ///   - sla: for `show`, the ticket's SLA (`.some(nil)`: no policy, printed as null); nil leaves the key out.
    ///   - suppression: for `show`, the customer's automatic-mail suppression (`.some(nil)`: none, printed as null);
    ///     nil leaves the key out.
    public init(
        _ ticket: Ticket, messages: [TicketMessage]? = nil, events: [TicketEvent]? = nil,
        participants: [Participant]? = nil, timeEntries: [TimeEntryJSON]? = nil, sla: TicketSLA?? = nil,
        suppression: AddressSuppression?? = nil, form: [FormValue]? = nil
    ) {
        number = ticket.number.rawValue
        subject = ticket.subject
        status = ticket.status.rawValue
        customer = PersonJSON(name: ticket.customer.name, address: ticket.customer.address)
        assignee = ticket.assignee.map { PersonJSON(name: $0.name, address: $0.address) }
        team = ticket.team
        mailbox = ticket.mailbox
        priority = ticket.priority.rawValue
        tags = ticket.tags
        created_at = Self.timestamp(ticket.createdAt)
        updated_at = Self.timestamp(ticket.updatedAt)
        message_count = ticket.messageCount
        self.messages = messages?.map { m in
            MessageJSON(
                author: AuthorJSON(kind: m.authorKind.rawValue, name: m.author?.name, address: m.author?.address),
                internal: m.isInternal, via: m.via.rawValue, text: m.text, reply: m.reply,
                created_at: Self.timestamp(m.createdAt),
                attachments: m.attachments.map {
                    AttachmentJSON(
                        filename: $0.filename, content_type: $0.contentType, size: $0.size, sha256: $0.sha256)
                },
                from_new_participant: m.fromNewParticipant
            )
        }
        self.events = events?.map { EventJSON(kind: $0.kind, at: Self.timestamp($0.at), detail: $0.detail) }
        self.participants = participants?.map(ParticipantJSON.init)
        self.time_entries = timeEntries
        if let sla {
            showsSLA = true
            self.sla = sla.map(SLAJSON.init)
        }
        if let suppression {
            showsSuppression = true
            customer_suppressed = suppression.map {
                SuppressionJSON(until: Self.timestamp($0.until), reason: $0.reason)
            }
        }
        // A name twice (not stored so today) keeps the first value: the form's order decides.
        self.form = form.map { values in
            Dictionary(
                values.map { ($0.name, FormValueJSON(label: $0.label, kind: $0.kind.rawValue, value: $0.value)) },
                uniquingKeysWith: { first, _ in first })
        }
    }

    /// One form value: `"order": {"label": "Order number", "kind": "number", "value": "12.5"}`. `value` is the
    /// canonical text (a date `yyyy-MM-dd`, a checkbox `yes`/`no`, a file's name: the file is an attachment of the
    /// first message).
    public struct FormValueJSON: Encodable, Sendable {
        /// The field's English label when the ticket was opened.
        public var label: String
        /// `text`, `number`, `date`, `choice`, `checkbox` or `file`.
        public var kind: String
        public var value: String
    }

    /// `"customer_suppressed": {"until": "…Z", "reason": "mail <…> bounced permanently (…)"}`.
    public struct SuppressionJSON: Encodable, Sendable {
        public var until: String
        public var reason: String
    }

    enum CodingKeys: String, CodingKey {
        case number, subject, status, customer, assignee, team, priority, tags, created_at, updated_at, message_count
        case messages, events, participants, mailbox, time_entries, sla, customer_suppressed, form
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(subject, forKey: .subject)
        try c.encode(status, forKey: .status)
        try c.encode(customer, forKey: .customer)
        try c.encode(assignee, forKey: .assignee)
        try c.encode(team, forKey: .team)
        try c.encode(mailbox, forKey: .mailbox)
        try c.encode(priority, forKey: .priority)
        try c.encode(tags, forKey: .tags)
        try c.encode(created_at, forKey: .created_at)
        try c.encode(updated_at, forKey: .updated_at)
        try c.encode(message_count, forKey: .message_count)
        try c.encodeIfPresent(messages, forKey: .messages)
        try c.encodeIfPresent(events, forKey: .events)
        try c.encodeIfPresent(participants, forKey: .participants)
        try c.encodeIfPresent(time_entries, forKey: .time_entries)
        if showsSLA { try c.encode(sla, forKey: .sla) }
        if showsSuppression { try c.encode(customer_suppressed, forKey: .customer_suppressed) }
        try c.encodeIfPresent(form, forKey: .form)
    }

    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())  // a value: no formatter object built per call
    }

    /// Pretty, key-sorted JSON, one document.
    public static func jsonString(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
