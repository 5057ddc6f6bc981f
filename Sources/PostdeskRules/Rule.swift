/// One rule: the events it listens to, a condition, and actions, with an optional `stop`.
///
/// ```yaml
/// - name: Billing mail goes to the billing team
///   on: [ticket.created]
///   if: {any: [{subject: {contains_any: [invoice, счёт]}}]}
///   then:
///     - set_team: billing
///   stop: true
/// ```
/// Without `if:` the rule matches every event it listens to. `stop: true` ends the pass after this rule's actions
/// when it matched, like a `stop` action at the end of `then:`.
public struct Rule: Hashable, Sendable, Codable {
    /// Unique within its set; explanations name rules by it.
    public var name: String
    /// The `on:` list.
    public var events: [RuleEvent]
    /// The `if:` tree; nil matches always.
    public var condition: Condition?
    /// The `then:` list, in order.
    public var actions: [RuleAction]
    /// Whether a match ends the pass.
    public var stop: Bool

    public init(
        name: String, on events: [RuleEvent], if condition: Condition? = nil, then actions: [RuleAction],
        stop: Bool = false
    ) {
        self.name = name
        self.events = events
        self.condition = condition
        self.actions = actions
        self.stop = stop
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case events = "on"
        case condition = "if"
        case actions = "then"
        case stop
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        events = try container.decode([RuleEvent].self, forKey: .events)
        condition = try container.decodeIfPresent(Condition.self, forKey: .condition)
        actions = try container.decodeIfPresent([RuleAction].self, forKey: .actions) ?? []
        stop = try container.decodeIfPresent(Bool.self, forKey: .stop) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(events, forKey: .events)
        try container.encodeIfPresent(condition, forKey: .condition)
        try container.encode(actions, forKey: .actions)
        if stop { try container.encode(true, forKey: .stop) }
    }

    /// Whether the rule stops every pass it matches in, and matches every event it listens to: no `if:` (or an
    /// `if:` of `all: []`) with `stop: true` or a `stop` action.
    var stopsUnconditionally: Bool {
        let always: Bool
        switch condition {
        case nil: always = true
        case .all(let children)?: always = children.isEmpty
        default: always = false
        }
        return always && (stop || actions.contains(.stop))
    }
}
