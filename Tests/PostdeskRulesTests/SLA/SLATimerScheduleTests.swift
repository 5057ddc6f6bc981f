import Foundation
import PostdeskCore
import PostdeskRules
import Testing

/// Timers for SLA warning and breach events: stable ids, fire once, survive restarts (issue 9 §5).
@Suite struct SLATimerScheduleTests {
    let clock = SLAClock(
        policy: try! SLAPolicy(name: "standard", targets: [.firstResponse: .hours(2), .resolution: .hours(16)]),
        calendar: officeHours("Europe/Berlin"))
    let ticket = TicketID(12)

    func at(_ wall: String) -> Date { instant(wall + ":00+01:00") }

    func schedule(_ history: [SLAEvent], now: Date) throws -> SLATimerSchedule {
        SLATimerSchedule(ticket: ticket, report: try clock.report(history: history, now: now))
    }

    @Test("a running clock has a warning and a breach timer ahead")
    func upcoming() throws {
        let now = at("2026-11-30T10:05")
        let timers = try schedule([.created(at: at("2026-11-30T10:00"))], now: now).upcoming(after: now)
        #expect(
            timers.map { "\($0.target.rawValue) \($0.kind.rawValue) \($0.due == at("2026-11-30T11:36"))" } == [
                "first_response warning true", "first_response breach false", "resolution warning false",
                "resolution breach false",
            ])
        #expect(timers[1].due == at("2026-11-30T12:00"))
        #expect(timers[1].id == "12/first_response/breach/\(Int(at("2026-11-30T12:00").timeIntervalSince1970))")
    }

    @Test("a breach that fell due while the process was stopped fires exactly once on start")
    func breachWhileStopped() throws {
        // Given a ticket created at 10:00, and the process stopped from 10:05 to 15:00
        let history: [SLAEvent] = [.created(at: at("2026-11-30T10:00"))]
        var fired: Set<String> = []
        // When the process starts at 15:00
        let onStart = try schedule(history, now: at("2026-11-30T15:00")).due(
            at: at("2026-11-30T15:00"), alreadyFired: fired)
        // Then the missed breach fires (the warning is moot now that the clock breached)
        #expect(onStart.map { "\($0.target.rawValue) \($0.kind.rawValue)" } == ["first_response breach"])
        fired.formUnion(onStart.map(\.id))
        // And the next tick, and a restart with the same history, fire nothing again
        #expect(
            try schedule(history, now: at("2026-11-30T15:01")).due(at: at("2026-11-30T15:01"), alreadyFired: fired)
                .isEmpty)
        #expect(
            try schedule(history, now: at("2026-12-01T09:00")).due(at: at("2026-12-01T09:00"), alreadyFired: fired)
                .isEmpty)
    }

    @Test("a warning due while stopped fires once when the clock still runs")
    func warningWhileStopped() throws {
        let history: [SLAEvent] = [.created(at: at("2026-11-30T10:00"))]
        let now = at("2026-11-30T11:50")
        let due = try schedule(history, now: now).due(at: now, alreadyFired: [])
        #expect(due.map(\.kind) == [.warning])
        #expect(try schedule(history, now: now).due(at: now, alreadyFired: Set(due.map(\.id))).isEmpty)
    }

    @Test("a pause moves the breach timer; the old moment never fires")
    func pauseMovesBreach() throws {
        let created: [SLAEvent] = [.created(at: at("2026-11-30T10:00"))]
        let before = try schedule(created, now: at("2026-11-30T10:30")).upcoming(after: at("2026-11-30T10:30"))
        let paused =
            created + [
                .statusChanged(to: .pending, at: at("2026-11-30T10:30")),
                .statusChanged(to: .open, at: at("2026-11-30T11:30")),
            ]
        let after = try schedule(paused, now: at("2026-11-30T12:30"))
        // At the old due time nothing breached: the clock was paused for an hour
        #expect(after.due(at: at("2026-11-30T12:30"), alreadyFired: []).allSatisfy { $0.kind == .warning })
        let oldBreach = before.first { $0.kind == .breach && $0.target == .firstResponse }!
        let newBreach = after.timers.first { $0.kind == .breach && $0.target == .firstResponse }!
        #expect(oldBreach.due == at("2026-11-30T12:00"))
        #expect(newBreach.due == at("2026-11-30T13:00"))  // 30m before the pause, 1h30 after: ends as lunch starts
        #expect(oldBreach.id != newBreach.id)
    }

    @Test("a met clock has no timers; a paused one has none ahead")
    func metAndPaused() throws {
        let met = try schedule(
            [
                .created(at: at("2026-11-30T10:00")), .operatorReply(at: at("2026-11-30T10:30")),
                .statusChanged(to: .solved, at: at("2026-11-30T10:30")),
            ], now: at("2026-11-30T11:00"))
        #expect(met.timers.isEmpty)
        let paused = try schedule(
            [.created(at: at("2026-11-30T10:00")), .statusChanged(to: .pending, at: at("2026-11-30T10:30"))],
            now: at("2026-11-30T11:00"))
        #expect(paused.timers.isEmpty)
    }
}
