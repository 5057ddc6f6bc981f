import Foundation

/// Reads of the SLA area: each ticket's measured SLA and the timers that raise its warnings and breaches.
public protocol SLAQueries {
    /// The ticket's SLA as last measured, or nil when no policy applies to it.
    func slaState(of ticket: TicketID) throws -> TicketSLA?
    /// Every timer of the ticket, fired or not, by due time.
    func slaTimers(of ticket: TicketID) throws -> [SLATimerEntry]
    /// When a scheduler next has something to do: the earliest due time among unfired timers, or the end of the
    /// lease holding it if later (another scheduler has it until then). Nil when no timer is pending.
    func nextSLATimerWake() throws -> Date?
}

/// Writes of the SLA area, valid only inside ``TicketStore/write(_:)``.
///
/// A timer fires once: it is leased by one owner at a time (``leaseDueSLATimers(owner:now:until:limit:)``), and
/// ``markSLATimerFired(id:owner:at:)`` both checks and sets `fired_at` in the transaction that records the event.
public protocol SLATransaction: SLAQueries {
    /// Stores the ticket's measured SLA, or removes it (`nil`: no policy applies any more).
    func setSLAState(_ state: TicketSLA?, of ticket: TicketID, at date: Date) throws
    /// Makes `timers` the ticket's pending timers: unfired timers not among them are dropped, new ones added, and
    /// those already there keep their lease. A timer whose id already fired is never inserted again, so a breach
    /// fires once however often the schedule is recomputed.
    /// - Parameters:
    ///   - timers: the new schedule, all for `ticket` (lease and fired fields are ignored).
    func replacePendingSLATimers(of ticket: TicketID, with timers: [SLATimerEntry]) throws
    /// Leases up to `limit` timers due at `now` (unfired, and not leased or with a lapsed lease) to `owner` until
    /// `until`, oldest first, breaches before warnings due at the same instant.
    func leaseDueSLATimers(owner: String, now: Date, until: Date, limit: Int) throws -> [SLATimerEntry]
    /// Marks the timer fired if it is still unfired and leased by `owner`.
    /// - Returns: whether this call fired it; false when it fired already, was dropped, or another owner leased it
    ///   after `owner`'s lease lapsed.
    func markSLATimerFired(id: String, owner: String, at date: Date) throws -> Bool
}
