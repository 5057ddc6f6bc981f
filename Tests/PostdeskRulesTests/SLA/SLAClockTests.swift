import Foundation
import PostdeskCore
import PostdeskRules
import Testing

/// SLA clocks in business hours, paused while pending (issue 9 §5). The office is Berlin, Mon-Fri 09-13/14-18,
/// Friday 2026-12-25 a holiday; 2026-11-30 is a Monday. Targets: first response 2h, next response 4h,
/// resolution 16h (two working days), warning at 80%.
@Suite struct SLAClockTests {
    let clock = SLAClock(
        policy: try! SLAPolicy(
            name: "standard",
            targets: [.firstResponse: .hours(2), .nextResponse: .hours(4), .resolution: .hours(16)]),
        calendar: officeHours("Europe/Berlin", holidays: ["2026-12-25"]))

    /// Shorthand for Berlin wall times in winter.
    func at(_ wall: String) -> Date { instant(wall + ":00+01:00") }

    @Test(
        "first response: due two business hours after creation, met or breached by the first public reply",
        arguments: [
            // created, reply, now, due, phase
            ("2026-11-30T10:00", "2026-11-30T11:00", "2026-11-30T16:00", "2026-11-30T12:00", SLATargetState.Phase.met),
            ("2026-11-30T10:00", "2026-11-30T12:00", "2026-11-30T16:00", "2026-11-30T12:00", .met),  // on the minute
            ("2026-11-30T10:00", "2026-11-30T14:30", "2026-11-30T16:00", "2026-11-30T12:00", .breached),
            ("2026-11-30T10:00", nil, "2026-11-30T11:00", "2026-11-30T12:00", .running),
            ("2026-11-30T10:00", nil, "2026-11-30T12:00", "2026-11-30T12:00", .breached),
            ("2026-11-30T12:30", nil, "2026-11-30T12:31", "2026-11-30T15:30", .running),  // lunch in between
            ("2026-12-04T17:00", nil, "2026-12-05T10:00", "2026-12-07T10:00", .running),  // spans a weekend
            ("2026-12-24T17:30", nil, "2026-12-24T17:31", "2026-12-28T10:30", .running),  // holiday + weekend
            ("2026-12-05T10:00", nil, "2026-12-07T08:00", "2026-12-07T11:00", .running),  // created on Saturday
        ] as [(String, String?, String, String, SLATargetState.Phase)])
    func firstResponse(created: String, reply: String?, now: String, due: String, phase: SLATargetState.Phase)
        throws
    {
        var history: [SLAEvent] = [.created(at: at(created))]
        if let reply { history.append(.operatorReply(at: at(reply))) }
        let state = try #require(try clock.report(history: history, now: at(now)).firstResponse)
        #expect(state.phase == phase)
        if phase == .met, at(reply!) < at(due) {
            #expect(state.due == nil)  // met before it was reached: no due moment ever came
        } else {
            #expect(state.due == at(due))
        }
    }

    @Test(
        "pending pauses the clock and moves the due time by the paused business time",
        arguments: [
            // One pause: 10:30-14:30 pending takes 2h30 of business time (lunch is not business time) → due 14:30+1h30
            ([("2026-11-30T10:30", TicketStatus.pending), ("2026-11-30T14:30", .open)], "2026-11-30T16:00"),
            // Two pauses: 30m run, 10:30-11:00 pending, 30m run, 11:30-Tue 09:30 pending, 1h left → Tue 10:30
            (
                [
                    ("2026-11-30T10:30", .pending), ("2026-11-30T11:00", .open), ("2026-11-30T11:30", .pending),
                    ("2026-12-01T09:30", .open),
                ], "2026-12-01T10:30"
            ),
            // Three pauses, one across the weekend: Fri 17:00 created, 17:30 pending → Mon 09:00 open, 10:00 pending
            // → Mon 12:00 open; 30m + 1h used, 30m left → 12:30
            (
                [
                    ("2026-12-04T17:30", .pending), ("2026-12-07T09:00", .open), ("2026-12-07T10:00", .pending),
                    ("2026-12-07T12:00", .open),
                ], "2026-12-07T12:30"
            ),
            // Pending outside business hours costs nothing: Mon 18:30-Tue 08:00
            ([("2026-11-30T18:30", .pending), ("2026-12-01T08:00", .open)], "2026-11-30T12:00"),
        ] as [([(String, TicketStatus)], String)])
    func pauses(changes: [(String, TicketStatus)], due: String) throws {
        // Given a ticket created at the first change's working day, 10:00 (or Friday 17:00)
        let created = changes.first!.0.hasPrefix("2026-12-04") ? "2026-12-04T17:00" : "2026-11-30T10:00"
        let history = [SLAEvent.created(at: at(created))] + changes.map { .statusChanged(to: $0.1, at: at($0.0)) }
        // When the clock is read after the last change
        let state = try #require(
            try clock.report(history: history, now: at(changes.last!.0).addingTimeInterval(1)).firstResponse)
        // Then the due time moved by exactly the paused business time
        #expect(state.due == at(due))
    }

    @Test("while pending the clock is paused: no due time, the remaining business time kept")
    func pausedNow() throws {
        let history: [SLAEvent] = [
            .created(at: at("2026-11-30T10:00")), .statusChanged(to: .pending, at: at("2026-11-30T11:40")),
        ]
        let state = try #require(try clock.report(history: history, now: at("2026-12-02T10:00")).firstResponse)
        #expect(state.phase == .paused)
        #expect(state.due == nil)
        #expect(state.remainingSeconds == 20 * 60)
        #expect(state.warningAt == at("2026-11-30T11:36"))  // 80% of 2h was reached before the pause
        // A pause before the warning threshold leaves the warning unknown, like the due time
        let early: [SLAEvent] = [
            .created(at: at("2026-11-30T10:00")), .statusChanged(to: .pending, at: at("2026-11-30T11:30")),
        ]
        #expect(try clock.report(history: early, now: at("2026-12-02T10:00")).firstResponse?.warningAt == nil)
    }

    @Test("a breach before the pause stays a breach")
    func breachedThenPaused() throws {
        let history: [SLAEvent] = [
            .created(at: at("2026-11-30T10:00")), .statusChanged(to: .pending, at: at("2026-11-30T15:00")),
        ]
        let report = try clock.report(history: history, now: at("2026-12-01T10:00"))
        #expect(report.firstResponse?.phase == .breached)
        #expect(report.firstResponse?.due == at("2026-11-30T12:00"))
        #expect(report.breaches.map(\.target) == [.firstResponse])
    }

    @Test("next response: each customer message left unanswered after a reply starts a cycle")
    func nextResponse() throws {
        // Given a first reply on Monday, and the customer writing twice (one answered in time, one not)
        let history: [SLAEvent] = [
            .created(at: at("2026-11-30T10:00")),
            .operatorReply(at: at("2026-11-30T11:00")), .statusChanged(to: .pending, at: at("2026-11-30T11:00")),
            .customerMessage(at: at("2026-12-01T10:00")), .statusChanged(to: .open, at: at("2026-12-01T10:00")),
            .customerMessage(at: at("2026-12-01T11:00")),  // a second message does not restart the cycle
            .operatorReply(at: at("2026-12-01T13:00")), .statusChanged(to: .pending, at: at("2026-12-01T13:00")),
            .customerMessage(at: at("2026-12-02T10:00")), .statusChanged(to: .open, at: at("2026-12-02T10:00")),
        ]
        // When read on Wednesday afternoon with no answer to the last message
        let report = try clock.report(history: history, now: at("2026-12-02T16:00"))
        // Then the first cycle was met, the second breached at 15:00 (10-13, 14-15)
        #expect(report.firstResponse?.phase == .met)
        #expect(report.nextResponse?.startedAt == at("2026-12-02T10:00"))
        #expect(report.nextResponse?.phase == .breached)
        #expect(report.nextResponse?.due == at("2026-12-02T15:00"))
        #expect(report.breaches.map(\.target) == [.nextResponse])
        // And read before the second cycle began, the first cycle shows as met
        let earlier = try clock.report(history: history, now: at("2026-12-01T17:00"))
        #expect(earlier.nextResponse?.phase == .met)
        #expect(earlier.nextResponse?.stoppedAt == at("2026-12-01T13:00"))
    }

    @Test("resolution: solving stops the clock, reopening resumes it where it stopped")
    func resolution() throws {
        // Given a ticket solved after 8 business hours, then reopened by the customer a week later
        var history: [SLAEvent] = [
            .created(at: at("2026-11-30T09:00")), .statusChanged(to: .solved, at: at("2026-11-30T18:00")),
        ]
        let solved = try clock.report(history: history, now: at("2026-12-03T10:00")).resolution
        #expect(solved?.phase == .met)
        #expect(solved?.remainingSeconds == 8 * hour)
        history += [
            .customerMessage(at: at("2026-12-07T09:00")), .statusChanged(to: .open, at: at("2026-12-07T09:00")),
        ]
        // When read after reopening, Then 8 hours remain from Monday 09:00
        let reopened = try clock.report(history: history, now: at("2026-12-07T09:30")).resolution
        #expect(reopened?.phase == .running)
        #expect(reopened?.due == at("2026-12-07T18:00"))
        #expect(reopened?.stoppedAt == nil)
    }

    @Test("warnings fire at the configured share of the target; nil turns them off")
    func warnings() throws {
        let history: [SLAEvent] = [.created(at: at("2026-11-30T10:00"))]
        let eighty = try clock.report(history: history, now: at("2026-11-30T10:01"))
        #expect(eighty.firstResponse?.warningAt == at("2026-11-30T11:36"))
        #expect(eighty.resolution?.warningAt == at("2026-12-01T15:48"))  // 12h48: Mon 7h, Tue 4h + 1h48
        var quiet = clock
        quiet.policy.warnAtPercent = nil
        #expect(try quiet.report(history: history, now: at("2026-11-30T10:01")).firstResponse?.warningAt == nil)
    }

    @Test("events after now have not happened; without a creation nothing is measured; missing targets are absent")
    func edges() throws {
        let history: [SLAEvent] = [.created(at: at("2026-11-30T10:00")), .operatorReply(at: at("2026-11-30T11:00"))]
        #expect(try clock.report(history: history, now: at("2026-11-30T10:30")).firstResponse?.phase == .running)
        #expect(
            try clock.report(history: [.operatorReply(at: at("2026-11-30T11:00"))], now: at("2026-12-01T10:00")).current
                .isEmpty)
        let onlyFirst = SLAClock(
            policy: try SLAPolicy(name: "first", targets: [.firstResponse: .hours(1)]), calendar: clock.calendar)
        let report = try onlyFirst.report(history: history, now: at("2026-11-30T12:00"))
        #expect(report.resolution == nil && report.nextResponse == nil && report.firstResponse != nil)
    }

    @Test("a running clock in a calendar without hours is a typed error, not an endless loop")
    func noHours() throws {
        let stuck = SLAClock(policy: clock.policy, calendar: calendar("UTC", [:]))
        #expect(throws: BusinessCalendarError.self) {
            try stuck.report(history: [.created(at: at("2026-11-30T10:00"))], now: at("2026-11-30T11:00"))
        }
    }

    @Test("24/7: due times are plain elapsed time, pauses included")
    func aroundTheClock() throws {
        let always = SLAClock(policy: clock.policy, calendar: try .alwaysOpen(timeZone: "Asia/Tokyo"))
        let history: [SLAEvent] = [
            .created(at: at("2026-12-05T10:00")), .statusChanged(to: .pending, at: at("2026-12-05T10:30")),
            .statusChanged(to: .open, at: at("2026-12-05T11:30")),
        ]
        let report = try always.report(history: history, now: at("2026-12-05T11:31"))
        #expect(report.firstResponse?.due == at("2026-12-05T13:00"))
        #expect(report.resolution?.due == at("2026-12-06T03:00"))
    }
}
