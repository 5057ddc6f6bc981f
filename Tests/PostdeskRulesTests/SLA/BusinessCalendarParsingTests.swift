import Foundation
import PostdeskRules
import Testing

/// Calendars and SLA policies come from admins' YAML: malformed values are refused where they enter.
@Suite struct BusinessCalendarParsingTests {
    @Test(
        "intervals are HH:MM-HH:MM within one day",
        arguments: [
            ("09:00-13:00", "09:00-13:00"), ("00:00-24:00", "00:00-24:00"), (" 09:00 - 13:00 ", "09:00-13:00"),
            ("13:00-09:00", nil), ("09:00-09:00", nil), ("22:00-06:00", nil),  // crossing midnight: two intervals
            ("9:00-10:00", nil), ("09:00-24:01", nil), ("24:00-24:00", nil), ("09:60-10:00", nil), ("09:00", nil),
            ("09:00-10:00-11:00", nil), ("０９:00-10:00", nil), ("-1:00-10:00", nil), ("", nil),
        ] as [(String, String?)])
    func interval(text: String, parsed: String?) {
        #expect((try? BusinessCalendarInterval(parsing: text))?.description == parsed)
    }

    @Test(
        "holidays are real YYYY-MM-DD dates",
        arguments: [
            ("2026-12-25", "2026-12-25"), ("2028-02-29", "2028-02-29"), ("2026-02-29", nil), ("2026-13-01", nil),
            ("2026-1-01", nil), ("26-01-01", nil), ("2026-00-10", nil), ("0000-01-01", nil), ("+026-01-01", nil),
        ] as [(String, String?)])
    func date(text: String, parsed: String?) {
        #expect((try? BusinessCalendarDate(parsing: text))?.description == parsed)
    }

    @Test("weekday arithmetic matches the real calendar")
    func weekdays() throws {
        #expect(try BusinessCalendarDate(parsing: "2026-12-01").weekday == .tuesday)
        #expect(try BusinessCalendarDate(parsing: "1970-01-01").weekday == .thursday)
        #expect(try BusinessCalendarDate(parsing: "1969-12-28").weekday == .sunday)
        #expect(try BusinessCalendarDate(parsing: "2000-02-29").weekday == .tuesday)
    }

    @Test(
        "durations are 4h, 1h30m, 45m, 90s",
        arguments: [
            ("4h", 14_400), ("1h30m", 5_400), ("45m", 2_700), ("90s", 90), ("0m", 0), ("1h1s", 3_601),
            ("", nil), ("h", nil), ("4", nil), ("30m1h", nil), ("2d", nil), ("-1h", nil), ("1.5h", nil),
            ("999999999h", nil), ("4h ", nil), ("1m1m", nil),
        ] as [(String, Int?)])
    func duration(text: String, seconds: Int?) {
        #expect((try? SLADuration(parsing: text))?.seconds == seconds)
    }

    @Test("a calendar refuses unknown zones and overlapping intervals with typed errors")
    func calendarErrors() throws {
        let nine = try BusinessCalendarInterval(parsing: "09:00-13:00")
        let noon = try BusinessCalendarInterval(parsing: "12:00-14:00")
        let zone = #expect(throws: BusinessCalendarError.self) {
            try BusinessCalendar(timeZone: "Mars/Olympus_Mons", week: [:])
        }
        #expect(zone?.code == .unknownTimeZone)
        let overlap = #expect(throws: BusinessCalendarError.self) {
            try BusinessCalendar(timeZone: "UTC", week: [.monday: [noon, nine]])
        }
        #expect(overlap?.code == .overlappingIntervals)
        #expect(throws: BusinessCalendarError.self) { try calendarOf("UTC").add(businessSeconds: -1, to: Date()) }
        #expect(throws: BusinessCalendarError.self) { try calendarOf("UTC").add(businessSeconds: .nan, to: Date()) }
    }

    func calendarOf(_ zone: String) -> BusinessCalendar { officeHours(zone) }

    @Test("a calendar and a policy round-trip through the YAML-shaped JSON")
    func roundTrip() throws {
        let text = #"""
            {"time_zone": "Europe/Berlin",
             "week": {"monday": ["14:00-18:00", "09:00-13:00"], "friday": ["09:00-16:00"]},
             "holidays": ["2027-01-01", "2026-12-25"]}
            """#
        let decoded = try JSONDecoder().decode(BusinessCalendar.self, from: Data(text.utf8))
        #expect(decoded.week[.monday]?.map(\.description) == ["09:00-13:00", "14:00-18:00"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let encoded = String(decoding: try encoder.encode(decoded), as: UTF8.self)
        #expect(
            encoded
                == #"{"holidays":["2026-12-25","2027-01-01"],"time_zone":"Europe\/Berlin","#
                + #""week":{"friday":["09:00-16:00"],"monday":["09:00-13:00","14:00-18:00"]}}"#)
        #expect(try JSONDecoder().decode(BusinessCalendar.self, from: Data(encoded.utf8)) == decoded)

        let policy =
            #"{"name": "vip", "targets": {"first_response": "1h", "resolution": "1h30m"}, "warn_at_percent": 75}"#
        let decodedPolicy = try JSONDecoder().decode(SLAPolicy.self, from: Data(policy.utf8))
        #expect(decodedPolicy.targets[.resolution]?.seconds == 5_400)
        #expect(try JSONDecoder().decode(SLAPolicy.self, from: encoder.encode(decodedPolicy)) == decodedPolicy)
    }

    @Test(
        "hostile YAML values are refused",
        arguments: [
            #"{"time_zone": "../../etc/passwd", "week": {}}"#,
            #"{"time_zone": "UTC", "week": {"funday": ["09:00-10:00"]}}"#,
            #"{"time_zone": "UTC", "week": {"monday": ["09:00-10:00", "09:30-11:00"]}}"#,
            #"{"time_zone": "UTC", "week": {"monday": ["22:00-02:00"]}}"#,
            #"{"time_zone": "UTC", "holidays": ["2026-02-30"]}"#,
        ])
    func hostileCalendar(json: String) {
        #expect(throws: (any Error).self) { try JSONDecoder().decode(BusinessCalendar.self, from: Data(json.utf8)) }
    }

    @Test(
        "hostile policies are refused",
        arguments: [
            #"{"name": "x", "targets": {"first_response": "-1h"}}"#,
            #"{"name": "x", "targets": {"first_reply": "1h"}}"#,
            #"{"name": "x", "targets": {"first_response": "1h"}, "warn_at_percent": 100}"#,
            #"{"name": "x", "targets": {"first_response": "1h"}, "warn_at_percent": 0}"#,
        ])
    func hostilePolicy(json: String) {
        #expect(throws: (any Error).self) { try JSONDecoder().decode(SLAPolicy.self, from: Data(json.utf8)) }
    }
}
