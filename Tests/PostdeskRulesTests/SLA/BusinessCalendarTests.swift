import Foundation
import PostdeskRules
import Testing

/// Business hours: weekly intervals, lunch breaks, weekends and holidays in one zone (ARCHITECTURE §1, issue 9 §5).
@Suite struct BusinessCalendarTests {
    // Berlin office: Mon-Fri 09-13 and 14-18; Friday 2026-12-25 is a holiday. 2026-11-30 is a Monday.
    let berlin = officeHours("Europe/Berlin", holidays: ["2026-12-25"])

    @Test(
        "open during office hours, closed at lunch, after hours, on weekends and holidays",
        arguments: [
            ("2026-11-30T09:00:00+01:00", true),  // opening minute is open
            ("2026-11-30T08:59:59+01:00", false),
            ("2026-11-30T12:59:59+01:00", true),
            ("2026-11-30T13:30:00+01:00", false),  // lunch
            ("2026-11-30T17:59:59+01:00", true),
            ("2026-11-30T18:00:00+01:00", false),  // the end is exclusive
            ("2026-12-05T10:00:00+01:00", false),  // Saturday
            ("2026-12-06T10:00:00+01:00", false),  // Sunday
            ("2026-12-25T10:00:00+01:00", false),  // holiday
            ("2026-12-24T10:00:00+01:00", true),
            ("2026-11-30T08:30:00+00:00", true),  // 09:30 in Berlin, written in UTC
        ])
    func isOpen(at: String, open: Bool) {
        #expect(berlin.isOpen(at: instant(at)) == open)
    }

    @Test(
        "the next opening is now when open, else the next interval's start",
        arguments: [
            ("2026-11-30T10:00:00+01:00", "2026-11-30T10:00:00+01:00"),
            ("2026-11-30T13:15:00+01:00", "2026-11-30T14:00:00+01:00"),  // after lunch
            ("2026-12-04T18:30:00+01:00", "2026-12-07T09:00:00+01:00"),  // Friday evening → Monday
            ("2026-12-24T18:30:00+01:00", "2026-12-28T09:00:00+01:00"),  // holiday, then weekend
            ("2026-11-30T03:00:00+01:00", "2026-11-30T09:00:00+01:00"),
        ])
    func nextOpening(after: String, expected: String) {
        #expect(berlin.nextOpening(after: instant(after)) == instant(expected))
    }

    @Test(
        "adding business time skips lunch, nights, weekends and holidays",
        arguments: [
            ("2026-11-30T10:00:00+01:00", 2 * hour, "2026-11-30T12:00:00+01:00"),
            ("2026-11-30T12:00:00+01:00", 2 * hour, "2026-11-30T15:00:00+01:00"),  // 1h before lunch, 1h after
            ("2026-11-30T09:00:00+01:00", 8 * hour, "2026-11-30T18:00:00+01:00"),  // ends as the office closes
            ("2026-12-04T16:00:00+01:00", 2 * hour, "2026-12-04T18:00:00+01:00"),
            ("2026-12-04T17:00:00+01:00", 2 * hour, "2026-12-07T10:00:00+01:00"),  // across the weekend
            ("2026-12-05T11:00:00+01:00", 1 * hour, "2026-12-07T10:00:00+01:00"),  // starts on Saturday
            ("2026-12-24T17:00:00+01:00", 2 * hour, "2026-12-28T10:00:00+01:00"),  // holiday and weekend
            ("2026-11-30T10:00:00+01:00", 40 * hour, "2026-12-07T10:00:00+01:00"),  // a working week
            ("2026-12-05T11:00:00+01:00", 0, "2026-12-05T11:00:00+01:00"),  // nothing to add: even when closed
        ])
    func add(start: String, seconds: TimeInterval, due: String) throws {
        #expect(try berlin.add(businessSeconds: seconds, to: instant(start)) == instant(due))
    }

    @Test(
        "business seconds between two instants count only open time",
        arguments: [
            ("2026-11-30T10:00:00+01:00", "2026-11-30T15:00:00+01:00", 4 * hour),
            ("2026-12-04T17:00:00+01:00", "2026-12-07T10:00:00+01:00", 2 * hour),
            ("2026-12-24T17:00:00+01:00", "2026-12-28T10:00:00+01:00", 2 * hour),
            ("2026-12-05T00:00:00+01:00", "2026-12-06T23:59:59+01:00", 0),  // a whole weekend
            ("2026-11-30T15:00:00+01:00", "2026-11-30T10:00:00+01:00", 0),  // backwards
            ("2026-11-30T00:00:00+01:00", "2026-12-07T00:00:00+01:00", 40 * hour),
        ])
    func businessSeconds(from: String, to: String, seconds: TimeInterval) {
        #expect(berlin.businessSeconds(from: instant(from), to: instant(to)) == seconds)
    }

    @Test("adding and measuring agree over a year of starting points")
    func addAndMeasureAgree() throws {
        // Given a start every 7 h 13 min through 2026 and amounts up to three working days
        var start = instant("2026-01-01T00:00:00+01:00")
        var checked = 0
        while start < instant("2027-01-01T00:00:00+01:00") {
            let seconds = TimeInterval((checked * 3_137) % (24 * 3600) + 1)
            // When the due time is computed, Then exactly that much business time lies between start and due
            let due = try berlin.add(businessSeconds: seconds, to: start)
            #expect(berlin.businessSeconds(from: start, to: due) == seconds)
            #expect(berlin.isOpen(at: due.addingTimeInterval(-0.5)))
            start = start.addingTimeInterval(7 * hour + 13 * 60)
            checked += 1
        }
        #expect(checked > 1000)
    }

    @Test("a calendar with no open hours answers at once: no opening, no due time, no business time")
    func noHours() throws {
        // Given a calendar whose week is empty
        let closed = calendar("Europe/Berlin", [:])
        let now = instant("2026-11-30T10:00:00+01:00")
        // Then nothing loops: there is no opening, adding throws a typed, permanent error, measuring gives zero
        #expect(closed.nextOpening(after: now) == nil)
        #expect(!closed.isOpen(at: now))
        #expect(closed.businessSeconds(from: now, to: now.addingTimeInterval(1e9)) == 0)
        let error = #expect(throws: BusinessCalendarError.self) { try closed.add(businessSeconds: 1, to: now) }
        #expect(error?.code == .neverOpens)
        #expect(error?.isTransient == false)
    }

    @Test("holidays covering every open day of the search horizon end the search with neverOpens")
    func holidaysToTheHorizon() throws {
        // Given a help desk open on Mondays only, and every Monday for eleven years a holiday
        var mondays: [String] = []
        var day = try BusinessCalendarDate(parsing: "2026-11-30")
        while day.components.year < 2038 {
            mondays.append(day.description)
            day = BusinessCalendarDate(dayNumber: day.dayNumber + 7)
        }
        let mondaysOnly = calendar("UTC", [.monday: ["09:00-10:00"]], holidays: mondays)
        let now = instant("2026-11-29T12:00:00Z")
        // Then the search gives up after the horizon instead of walking on
        #expect(mondaysOnly.nextOpening(after: now) == nil)
        #expect(throws: BusinessCalendarError.self) { try mondaysOnly.add(businessSeconds: 60, to: now) }
        // And past the holidays it opens again
        #expect(mondaysOnly.nextOpening(after: instant("2037-12-31T00:00:00Z")) != nil)
    }

    @Test("a 24/7 calendar is always open and business time is elapsed time, across DST too")
    func alwaysOpen() throws {
        let always = try BusinessCalendar.alwaysOpen(timeZone: "Europe/Berlin")
        let start = instant("2026-03-28T12:00:00+01:00")
        #expect(always.isAlwaysOpen)
        #expect(always.isOpen(at: instant("2026-03-29T02:30:00+00:00")))
        #expect(always.nextOpening(after: start) == start)
        #expect(try always.add(businessSeconds: 24 * hour, to: start) == instant("2026-03-29T13:00:00+02:00"))
        #expect(always.businessSeconds(from: start, to: instant("2026-03-30T12:00:00+02:00")) == 47 * hour)
    }
}
