public import Foundation
public import PostdeskCore

/// The SLA timers of one ticket, derived from its report: what a scheduler sleeps on and fires. Pure; the table
/// that remembers fired timers and the clock it sleeps on belong to the scheduler.
///
/// Which timers exist:
/// - a breach for every clock that has breached (earlier next-response cycles too), even if it has stopped since:
///   a breach that fell due while the process was down still happened and fires once on start;
/// - a breach at the due time of every running clock;
/// - a warning for every running clock (not paused, met or breached: a late warning is moot then).
public struct SLATimerSchedule: Hashable, Sendable {
    /// Every timer, in firing order (breach before warning at the same instant).
    public private(set) var timers: [SLATimer]

    /// The timers of one ticket.
    /// - Parameters:
    ///   - ticket: whose clocks these are; part of each timer's id.
    ///   - report: the ticket's SLA report, computed at the same `now` the schedule is used with.
    public init(ticket: TicketID, report: SLAReport) {
        var timers: Set<SLATimer> = []
        for state in report.breaches {
            if let due = state.due {
                timers.insert(SLATimer(ticket: ticket, target: state.target, kind: .breach, due: due))
            }
        }
        for state in report.current where state.phase == .running {
            if let due = state.due {
                timers.insert(SLATimer(ticket: ticket, target: state.target, kind: .breach, due: due))
            }
            if let warning = state.warningAt {
                timers.insert(SLATimer(ticket: ticket, target: state.target, kind: .warning, due: warning))
            }
        }
        self.timers = timers.sorted {
            ($0.due, $0.kind == .warning ? 1 : 0, $0.id) < ($1.due, $1.kind == .warning ? 1 : 0, $1.id)
        }
    }

    /// The timers not yet due at `now`, soonest first: the next one is when the scheduler wakes.
    public func upcoming(after now: Date) -> [SLATimer] {
        timers.filter { $0.due > now }
    }

    /// The timers due at `now` (due at or before it) whose ids are not in `fired`, oldest first: fire each, then
    /// record its id, and a restart never fires it again.
    /// - Parameters:
    ///   - now: the scheduler's current instant.
    ///   - fired: ids (`SLATimer.id`) of timers already fired.
    public func due(at now: Date, alreadyFired fired: Set<String>) -> [SLATimer] {
        timers.filter { $0.due <= now && !fired.contains($0.id) }
    }
}
