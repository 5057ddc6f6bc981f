/// What happened on a ticket that rules may act on: the `on:` list of a rule.
///
/// Each case has one YAML spelling (``yamlName``): plain events are strings (`ticket.created`); the two that carry a
/// value are one-key mappings, `{ticket.idle: 48h}` and `{schedule: morning}`, so `on:` reads
/// `on: [ticket.created, {ticket.idle: 2d}]`.
public enum RuleEvent: Hashable, Sendable {
    /// `ticket.created`: a new ticket, from any channel.
    case ticketCreated
    /// `message.customer`: the customer side wrote (the customer, or a participant's mail).
    case customerMessage
    /// `message.operator`: an operator replied to the customer.
    case operatorMessage
    /// `message.note`: an operator added an internal note.
    case internalNote
    /// `ticket.status`: the status changed.
    case statusChanged
    /// `ticket.assignee`: the assignee changed (including to nobody).
    case assigneeChanged
    /// `ticket.assignee_away`: the ticket's assignee was marked away (`postdesk user away`); fired once for each of
    /// their new, open and pending tickets, so a rule can hand it to someone else.
    case assigneeAway
    /// `ticket.team`: the team changed.
    case teamChanged
    /// `ticket.priority`: the priority changed.
    case priorityChanged
    /// `ticket.tags`: tags were added or removed.
    case tagsChanged
    /// `sla.warning`: an SLA target is close (the SLA clock decides how close).
    case slaWarning
    /// `sla.breach`: an SLA target passed.
    case slaBreach
    /// `{ticket.idle: 48h}`: nothing happened on the ticket for this long. A timer fires it with the same duration
    /// the rule names, so a rule listens to exactly one idle duration.
    case ticketIdle(RuleDuration)
    /// `{schedule: NAME}`: a named schedule fired (e.g. every day at 09:00 in a time zone); the schedules themselves
    /// are defined and timed outside the rules.
    case schedule(String)

    /// The events spelled as plain strings, by spelling.
    static let plain: [String: RuleEvent] = [
        "ticket.created": .ticketCreated, "message.customer": .customerMessage, "message.operator": .operatorMessage,
        "message.note": .internalNote, "ticket.status": .statusChanged, "ticket.assignee": .assigneeChanged,
        "ticket.assignee_away": .assigneeAway,
        "ticket.team": .teamChanged, "ticket.priority": .priorityChanged, "ticket.tags": .tagsChanged,
        "sla.warning": .slaWarning, "sla.breach": .slaBreach,
    ]

    /// The YAML spelling: `ticket.created`, `message.customer`, …; `ticket.idle 48h` and `schedule NAME` for the two
    /// that carry a value (as text; their Codable form is a one-key mapping).
    public var yamlName: String {
        switch self {
        case .ticketCreated: "ticket.created"
        case .customerMessage: "message.customer"
        case .operatorMessage: "message.operator"
        case .internalNote: "message.note"
        case .statusChanged: "ticket.status"
        case .assigneeChanged: "ticket.assignee"
        case .assigneeAway: "ticket.assignee_away"
        case .teamChanged: "ticket.team"
        case .priorityChanged: "ticket.priority"
        case .tagsChanged: "ticket.tags"
        case .slaWarning: "sla.warning"
        case .slaBreach: "sla.breach"
        case .ticketIdle(let duration): "ticket.idle \(duration)"
        case .schedule(let name): "schedule \(name)"
        }
    }
}

extension RuleEvent: Codable {
    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            guard let event = Self.plain[text] else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath,
                        debugDescription: "unknown event \(text.debugDescription); known: "
                            + Self.plain.keys.sorted().joined(separator: ", ")
                            + ", {ticket.idle: 48h}, {schedule: NAME}"
                    ))
            }
            self = event
            return
        }
        let container = try decoder.container(keyedBy: RuleCodingKey.self)
        let key = try container.onlyKey(what: "event")
        switch key.stringValue {
        case "ticket.idle": self = .ticketIdle(try container.decode(RuleDuration.self, forKey: key))
        case "schedule": self = .schedule(try container.decode(String.self, forKey: key))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "unknown event; only ticket.idle and schedule take a value")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .ticketIdle(let duration):
            var container = encoder.container(keyedBy: RuleCodingKey.self)
            try container.encode(duration, forKey: RuleCodingKey("ticket.idle"))
        case .schedule(let name):
            var container = encoder.container(keyedBy: RuleCodingKey.self)
            try container.encode(name, forKey: RuleCodingKey("schedule"))
        default:
            var container = encoder.singleValueContainer()
            try container.encode(yamlName)
        }
    }
}
