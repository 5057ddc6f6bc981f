/// A whole rules file: the rules, the business calendars, the SLA policies and the schedules, as `rules import` replaces them and
/// `rules export` writes them.
///
/// ```yaml
/// rules:        # the RuleSet, in the order the rules run
///   - name: Billing mail goes to the billing team
///     on: [ticket.created]
///     then: [{set_team: billing}]
/// calendars:    # named BusinessCalendars the sla: entries count in
///   - name: office
///     time_zone: Europe/Berlin
///     week: {monday: ["09:00-18:00"]}
/// sla:          # the first entry whose if: holds applies
///   - name: standard
///     calendar: office
///     targets: {first_response: 4h}
/// schedules:    # named times that fire `{schedule: NAME}` events
///   - name: morning
///     at: "09:00"
///     time_zone: Europe/Berlin
/// ```
/// Every section may be missing or empty. Decoding refuses keys it does not know (a misspelt `iff:` would otherwise
/// make a rule match everything); ``RuleDocumentCheck`` finds what decoding lets through.
public struct RuleDocument: Hashable, Sendable, Codable {
    public var rules: RuleSet
    public var calendars: [NamedBusinessCalendar]
    /// In the order they are tried; each policy's ``SLAPolicy/order`` is its position here.
    public var sla: [SLAPolicyEntry]
    /// The schedules rules may listen to with `{schedule: NAME}`.
    public var schedules: [RuleSchedule]

    /// A document; the policies' `order` is set to their position in `sla`.
    public init(
        rules: RuleSet, calendars: [NamedBusinessCalendar] = [], sla: [SLAPolicyEntry] = [],
        schedules: [RuleSchedule] = []
    ) {
        self.rules = rules
        self.calendars = calendars
        self.sla = sla
        self.schedules = schedules
        for index in self.sla.indices { self.sla[index].policy.order = index }
    }

    static let keys = ["rules", "calendars", "sla", "schedules"]

    private enum CodingKeys: String, CodingKey {
        case rules, calendars, sla, schedules
    }

    public init(from decoder: any Decoder) throws {
        try Self.refuseUnknownKeys(in: decoder, known: Self.keys, what: "a rules file")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rules = try container.decodeIfPresent([CheckedRule].self, forKey: .rules)?.map(\.rule) ?? []
        self.init(
            rules: RuleSet(rules: rules),
            calendars: try container.decodeIfPresent([NamedBusinessCalendar].self, forKey: .calendars) ?? [],
            sla: try container.decodeIfPresent([SLAPolicyEntry].self, forKey: .sla) ?? [],
            schedules: try container.decodeIfPresent([RuleSchedule].self, forKey: .schedules) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rules.rules, forKey: .rules)
        if !calendars.isEmpty { try container.encode(calendars, forKey: .calendars) }
        if !sla.isEmpty { try container.encode(sla, forKey: .sla) }
        if !schedules.isEmpty { try container.encode(schedules, forKey: .schedules) }
    }

    /// A rule, read after its keys are checked against `name`, `on`, `if`, `then`, `stop`.
    private struct CheckedRule: Decodable {
        var rule: Rule

        init(from decoder: any Decoder) throws {
            try RuleDocument.refuseUnknownKeys(
                in: decoder, known: ["name", "on", "if", "then", "stop"], what: "a rule")
            rule = try Rule(from: decoder)
        }
    }

    /// Throws when the mapping at `decoder` has a key outside `known`, naming the key (its coding path ends at it)
    /// and the keys allowed; `hint` replaces the list of known keys with advice for a key known to be a mistake.
    /// Does nothing when the value is not a mapping: the type's own decoding reports that.
    static func refuseUnknownKeys(
        in decoder: any Decoder, known: [String], what: String, hint: [String: String] = [:]
    ) throws {
        guard let container = try? decoder.container(keyedBy: RuleCodingKey.self) else { return }
        for key in container.allKeys where !known.contains(key.stringValue) {
            let advice = hint[key.stringValue] ?? "known: " + known.joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "unknown key \(key.stringValue.debugDescription) in \(what); \(advice)")
        }
    }
}
