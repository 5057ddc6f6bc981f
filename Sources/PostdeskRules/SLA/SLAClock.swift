public import Foundation
import PostdeskCore

/// Computes a ticket's SLA clocks from its history: a pure function of (policy, calendar, history, now).
///
/// A clock counts business time only while the ticket is `new` or `open`. While it is `pending` (waiting for the
/// customer), `solved` or `closed` the clock is paused, and the due time moves later by the business time the pause
/// covered. First response runs from creation to the first public operator reply; next response runs from the first
/// customer message left unanswered after a reply to the next reply; resolution runs from creation until the ticket
/// is solved or closed (reopening resumes it where it stopped). Events after `now` have not happened yet and are
/// ignored, so a clock never reports the future. A response clock on a ticket solved without that reply stays
/// paused: it neither met nor breached, and raises no timers.
public struct SLAClock: Sendable {
    /// The targets measured.
    public var policy: SLAPolicy
    /// The business hours they are measured in.
    public var calendar: BusinessCalendar

    /// A clock for one policy in one calendar.
    public init(policy: SLAPolicy, calendar: BusinessCalendar) {
        self.policy = policy
        self.calendar = calendar
    }

    /// Every clock of the ticket at `now`.
    /// - Parameters:
    ///   - history: the ticket's events in any order (ties keep their order); without a `created` event nothing is
    ///     measured.
    ///   - now: the instant the report is for.
    /// - Throws: `neverOpens` when a running clock's due time cannot be found because the calendar has no open hours.
    public func report(history: [SLAEvent], now: Date) throws(BusinessCalendarError) -> SLAReport {
        let events = history.enumerated()
            .filter { $0.element.at <= now }
            .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            .map(\.element)
        guard let createdAt = events.lazy.compactMap({ if case .created(let at) = $0 { at } else { nil } }).first
        else { return SLAReport(policy: policy.name, breaches: []) }

        let timeline = SLAPauseTimeline(createdAt: createdAt, events: events)
        let measure = Measure(clock: self, timeline: timeline, now: now)
        var report = SLAReport(policy: policy.name, breaches: [])

        // Replies and customer messages, in order, cut the response cycles.
        var firstReply: Date?
        var awaiting: Date?
        var nextCycles: [(start: Date, stop: Date?)] = []
        for event in events where event.at >= createdAt {
            switch event {
            case .operatorReply(let at):
                if firstReply == nil {
                    firstReply = at
                } else if let start = awaiting {
                    nextCycles.append((start, at))
                }
                awaiting = nil
            case .customerMessage(let at):
                if firstReply != nil, awaiting == nil { awaiting = at }
            case .created, .statusChanged:
                break
            }
        }
        if let start = awaiting { nextCycles.append((start, nil)) }

        report.firstResponse = try measure.state(.firstResponse, from: createdAt, stoppedAt: firstReply)
        var nextStates: [SLATargetState] = []
        for cycle in nextCycles {
            if let state = try measure.state(.nextResponse, from: cycle.start, stoppedAt: cycle.stop) {
                nextStates.append(state)
            }
        }
        report.nextResponse = nextStates.last
        report.resolution = try measure.state(.resolution, from: createdAt, stoppedAt: timeline.solvedAt)
        report.breaches = ([report.firstResponse, report.resolution].compactMap { $0 } + nextStates)
            .filter { $0.phase == .breached }
            .sorted { ($0.due ?? .distantPast) < ($1.due ?? .distantPast) }
        return report
    }
}

/// The arithmetic of one clock: business time counted over the ticket's running stretches.
private struct Measure {
    var clock: SLAClock
    var timeline: SLAPauseTimeline
    var now: Date

    func state(_ target: SLATarget, from start: Date, stoppedAt stop: Date?) throws(BusinessCalendarError)
        -> SLATargetState?
    {
        guard let duration = clock.policy.targets[target] else { return nil }
        let due = try instant(reaching: TimeInterval(duration.seconds), from: start, stop: stop)
        let warningAt = try clock.policy.warningSeconds(for: target).flatMap {
            (seconds) throws(BusinessCalendarError) in
            try instant(reaching: TimeInterval(seconds), from: start, stop: stop)
        }
        let end = stop ?? now
        let used = timeline.running(from: start, until: end).reduce(0.0) { total, stretch in
            total + clock.calendar.businessSeconds(from: stretch.start, to: stretch.end ?? end)
        }
        let phase: SLATargetState.Phase
        if let due, stop.map({ due < $0 }) ?? (due <= now) {
            phase = .breached
        } else if stop != nil {
            phase = .met
        } else {
            phase = timeline.isRunning(at: now) ? .running : .paused
        }
        return SLATargetState(
            target: target, startedAt: start, due: phase == .paused ? nil : due, warningAt: warningAt,
            stoppedAt: stop, phase: phase, remainingSeconds: TimeInterval(duration.seconds) - used)
    }

    /// The instant at which `seconds` of business time have run since `start`, counting only running stretches
    /// before `stop`; `nil` if that never happens (stopped or paused first).
    func instant(reaching seconds: TimeInterval, from start: Date, stop: Date?) throws(BusinessCalendarError)
        -> Date?
    {
        var remaining = seconds
        for stretch in timeline.running(from: start, until: stop) {
            if let end = stretch.end {
                let length = clock.calendar.businessSeconds(from: stretch.start, to: end)
                if remaining <= length {
                    return try clock.calendar.add(businessSeconds: remaining, to: stretch.start)
                }
                remaining -= length
            } else {
                return try clock.calendar.add(businessSeconds: remaining, to: stretch.start)
            }
        }
        return nil
    }
}
