/// One entry of `calendars:`: a ``BusinessCalendar`` with the name SLA policies refer to it by.
///
/// As YAML the name sits beside the calendar's own keys:
/// ```yaml
/// calendars:
///   - name: office
///     time_zone: Europe/Berlin
///     week:
///       monday: ["09:00-13:00", "14:00-18:00"]
///     holidays: ["2026-12-25"]
/// ```
public struct NamedBusinessCalendar: Hashable, Sendable, Codable {
    /// Unique within the file; `sla:` entries name it in `calendar:`.
    public var name: String
    public var calendar: BusinessCalendar

    public init(name: String, calendar: BusinessCalendar) {
        self.name = name
        self.calendar = calendar
    }

    static let keys = ["name", "time_zone", "week", "holidays"]

    private enum CodingKeys: String, CodingKey {
        case name
    }

    public init(from decoder: any Decoder) throws {
        try RuleDocument.refuseUnknownKeys(in: decoder, known: Self.keys, what: "a calendar")
        name = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .name)
        calendar = try BusinessCalendar(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try calendar.encode(to: encoder)
    }
}
