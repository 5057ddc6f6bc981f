import Foundation
import PostdeskRules
import Testing

/// Business time is real elapsed time in the calendar's zone: DST changes make days 23 or 25 hours long, skipped
/// wall times open when the clocks jump, repeated ones at their first occurrence.
@Suite struct BusinessCalendarTimeZoneTests {
    @Test(
        "a calendar open all day measures a local day's real length",
        arguments: [
            ("Europe/Berlin", "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00", 23 * hour),  // spring forward
            ("Europe/Berlin", "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00", 25 * hour),  // fall back
            ("Europe/Berlin", "2026-11-30T00:00:00+01:00", "2026-12-01T00:00:00+01:00", 24 * hour),
            ("America/New_York", "2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00", 23 * hour),
            ("America/New_York", "2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00", 25 * hour),
            ("Asia/Tokyo", "2026-03-29T00:00:00+09:00", "2026-03-30T00:00:00+09:00", 24 * hour),  // no DST
            ("Europe/Moscow", "2026-03-29T00:00:00+03:00", "2026-03-30T00:00:00+03:00", 24 * hour),  // none since 2014
            ("Europe/Moscow", "2014-10-26T00:00:00+04:00", "2014-10-27T00:00:00+03:00", 25 * hour),  // back to +03
            ("Europe/Moscow", "2011-03-27T00:00:00+03:00", "2011-03-28T00:00:00+04:00", 23 * hour),  // last spring
        ])
    func dayLength(zone: String, from: String, to: String, seconds: TimeInterval) throws {
        // Given the same day measured by the day-walking arithmetic and by the 24/7 shortcut
        let walked = aroundTheClockWalked(zone)
        let always = try BusinessCalendar.alwaysOpen(timeZone: zone)
        // Then both give the real elapsed time
        #expect(walked.businessSeconds(from: instant(from), to: instant(to)) == seconds)
        #expect(always.businessSeconds(from: instant(from), to: instant(to)) == seconds)
        #expect(try walked.add(businessSeconds: seconds, to: instant(from)) == instant(to))
    }

    // Sunday night shifts around the Berlin changes: 2026-03-29 (02:00 → 03:00) and 2026-10-25 (03:00 → 02:00).
    @Test(
        "intervals across a DST change in Berlin",
        arguments: [
            // 01:00-05:00 on spring-forward Sunday is three real hours
            ("01:00-05:00", "2026-03-29T00:00:00+01:00", 3 * hour, "2026-03-29T05:00:00+02:00"),
            // 01:00-04:00 on fall-back Sunday is four: 02:00-03:00 happens twice
            ("01:00-04:00", "2026-10-25T00:00:00+02:00", 4 * hour, "2026-10-25T04:00:00+01:00"),
            // two hours after 01:00 CEST is the second 02:00 (CET)
            ("01:00-04:00", "2026-10-25T00:00:00+02:00", 2 * hour, "2026-10-25T02:00:00+01:00"),
            // an interval opening at a repeated time opens at its first occurrence (CEST), closes at 04:00 CET
            ("02:30-04:00", "2026-10-25T00:00:00+02:00", 2.5 * hour, "2026-10-25T04:00:00+01:00"),
            ("02:30-04:00", "2026-10-25T00:00:00+02:00", 0.5 * hour, "2026-10-25T02:00:00+01:00"),
            // an interval opening at a skipped time opens when the clocks jump to 03:00
            ("02:30-04:00", "2026-03-29T00:00:00+01:00", 1 * hour, "2026-03-29T04:00:00+02:00"),
        ])
    func sundayNight(interval: String, start: String, seconds: TimeInterval, due: String) throws {
        let night = calendar("Europe/Berlin", [.sunday: [interval]])
        #expect(try night.add(businessSeconds: seconds, to: instant(start)) == instant(due))
        #expect(night.businessSeconds(from: instant(start), to: instant(due)) == seconds)
    }

    @Test("an interval inside the skipped hour has no instants; the next Sunday opens as usual")
    func intervalInsideTheGap() {
        let night = calendar("Europe/Berlin", [.sunday: ["02:00-02:30", "03:00-04:00"]])
        // When the clocks jump from 02:00 to 03:00, Then 02:00-02:30 never happens and 03:00 opens first
        #expect(night.nextOpening(after: instant("2026-03-29T00:00:00+01:00")) == instant("2026-03-29T03:00:00+02:00"))
        #expect(night.nextOpening(after: instant("2026-04-05T00:00:00+02:00")) == instant("2026-04-05T02:00:00+02:00"))
        #expect(night.isOpen(at: instant("2026-03-29T03:30:00+02:00")))
        #expect(!night.isOpen(at: instant("2026-03-29T01:59:59+01:00")))
    }

    @Test(
        "office hours keep their wall times on both sides of a DST change",
        arguments: [
            // Berlin, Mon-Fri 09-13/14-18: Friday before spring forward → Monday after
            ("Europe/Berlin", "2026-03-27T17:00:00+01:00", 2 * hour, "2026-03-30T10:00:00+02:00"),
            ("Europe/Berlin", "2026-10-23T17:00:00+02:00", 2 * hour, "2026-10-26T10:00:00+01:00"),
            ("America/New_York", "2026-03-06T17:00:00-05:00", 2 * hour, "2026-03-09T10:00:00-04:00"),
            ("America/New_York", "2026-10-30T17:00:00-04:00", 2 * hour, "2026-11-02T10:00:00-05:00"),
            ("Asia/Tokyo", "2026-11-30T17:00:00+09:00", 3 * hour, "2026-12-01T11:00:00+09:00"),
            ("Europe/Moscow", "2026-12-04T17:30:00+03:00", 1 * hour, "2026-12-07T09:30:00+03:00"),
            // written in UTC: 08:00Z is 17:00 in Tokyo, an hour before closing
            ("Asia/Tokyo", "2026-11-30T08:00:00+00:00", 1 * hour, "2026-11-30T09:00:00+00:00"),
        ])
    func officeAcrossChanges(zone: String, start: String, seconds: TimeInterval, due: String) throws {
        let office = officeHours(zone)
        #expect(try office.add(businessSeconds: seconds, to: instant(start)) == instant(due))
        #expect(office.businessSeconds(from: instant(start), to: instant(due)) == seconds)
    }

    @Test("opening at 09:00 local means different UTC instants in each zone")
    func openingPerZone() {
        let monday = instant("2026-11-30T00:00:00Z")
        #expect(officeHours("Asia/Tokyo").nextOpening(after: monday) == instant("2026-11-30T00:00:00Z"))
        #expect(officeHours("Europe/Moscow").nextOpening(after: monday) == instant("2026-11-30T06:00:00Z"))
        #expect(officeHours("Europe/Berlin").nextOpening(after: monday) == instant("2026-11-30T08:00:00Z"))
        #expect(officeHours("America/New_York").nextOpening(after: monday) == instant("2026-11-30T14:00:00Z"))
    }
}

/// The walked arithmetic against Foundation's own calendar, day by day, in zones with odd changes.
@Suite struct BusinessCalendarDayBoundaryTests {
    @Test(
        "every local day from 2011 to 2014 is as long as Foundation says",
        arguments: [
            "Europe/Berlin", "America/New_York", "Europe/Moscow", "Asia/Tokyo",
            "America/Sao_Paulo",  // DST changed at midnight (until 2019): some days start at 01:00
            "Australia/Lord_Howe",  // a half-hour DST
            "Pacific/Apia",  // skipped 2011-12-30 entirely
        ])
    func dayLengths(zone: String) throws {
        // Given a calendar open all day, every day, and Foundation's Gregorian calendar in the same zone
        let walked = aroundTheClockWalked(zone)
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = try #require(TimeZone(identifier: zone))
        var day = gregorian.startOfDay(for: instant("2011-01-01T12:00:00Z"))
        var mismatches: [String] = []
        while day < instant("2014-12-31T00:00:00Z") {
            let next = try #require(gregorian.date(byAdding: .day, value: 1, to: day))
            let nextStart = gregorian.startOfDay(for: next.addingTimeInterval(6 * hour))
            // When one local day is measured, Then it is the real time between the two local midnights
            let measured = walked.businessSeconds(from: day, to: nextStart)
            if measured != nextStart.timeIntervalSince(day) { mismatches.append("\(day): \(measured)") }
            if walked.nextOpening(after: day.addingTimeInterval(-0.5)) != day.addingTimeInterval(-0.5) {
                mismatches.append("\(day): not open")
            }
            day = nextStart
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
