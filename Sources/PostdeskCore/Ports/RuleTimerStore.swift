public import Foundation

/// How far one occurrence of a schedule got: the tickets up to ``lastTicket`` had their event, in id order.
public struct ScheduleRun: Sendable, Hashable {
    /// The schedule's name (`schedules:` in the rules file).
    public var schedule: String
    /// The instant the occurrence was due (e.g. 09:00 Europe/Berlin as UTC).
    public var occurrence: Date
    /// The highest ticket id handled so far; nil before the first batch.
    public var lastTicket: TicketID?
    /// When the last batch ran: set once every ticket had its event, and the occurrence never runs again.
    public var finishedAt: Date?

    public init(schedule: String, occurrence: Date, lastTicket: TicketID? = nil, finishedAt: Date? = nil) {
        self.schedule = schedule
        self.occurrence = occurrence
        self.lastTicket = lastTicket
        self.finishedAt = finishedAt
    }
}

/// Reads of the rule timers: idle tickets not yet told, and how far a schedule's occurrence got.
public protocol RuleTimerQueries {
    /// Up to `limit` open tickets (new, open or pending) last changed in `(after, cutoff]` whose idle event for
    /// `durationSeconds` has not fired for their current `updated_at`; in no particular order.
    /// - Parameters:
    ///   - after: the lower bound, exclusive; nil for none.
    func idleTickets(durationSeconds: Int64, after: Date?, cutoff: Date, limit: Int) throws -> [TicketID]
    /// The progress of one occurrence of a schedule; nil when it never started.
    func scheduleRun(schedule: String, occurrence: Date) throws -> ScheduleRun?
    /// Up to `limit` open tickets (new, open or pending) with an id above `after`, created at or before
    /// `createdBy`, by id.
    func openTickets(after: TicketID?, createdBy: Date, limit: Int) throws -> [TicketID]
}

/// Writes of the rule timers, valid only inside ``TicketStore/write(_:)``.
///
/// Both kinds fire once: an idle event per (ticket, duration, `updated_at`) is a row with that unique key, and a
/// schedule's progress is read and advanced in the transaction that fires its batch.
public protocol RuleTimerTransaction: RuleTimerQueries {
    /// Records that the ticket's idle event for `durationSeconds` fired for its current `updated_at`, and forgets
    /// the marks of its earlier quiet spells.
    /// - Returns: whether this call recorded it; false when it was recorded already (or the ticket is gone).
    func markIdleFired(ticket: TicketID, durationSeconds: Int64, at date: Date) throws -> Bool
    /// Stores the progress of an occurrence (inserted the first time).
    func saveScheduleRun(_ run: ScheduleRun, at date: Date) throws
}
