public import Foundation
public import PostdeskCore
public import PostdeskRules

/// Measures a ticket's SLA again and stores the result: due times and breaches on the ticket, and its timers.
///
/// Run it inside the transaction of every change that can move a clock (a message, a status change, a new policy),
/// after the change: it reads the ticket's history from the same transaction.
public struct SLAUpdate: Sendable {
    public init() {}

    /// Recomputes ticket `ticket`'s SLA at `now` and stores it.
    ///
    /// With a policy: the report's due times and breached targets go to the ticket's SLA row, warnings already
    /// fired stay listed while their clock is the one running, and the ticket's pending timers become the new
    /// schedule (timers that fired stay fired; a breach due before `now` that has not fired is scheduled, and fires
    /// at the scheduler's next turn). Without one, the row and the pending timers go.
    /// - Parameters:
    ///   - ticket: the ticket.
    ///   - policy: the policy chosen for it and the business hours it is measured in, or nil for none.
    ///   - tx: the open transaction.
    ///   - now: the instant measured at.
    /// - Throws: `WorkflowError` `.notFound` for an unknown ticket; `BusinessCalendarError` `.neverOpens` when the
    ///   calendar has no open hours for a running clock (retrying will not help until the calendar is fixed).
    public func refresh(
        ticket: TicketID, policy: (SLAPolicy, BusinessCalendar)?, in tx: any TicketTransaction, at now: Date
    ) throws {
        guard let policy else {
            try tx.setSLAState(nil, of: ticket, at: now)
            try tx.replacePendingSLATimers(of: ticket, with: [])
            return
        }
        guard let found = try tx.ticket(id: ticket) else {
            throw WorkflowError(code: .notFound, message: "ticket \(ticket) not found for its SLA")
        }
        let history = SLAHistory.events(
            of: found, messages: try tx.messages(of: ticket, includeInternal: false), events: try tx.events(of: ticket))
        // The store keeps milliseconds, so an event written at `now` may read back a fraction later than `now`;
        // measured at `now` it would not have happened yet (a new ticket would have no clock at all).
        let measuredAt = max(now, history.map(\.at).max() ?? now)
        let report = try SLAClock(policy: policy.0, calendar: policy.1).report(history: history, now: measuredAt)
        let previous = try tx.slaState(of: ticket)
        try tx.setSLAState(Self.state(report, previous: previous, now: now), of: ticket, at: now)
        let timers = SLATimerSchedule(ticket: ticket, report: report).timers.map(SLATimerEntry.init)
        try tx.replacePendingSLATimers(of: ticket, with: timers)
    }

    /// What the ticket's SLA row holds for `report`.
    ///
    /// A warning stays listed only while the clock it warned about is the current one and past its warning time:
    /// a new next-response cycle, or a pause that moved the warning later, clears it.
    static func state(_ report: SLAReport, previous: TicketSLA?, now: Date) -> TicketSLA {
        var breached: [String] = []
        for state in report.breaches where !breached.contains(state.target.rawValue) {
            breached.append(state.target.rawValue)
        }
        let warnedNow = Set(
            report.current.filter { ($0.warningAt.map { $0 <= now } ?? false) && $0.phase != .met }
                .map(\.target.rawValue))
        let warned = (previous?.policy == report.policy ? previous?.warned ?? [] : []).filter(warnedNow.contains)
        return TicketSLA(
            policy: report.policy, firstResponseDue: report.firstResponse?.due,
            nextResponseDue: report.nextResponse?.due, resolutionDue: report.resolution?.due, breached: breached,
            warned: warned)
    }
}
