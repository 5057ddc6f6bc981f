import Foundation
import PostdeskRules
import Testing

/// A schedule's occurrences on the local wall clock, DST included (issue 9, point 1: "every day at 09:00 in a time
/// zone").
@Suite struct RuleScheduleTests {
    static func utc(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }

    static let berlin = try! RuleSchedule(name: "morning", at: 9 * 3600, timeZone: "Europe/Berlin")

    @Test(
        "09:00 Berlin is 08:00Z in winter and 07:00Z in summer, on both sides of each change",
        arguments: [
            // the last winter morning before spring forward (Sunday 2026-03-29, 02:00 → 03:00)
            ("2026-03-28T12:00:00Z", "2026-03-28T08:00:00Z", "2026-03-29T07:00:00Z"),
            // the morning of the change itself, and the one after
            ("2026-03-29T07:00:00Z", "2026-03-29T07:00:00Z", "2026-03-30T07:00:00Z"),
            ("2026-03-29T06:59:59Z", "2026-03-28T08:00:00Z", "2026-03-29T07:00:00Z"),
            // fall back (Sunday 2026-10-25, 03:00 → 02:00)
            ("2026-10-24T12:00:00Z", "2026-10-24T07:00:00Z", "2026-10-25T08:00:00Z"),
            ("2026-10-25T07:30:00Z", "2026-10-24T07:00:00Z", "2026-10-25T08:00:00Z"),
        ])
    func berlinAcrossDST(now: String, latest: String, next: String) {
        let instant = Self.utc(now)
        #expect(Self.berlin.latestOccurrence(atOrBefore: instant) == Self.utc(latest))
        #expect(Self.berlin.nextOccurrence(after: instant) == Self.utc(next))
    }

    @Test("a skipped wall time occurs at the jump; a repeated one at its first showing")
    func gapAndOverlap() throws {
        let night = try RuleSchedule(name: "night", at: 2 * 3600 + 1800, timeZone: "Europe/Berlin")
        // 02:30 does not exist on 2026-03-29: the clocks jump from 02:00 CET (01:00Z) to 03:00 CEST
        #expect(night.nextOccurrence(after: Self.utc("2026-03-28T12:00:00Z")) == Self.utc("2026-03-29T01:00:00Z"))
        // 02:30 happens twice on 2026-10-25: first at 00:30Z (CEST), again at 01:30Z (CET); it fires once
        #expect(night.nextOccurrence(after: Self.utc("2026-10-24T12:00:00Z")) == Self.utc("2026-10-25T00:30:00Z"))
        #expect(night.nextOccurrence(after: Self.utc("2026-10-25T00:30:00Z")) == Self.utc("2026-10-26T01:30:00Z"))
    }

    @Test("weekdays are read in the schedule's zone; without them every day counts")
    func weekdays() throws {
        // Given 09:00 Tokyo on Mondays only (2026-11-30 is a Monday; 09:00 JST is 00:00Z)
        let monday = try RuleSchedule(name: "m", at: 9 * 3600, timeZone: "Asia/Tokyo", weekdays: [.monday])
        // Then from a Tuesday the latest is the day before, and the next is six days later
        #expect(
            monday.latestOccurrence(atOrBefore: Self.utc("2026-12-01T12:00:00Z")) == Self.utc("2026-11-30T00:00:00Z"))
        #expect(monday.nextOccurrence(after: Self.utc("2026-12-01T12:00:00Z")) == Self.utc("2026-12-07T00:00:00Z"))
        // And a schedule on no weekday never occurs
        let never = try RuleSchedule(name: "n", at: 0, timeZone: "UTC", weekdays: [])
        #expect(never.latestOccurrence(atOrBefore: Self.utc("2026-12-01T12:00:00Z")) == nil)
        #expect(never.nextOccurrence(after: Self.utc("2026-12-01T12:00:00Z")) == nil)
    }

    @Test(
        "an unknown zone or a time outside the day is refused", arguments: [(9 * 3600, "Mars/Base"), (86_400, "UTC")])
    func refused(seconds: Int, zone: String) {
        #expect(throws: BusinessCalendarError.self) {
            try RuleSchedule(name: "x", at: seconds, timeZone: zone)
        }
    }

    @Test("rules check: a rule listening to an undeclared schedule is an error at that event")
    func undeclaredSchedule() throws {
        let document = RuleDocument(
            rules: RuleSet(rules: [
                Rule(name: "Ok", on: [.schedule("morning")], then: [.addTags(["a"])]),
                Rule(name: "Typo", on: [.ticketCreated, .schedule("mornig")], then: [.addTags(["b"])]),
            ]),
            schedules: [Self.berlin])
        let problems = RuleDocumentCheck.problems(in: document)
        #expect(
            problems.map(\.description) == [
                "rules[1].on[1].schedule: error: no schedule named \"mornig\" in schedules:, so this event never fires"
            ])
    }
}
