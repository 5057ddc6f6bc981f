public import Foundation

/// When a help desk (or an operator) works: open intervals per weekday, whole-day holidays, one IANA time zone.
///
/// Business time is real elapsed time while the calendar is open, so a DST change inside open hours makes that day
/// an hour shorter or longer (Europe/Berlin's spring-forward night loses the hour 02:00–03:00 for a calendar open
/// around the clock). Wall times the clocks skip open at the first instant after the jump; wall times that happen
/// twice (fall-back) open at their first occurrence, and an interval closes the first time the clock shows its end.
///
/// As YAML:
/// ```yaml
/// time_zone: Europe/Berlin
/// week:
///   monday: ["09:00-13:00", "14:00-18:00"]
///   friday: ["09:00-16:00"]
/// holidays: ["2026-12-25", "2027-01-01"]
/// ```
/// A weekday not listed is closed. Every operation is pure: the instant it needs is an argument.
public struct BusinessCalendar: Hashable, Sendable, Codable {
    /// The IANA time zone the weekly hours and holidays are read in, e.g. `Europe/Berlin`.
    public let timeZone: TimeZone
    /// Open intervals per weekday, sorted and non-overlapping; a missing weekday is closed all day.
    public let week: [BusinessCalendarWeekday: [BusinessCalendarInterval]]
    /// Local dates closed all day.
    public let holidays: Set<BusinessCalendarDate>

    /// How many consecutive closed days a search crosses before deciding the calendar never opens (ten years).
    public static let searchHorizonDays = 3653

    /// A calendar; throws if the zone is unknown or two intervals of one weekday overlap.
    /// - Parameters:
    ///   - timeZone: an IANA identifier such as `Europe/Berlin` or `UTC`.
    ///   - week: open intervals per weekday, in any order (touching intervals are allowed).
    ///   - holidays: local dates closed all day.
    public init(
        timeZone: String, week: [BusinessCalendarWeekday: [BusinessCalendarInterval]],
        holidays: Set<BusinessCalendarDate> = []
    ) throws(BusinessCalendarError) {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw BusinessCalendarError(code: .unknownTimeZone, message: "unknown time zone \(timeZone)")
        }
        var sorted: [BusinessCalendarWeekday: [BusinessCalendarInterval]] = [:]
        for (day, intervals) in week where !intervals.isEmpty {
            let ordered = intervals.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
            for (earlier, later) in zip(ordered, ordered.dropFirst()) where later.start < earlier.end {
                throw BusinessCalendarError(
                    code: .overlappingIntervals, message: "\(day.rawValue): \(earlier) overlaps \(later)")
            }
            sorted[day] = ordered
        }
        self.timeZone = zone
        self.week = sorted
        self.holidays = holidays
    }

    /// A calendar open around the clock, every day, with no holidays (the default when no hours are configured).
    /// - Parameter timeZone: an IANA identifier; it matters only to callers that read local dates from the calendar.
    public static func alwaysOpen(timeZone: String = "UTC") throws(BusinessCalendarError) -> BusinessCalendar {
        let wholeDay = try BusinessCalendarInterval(start: 0, end: 86_400)
        return try BusinessCalendar(
            timeZone: timeZone,
            week: Dictionary(uniqueKeysWithValues: BusinessCalendarWeekday.allCases.map { ($0, [wholeDay]) }))
    }

    /// Whether every instant is business time (all days 00:00–24:00, no holidays): arithmetic takes a shortcut.
    public var isAlwaysOpen: Bool {
        holidays.isEmpty
            && BusinessCalendarWeekday.allCases.allSatisfy {
                week[$0]?.first.map { $0.start == 0 && $0.end == 86_400 } ?? false
            }
    }

    /// Whether the calendar has any open hours in its week at all.
    public var hasOpenHours: Bool { !week.isEmpty }

    /// Whether business time runs at `instant`.
    public func isOpen(at instant: Date) -> Bool {
        if isAlwaysOpen { return true }
        let day = localDay(of: instant)
        return (day - 1...day + 1).contains { spans(onDay: $0).contains { $0.start <= instant && instant < $0.end } }
    }

    /// The earliest instant at or after `instant` when the calendar is open: `instant` itself when open now.
    /// - Returns: `nil` when no open hour lies within `searchHorizonDays` (a calendar without hours, or holidays
    ///   covering the whole horizon).
    public func nextOpening(after instant: Date) -> Date? {
        firstSpan(endingAfter: instant).map { max($0.start, instant) }
    }

    enum CodingKeys: String, CodingKey {
        case timeZone = "time_zone"
        case week, holidays
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let zone = try container.decode(String.self, forKey: .timeZone)
        let week =
            try container.decodeIfPresent([BusinessCalendarWeekday: [BusinessCalendarInterval]].self, forKey: .week)
            ?? [:]
        let holidays = try container.decodeIfPresent([BusinessCalendarDate].self, forKey: .holidays) ?? []
        do {
            try self.init(timeZone: zone, week: week, holidays: Set(holidays))
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.message, underlyingError: error))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timeZone.identifier, forKey: .timeZone)
        try container.encode(week, forKey: .week)
        try container.encode(holidays.sorted(), forKey: .holidays)
    }
}
