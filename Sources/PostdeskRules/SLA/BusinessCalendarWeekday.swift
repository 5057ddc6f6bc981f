/// A day of the week; the raw value is the YAML key (`monday: ["09:00-18:00"]`). `allCases` starts on Monday.
public enum BusinessCalendarWeekday: String, Hashable, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday
}
