import Foundation
import PostdeskCore
import PostdeskRules
import Testing

/// Issue 9 point 2: an operator is on shift within their own hours, in their own zone; point 3: quiet hours.
@Suite struct OperatorScheduleTests {
    static func at(_ iso: String) -> Date {
        try! Date(iso, strategy: .iso8601)
    }

    struct ShiftCase: Sendable, CustomStringConvertible {
        var description: String
        var zone: String?
        var week: String?
        var instant: String
        var onShift: Bool
    }

    static let shifts: [ShiftCase] = [
        ShiftCase(
            description: "no hours: always on shift", zone: nil, week: nil, instant: "2026-03-29T03:00:00Z",
            onShift: true),
        ShiftCase(
            description: "Berlin Tuesday 09:30 local (CET, UTC+1)", zone: "Europe/Berlin", week: "mon-fri 09:00-17:00",
            instant: "2026-03-24T08:30:00Z", onShift: true),
        ShiftCase(
            description: "Berlin Tuesday 08:30 local: before the shift", zone: "Europe/Berlin",
            week: "mon-fri 09:00-17:00", instant: "2026-03-24T07:30:00Z", onShift: false),
        ShiftCase(
            description: "Berlin Saturday: a day not named is off", zone: "Europe/Berlin", week: "mon-fri 09:00-17:00",
            instant: "2026-03-28T10:00:00Z", onShift: false),
        // DST: Berlin springs forward on Sunday 2026-03-29; Monday 08:30 UTC is 10:30 CEST (on), 07:30 UTC is 09:30
        // CEST (on) though in winter it would be 08:30 (off).
        ShiftCase(
            description: "after spring-forward: 07:30Z is 09:30 CEST, on shift", zone: "Europe/Berlin",
            week: "mon-fri 09:00-17:00", instant: "2026-03-30T07:30:00Z", onShift: true),
        ShiftCase(
            description: "after spring-forward: 15:30Z is 17:30 CEST, off shift", zone: "Europe/Berlin",
            week: "mon-fri 09:00-17:00", instant: "2026-03-30T15:30:00Z", onShift: false),
        ShiftCase(
            description: "before spring-forward: 15:30Z Friday is 16:30 CET, on shift", zone: "Europe/Berlin",
            week: "mon-fri 09:00-17:00", instant: "2026-03-27T15:30:00Z", onShift: true),
        ShiftCase(
            description: "Tokyo hours, UTC evening is Tokyo morning", zone: "Asia/Tokyo", week: "mon-fri 09:00-18:00",
            instant: "2026-03-24T00:30:00Z", onShift: true),
        ShiftCase(
            description: "a split day: the lunch break is off", zone: "UTC", week: "mon-fri 09:00-13:00 14:00-18:00",
            instant: "2026-03-24T13:30:00Z", onShift: false),
        ShiftCase(
            description: "a wrapping range fri-mon includes Sunday", zone: "UTC", week: "fri-mon 10:00-12:00",
            instant: "2026-03-29T11:00:00Z", onShift: true),
        ShiftCase(
            description: "no zone: hours are read in UTC", zone: nil, week: "sat,sun 00:00-24:00",
            instant: "2026-03-28T23:59:00Z", onShift: true),
    ]

    @Test("on shift within the operator's hours in their zone, DST included", arguments: shifts)
    func onShift(_ row: ShiftCase) throws {
        // Given an operator's stored availability
        let schedule = try OperatorSchedule(OperatorAvailability(timeZone: row.zone, week: row.week))
        // When asked at the instant, Then on shift as the table says
        #expect(schedule.working.isOnShift(at: Self.at(row.instant)) == row.onShift)
    }

    @Test("away takes an on-shift operator out of assignment; an unreadable schedule leaves them on shift")
    func awayAndLenient() throws {
        let away = try OperatorSchedule(OperatorAvailability(isAway: true))
        #expect(away.working.isOnShift(at: Self.at("2026-03-24T08:30:00Z")))
        #expect(!away.working.isAvailable(at: Self.at("2026-03-24T08:30:00Z")))
        let broken = OperatorSchedule(lenient: OperatorAvailability(timeZone: "Mars/Olympus", week: "mon 09:00-17:00"))
        #expect(broken.working.isOnShift(at: Self.at("2026-03-28T03:00:00Z")))
    }

    struct SyntaxCase: Sendable, CustomStringConvertible {
        var description: String { text }
        var text: String
        /// The canonical spelling, or the start of the refusal.
        var result: String
        var refused = false
    }

    static let syntax: [SyntaxCase] = [
        SyntaxCase(text: "mon-fri 09:00-17:00", result: "mon-fri 09:00-17:00"),
        SyntaxCase(text: "Mon-Wed 09:00-17:00;thu 09:00-17:00 ; fri 09:00-17:00", result: "mon-fri 09:00-17:00"),
        SyntaxCase(
            text: "sat 10:00-14:00; mon-fri 14:00-18:00 09:00-13:00",
            result: "mon-fri 09:00-13:00 14:00-18:00; sat 10:00-14:00"),
        SyntaxCase(text: "sat,sun 00:00-24:00", result: "sat-sun 00:00-24:00"),
        SyntaxCase(text: "mon-fri 22:00-06:00", result: "\"22:00-06:00\": an interval opens before", refused: true),
        SyntaxCase(text: "monday 09:00-17:00", result: "\"monday\" is not a day", refused: true),
        SyntaxCase(text: "mon-fri", result: "\"mon-fri\" needs days and hours", refused: true),
        SyntaxCase(text: "mon 9-17", result: "\"9-17\": a time is written HH:MM", refused: true),
        SyntaxCase(text: " ; ", result: "weekly hours are written like", refused: true),
        SyntaxCase(text: "mon-tue-wed 09:00-10:00", result: "\"mon-tue-wed\" is not a day or a range", refused: true),
    ]

    @Test("the --week syntax reads into a canonical spelling, or is refused with a sentence", arguments: syntax)
    func weekSyntax(_ row: SyntaxCase) {
        do {
            let text = WeekSyntax.format(try WeekSyntax.parse(row.text))
            #expect(!row.refused && text == row.result)
        } catch {
            #expect(row.refused && error.message.hasPrefix(row.result), "\(error.message)")
        }
    }

    struct QuietCase: Sendable, CustomStringConvertible {
        var description: String
        var hours: String
        var zone: String
        var instant: String
        var quiet: Bool
    }

    static let quiet: [QuietCase] = [
        QuietCase(
            description: "23:30 Berlin is in 22:00-07:00", hours: "22:00-07:00", zone: "Europe/Berlin",
            instant: "2026-03-24T22:30:00Z", quiet: true),
        QuietCase(
            description: "06:30 Berlin is in 22:00-07:00", hours: "22:00-07:00", zone: "Europe/Berlin",
            instant: "2026-03-24T05:30:00Z", quiet: true),
        QuietCase(
            description: "07:30 Berlin is not", hours: "22:00-07:00", zone: "Europe/Berlin",
            instant: "2026-03-24T06:30:00Z", quiet: false),
        // The morning after spring-forward: 05:30Z is 07:30 CEST (not quiet), though 06:30 by winter time.
        QuietCase(
            description: "after spring-forward, the wall clock decides", hours: "22:00-07:00",
            zone: "Europe/Berlin", instant: "2026-03-30T05:30:00Z", quiet: false),
        QuietCase(
            description: "a daytime range 12:00-13:00 in UTC", hours: "12:00-13:00", zone: "UTC",
            instant: "2026-03-24T12:59:00Z", quiet: true),
        QuietCase(
            description: "ends at 24:00", hours: "20:00-24:00", zone: "UTC",
            instant: "2026-03-24T23:59:59Z", quiet: true),
    ]

    @Test("quiet hours are read on the operator's wall clock and may cross midnight", arguments: quiet)
    func quietHours(_ row: QuietCase) throws {
        let hours = try QuietHours(parsing: row.hours, timeZone: try #require(TimeZone(identifier: row.zone)))
        #expect(hours.contains(Self.at(row.instant)) == row.quiet)
    }

    @Test("quiet hours that do not read are refused with a sentence")
    func quietRefusals() {
        for text in ["22:00", "22:00-22:00", "25:00-07:00", "10pm-7am", "24:00-07:00"] {
            #expect(throws: BusinessCalendarError.self, "\(text)") {
                try QuietHours(parsing: text, timeZone: TimeZone(identifier: "UTC")!)
            }
        }
        #expect(throws: BusinessCalendarError.self) {
            try OperatorSchedule(OperatorAvailability(timeZone: "Europe/Berlinn", week: "mon 09:00-10:00"))
        }
    }
}

extension OperatorScheduleTests {
    @Test("a stored schedule with one unreadable part keeps the parts that read")
    func lenientKeepsTheRest() {
        // Given hours that read and quiet hours that do not (and the other way round)
        let badQuiet = OperatorSchedule(
            lenient: OperatorAvailability(timeZone: "Europe/Berlin", week: "mon 09:00-10:00", quietHours: "soon"))
        let badWeek = OperatorSchedule(
            lenient: OperatorAvailability(timeZone: "Europe/Berlin", week: "someday", quietHours: "22:00-07:00"))
        // Then each keeps what reads
        #expect(badQuiet.working.hours != nil && badQuiet.quiet == nil)
        #expect(badWeek.working.hours == nil && badWeek.quiet?.description == "22:00-07:00")
    }
}
