public import PostdeskCore

/// What a rule does when it matches: one entry of its `then:` list, a one-key mapping in YAML (`stop` may also be
/// written alone):
/// ```yaml
/// then:
///   - set_team: billing
///   - set_priority: high            # low, normal, high, urgent
///   - set_status: open              # new, open, pending, solved, closed
///   - add_tags: [invoice]
///   - remove_tags: [spam]
///   - assign: {strategy: round_robin}   # or least_open, or {to: agent1@example.test}
///   - notify: {to: assignee, template: operator_assigned}   # assignee, team, watchers, customer or an address
///   - reply: {template: billing_ack}
///   - add_note: {text: "Routed to billing by the invoice rule"}
///   - stop
/// ```
/// Actions describe; they do nothing themselves. A pass turns them into ``Effect``s that the caller commits.
public enum RuleAction: Hashable, Sendable {
    case setTeam(String)
    case setPriority(TicketPriority)
    case setStatus(TicketStatus)
    case addTags([String])
    case removeTags([String])
    /// Names who gets the ticket; the round-robin and least-open strategies run outside the rules.
    case assign(AssignTarget)
    /// Tells someone by mail, with a template under `MailTemplates/`.
    case notify(NotifyRecipient, template: String)
    /// Answers the customer with a template (an automatic reply: rate limits apply outside).
    case reply(template: String)
    /// Adds an internal note to the ticket.
    case addNote(text: String)
    /// Ends the pass here: this rule's later actions and every later rule are skipped.
    case stop

    /// The YAML key (`set_team`), as used in explanations.
    public var yamlName: String {
        switch self {
        case .setTeam: "set_team"
        case .setPriority: "set_priority"
        case .setStatus: "set_status"
        case .addTags: "add_tags"
        case .removeTags: "remove_tags"
        case .assign: "assign"
        case .notify: "notify"
        case .reply: "reply"
        case .addNote: "add_note"
        case .stop: "stop"
        }
    }
}

/// Whom `assign` names: an operator by address, or a strategy the assignment service runs among the team's
/// operators who are enabled, on shift and not away.
public enum AssignTarget: Hashable, Sendable {
    /// `{to: agent1@example.test}`. Kept as written; ``RuleCheck`` refuses an empty or malformed address.
    case address(String)
    /// `{strategy: round_robin}`: the next operator in turn, fair across restarts.
    case roundRobin
    /// `{strategy: least_open}`: the operator with the fewest open tickets.
    case leastOpen
}

/// Whom `notify` tells. In YAML a word or an address: `to: assignee`.
public enum NotifyRecipient: Hashable, Sendable {
    /// The ticket's assignee (nobody when unassigned).
    case assignee
    /// The operators of the ticket's team; every operator when the ticket has no team.
    case team
    /// The operators following the ticket.
    case watchers
    /// The ticket's customer.
    case customer
    /// Any address. Kept as written; ``RuleCheck`` refuses a malformed one.
    case address(String)

    /// The YAML spelling: `assignee`, `team`, `watchers`, `customer`, or the address.
    public var yamlName: String {
        switch self {
        case .assignee: "assignee"
        case .team: "team"
        case .watchers: "watchers"
        case .customer: "customer"
        case .address(let address): address
        }
    }

    init(yamlName: String) {
        switch yamlName {
        case "assignee": self = .assignee
        case "team": self = .team
        case "watchers": self = .watchers
        case "customer": self = .customer
        default: self = .address(yamlName)
        }
    }
}
