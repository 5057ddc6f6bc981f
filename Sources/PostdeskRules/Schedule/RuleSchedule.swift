public import Foundation

/// One entry of `schedules:`: a named wall-clock time in a time zone, on every day or on some weekdays, that fires
/// the `{schedule: NAME}` event rules listen to.
///
/// ```yaml
/// schedules:
///   - name: morning
///     at: "09:00"
///     time_zone: Europe/Berlin
///     weekdays: [monday, tuesday, wednesday, thursday, friday]   # optional; every day without it
/// ```
/// Occurrences are read on the local wall clock, so 09:00 Europe/Berlin is 08:00 UTC in winter and 07:00 UTC in
/// summer. A time the clocks skip (02:30 on the spring-forward night) occurs at the jump; a time shown twice
/// (fall-back) occurs at its first showing. Pure: the instant it needs is an argument.
public struct RuleSchedule: Hashable, Sendable, Codable {
    /// Unique within the file; rules name it in `on: [{schedule: NAME}]`.
    public var name: String
    /// Seconds after local midnight, `0 ..< 86 400`.
    public let secondsOfDay: Int
    /// The weekdays it fires on; nil fires every day. An empty set never fires (``RuleDocumentCheck`` reports it).
    public let weekdays: Set<BusinessCalendarWeekday>?
    /// The zone arithmetic (a calendar with no hours: only its zone is used).
    private let zone: BusinessCalendar

    /// The IANA time zone its wall-clock time is read in.
    public var timeZone: TimeZone { zone.timeZone }

    /// How many local days back an occurrence is searched for: a week holds every weekday.
    static let searchDays = 8

    /// A schedule; throws if the zone is unknown or the time is not within one day.
    /// - Parameters:
    ///   - at: seconds after local midnight (`0 ..< 86 400`).
    ///   - timeZone: an IANA identifier such as `Europe/Berlin` or `UTC`.
    ///   - weekdays: the days it fires on; nil for every day.
    public init(
        name: String, at secondsOfDay: Int, timeZone: String, weekdays: Set<BusinessCalendarWeekday>? = nil
    ) throws(BusinessCalendarError) {
        guard (0..<86_400).contains(secondsOfDay) else {
            throw BusinessCalendarError(code: .invalidTime, message: "a schedule's time is 00:00 to 23:59")
        }
        self.name = name
        self.secondsOfDay = secondsOfDay
        self.weekdays = weekdays
        self.zone = try BusinessCalendar(timeZone: timeZone, week: [:])
    }

    /// The latest occurrence at or before `instant`; nil when none lies within a week (no weekdays).
    public func latestOccurrence(atOrBefore instant: Date) -> Date? {
        let today = zone.localDay(of: instant)
        for day in stride(from: today, through: today - Self.searchDays, by: -1) {
            if let occurrence = occurrence(onDay: day), occurrence <= instant { return occurrence }
        }
        return nil
    }

    /// The first occurrence after `instant`; nil when none lies within a week (no weekdays).
    public func nextOccurrence(after instant: Date) -> Date? {
        let today = zone.localDay(of: instant)
        for day in today...today + Self.searchDays {
            if let occurrence = occurrence(onDay: day), occurrence > instant { return occurrence }
        }
        return nil
    }

    /// The instant of the occurrence on local date `day`, nil when the schedule skips that weekday.
    private func occurrence(onDay day: Int) -> Date? {
        if let weekdays, !weekdays.contains(BusinessCalendarDate(dayNumber: day).weekday) { return nil }
        return zone.instant(day: day, secondsOfDay: secondsOfDay)
    }

    /// `09:00`.
    public var timeText: String {
        let hours = secondsOfDay / 3600
        let minutes = secondsOfDay % 3600 / 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
    }

    static let keys = ["name", "at", "time_zone", "weekdays"]

    private enum CodingKeys: String, CodingKey {
        case name, at, weekdays
        case timeZone = "time_zone"
    }

    public init(from decoder: any Decoder) throws {
        try RuleDocument.refuseUnknownKeys(in: decoder, known: Self.keys, what: "a schedule")
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        let text = try container.decode(String.self, forKey: .at)
        guard let seconds = Self.seconds(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: .at, in: container, debugDescription: "a time is written HH:MM, 00:00 to 23:59")
        }
        let zone = try container.decode(String.self, forKey: .timeZone)
        let weekdays = try container.decodeIfPresent([BusinessCalendarWeekday].self, forKey: .weekdays)
        do {
            try self.init(name: name, at: seconds, timeZone: zone, weekdays: weekdays.map(Set.init))
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .timeZone, in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(timeText, forKey: .at)
        try container.encode(timeZone.identifier, forKey: .timeZone)
        if let weekdays {
            // Monday first, as the calendar's week is written.
            try container.encode(BusinessCalendarWeekday.allCases.filter(weekdays.contains), forKey: .weekdays)
        }
    }

    /// `HH:MM` with two digits each, 00:00 to 23:59; nil otherwise.
    static func seconds(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hours = Int(parts[0]), let minutes = Int(parts[1]), hours < 24, minutes < 60
        else { return nil }
        return hours * 3600 + minutes * 60
    }
}
