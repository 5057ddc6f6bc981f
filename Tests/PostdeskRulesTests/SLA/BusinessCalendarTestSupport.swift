import Foundation
import PostdeskRules

/// An instant written with its UTC offset, e.g. `"2026-11-30T09:00:00+01:00"`: the tests state wall time and zone
/// the way the spec does, and the parser is Foundation's, not the code under test.
func instant(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("bad test instant \(text)") }
    return date
}

/// A calendar from YAML-shaped strings; crashes the test on a typo in the fixture itself.
func calendar(
    _ zone: String, _ week: [BusinessCalendarWeekday: [String]], holidays: [String] = []
) -> BusinessCalendar {
    do {
        return try BusinessCalendar(
            timeZone: zone,
            week: week.mapValues {
                try $0.map { text throws(BusinessCalendarError) in try BusinessCalendarInterval(parsing: text) }
            },
            holidays: Set(
                holidays.map { text throws(BusinessCalendarError) in try BusinessCalendarDate(parsing: text) }))
    } catch {
        fatalError("bad test calendar: \(error)")
    }
}

/// Monday to Friday, 09:00-13:00 and 14:00-18:00 (a lunch break), in `zone`.
func officeHours(_ zone: String, holidays: [String] = []) -> BusinessCalendar {
    let day = ["09:00-13:00", "14:00-18:00"]
    return calendar(
        zone, [.monday: day, .tuesday: day, .wednesday: day, .thursday: day, .friday: day], holidays: holidays)
}

/// Every day 00:00-24:00 but with a holiday far away, so the arithmetic walks the days instead of the 24/7 shortcut.
func aroundTheClockWalked(_ zone: String) -> BusinessCalendar {
    calendar(
        zone, Dictionary(uniqueKeysWithValues: BusinessCalendarWeekday.allCases.map { ($0, ["00:00-24:00"]) }),
        holidays: ["2099-01-01"])
}

let hour: TimeInterval = 3600
