/// One entry of `sla:`: an ``SLAPolicy``, the condition under which it applies, and the calendar it counts in.
///
/// ```yaml
/// sla:
///   - name: urgent
///     if: {priority: {in: [high, urgent]}}
///     calendar: office
///     targets: {first_response: 1h, resolution: 8h}
///     warn_at_percent: 80
///   - name: standard
///     targets: {first_response: 8h, next_response: 8h, resolution: 40h}
/// ```
/// The first entry whose `if:` holds applies (no `if:` always holds), so the entries read top to bottom like the
/// rules. The policy's ``SLAPolicy/order`` is that position in the list: ``RuleDocument`` sets it, export never
/// writes it, and a file that says `order:` is refused rather than silently reordered.
/// Without `calendar:` a policy counts every hour (open around the clock, UTC).
public struct SLAPolicyEntry: Hashable, Sendable, Codable {
    public var policy: SLAPolicy
    /// The `if:` tree, the same tests as a rule's (priority, customer_domain, mailbox and team are the useful ones);
    /// nil always holds.
    public var condition: Condition?
    /// The name of an entry of `calendars:`; nil counts every hour.
    public var calendar: String?

    public init(policy: SLAPolicy, if condition: Condition? = nil, calendar: String? = nil) {
        self.policy = policy
        self.condition = condition
        self.calendar = calendar
    }

    static let keys = ["name", "if", "calendar", "targets", "warn_at_percent"]

    private enum CodingKeys: String, CodingKey {
        case name, targets, calendar
        case condition = "if"
        case warnAtPercent = "warn_at_percent"
    }

    public init(from decoder: any Decoder) throws {
        try RuleDocument.refuseUnknownKeys(
            in: decoder, known: Self.keys, what: "an sla entry",
            hint: ["order": "the first entry whose if: holds applies; order the list instead"])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let targets = try container.decodeIfPresent([SLATarget: SLADuration].self, forKey: .targets) ?? [:]
        do {
            policy = try SLAPolicy(
                name: container.decode(String.self, forKey: .name),
                order: 0,
                targets: targets,
                warnAtPercent: container.decodeIfPresent(Int.self, forKey: .warnAtPercent))
        } catch let error as BusinessCalendarError {
            throw DecodingError.dataCorruptedError(
                forKey: .warnAtPercent, in: container, debugDescription: error.message)
        }
        condition = try container.decodeIfPresent(Condition.self, forKey: .condition)
        calendar = try container.decodeIfPresent(String.self, forKey: .calendar)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(policy.name, forKey: .name)
        try container.encodeIfPresent(condition, forKey: .condition)
        try container.encodeIfPresent(calendar, forKey: .calendar)
        try container.encode(policy.targets, forKey: .targets)
        try container.encodeIfPresent(policy.warnAtPercent, forKey: .warnAtPercent)
    }
}
