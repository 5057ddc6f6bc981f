import Foundation
import PostdeskRules
import Testing

/// Operators' shifts: in their own time zone; without hours always on shift (ARCHITECTURE §4); away is never
/// available.
@Suite struct WorkingHoursTests {
    @Test(
        "a Tokyo operator's shift, read at UTC instants",
        arguments: [
            ("2026-11-30T00:00:00Z", true),  // Monday 09:00 in Tokyo
            ("2026-11-30T09:00:00Z", false),  // 18:00 in Tokyo
            ("2026-11-29T23:59:59Z", false),  // Sunday night in UTC, Monday 08:59:59 in Tokyo
            ("2026-12-05T01:00:00Z", false),  // Saturday
        ])
    func tokyo(at: String, onShift: Bool) {
        let hours = WorkingHours(hours: calendar("Asia/Tokyo", [.monday: ["09:00-18:00"], .friday: ["09:00-18:00"]]))
        #expect(hours.isOnShift(at: instant(at)) == onShift)
        #expect(hours.isAvailable(at: instant(at)) == onShift)
    }

    @Test("no working hours: always on shift; away: never available, whatever the hours")
    func defaults() {
        let any = instant("2026-12-06T03:00:00Z")
        #expect(WorkingHours().isOnShift(at: any))
        #expect(WorkingHours().isAvailable(at: any))
        #expect(WorkingHours(away: true).isOnShift(at: any))
        #expect(!WorkingHours(away: true).isAvailable(at: any))
    }

    @Test("decodes from the YAML shape; hours and away are optional")
    func decoding() throws {
        let json = #"{"hours": {"time_zone": "Asia/Tokyo", "week": {"monday": ["09:00-18:00"]}}, "away": true}"#
        let decoded = try JSONDecoder().decode(WorkingHours.self, from: Data(json.utf8))
        #expect(decoded.away)
        #expect(decoded.hours?.week[.monday]?.first?.description == "09:00-18:00")
        #expect(try JSONDecoder().decode(WorkingHours.self, from: Data("{}".utf8)) == WorkingHours())
    }
}
