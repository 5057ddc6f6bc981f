import Foundation
import PostdeskCore

/// The stretches of a ticket's life during which SLA clocks run (status `new` or `open`).
struct SLAPauseTimeline {
    /// Status changes in time order, starting with `new` at creation.
    private(set) var changes: [(at: Date, status: TicketStatus)]
    /// When the ticket became solved or closed, if that is its status now.
    private(set) var solvedAt: Date?

    init(createdAt: Date, events: [SLAEvent]) {
        changes = [(createdAt, .new)]
        var doneSince: Date?
        for case .statusChanged(let status, let at) in events where at >= createdAt {
            let wasDone = Self.isDone(changes.last!.status)
            changes.append((at, status))
            if Self.isDone(status) {
                if !wasDone { doneSince = at }
            } else {
                doneSince = nil
            }
        }
        solvedAt = doneSince
    }

    /// Whether clocks run at `instant`.
    func isRunning(at instant: Date) -> Bool {
        Self.runs(changes.last(where: { $0.at <= instant })?.status ?? .new)
    }

    /// The running stretches between `start` and `stop`, clipped to them; the last has no end when the clocks are
    /// still running at `stop` (or `stop` is `nil`: the status is assumed to stay as it is).
    func running(from start: Date, until stop: Date?) -> [(start: Date, end: Date?)] {
        var stretches: [(start: Date, end: Date?)] = []
        for (index, change) in changes.enumerated() where Self.runs(change.status) {
            let next = index + 1 < changes.count ? changes[index + 1].at : nil
            let from = max(change.at, start)
            var to = next
            if let stop { to = min(to ?? stop, stop) }
            if let to, to <= from { continue }
            stretches.append((from, to))
        }
        return stretches
    }

    private static func runs(_ status: TicketStatus) -> Bool { status == .new || status == .open }
    private static func isDone(_ status: TicketStatus) -> Bool { status == .solved || status == .closed }
}
