import Foundation

/// One row of the SLA timer table: a warning or breach to raise for a ticket at `due`, leased by the scheduler that
/// is about to fire it, and marked once it has fired.
///
/// `target` and `kind` are the stable spellings (`first_response`, `breach`, …) of `PostdeskRules`' `SLATimer`,
/// which lives above this module; `id` is that timer's `id`, the same for the same due moment across restarts.
public struct SLATimerEntry: Hashable, Codable, Sendable {
    /// `SLATimer.id`: unique; a fired id is never inserted again.
    public var id: String
    public var ticketID: TicketID
    /// `first_response`, `next_response` or `resolution`.
    public var target: String
    /// `warning` or `breach`.
    public var kind: String
    /// When it is to fire.
    public var due: Date
    /// The scheduler holding it and until when; nil when nobody does.
    public var leaseOwner: String?
    public var leaseUntil: Date?
    /// When it fired; nil while pending.
    public var firedAt: Date?

    /// A timer row.
    /// - Parameters:
    ///   - id: the timer's stable id.
    ///   - target: the target's spelling.
    ///   - kind: `warning` or `breach`.
    public init(
        id: String, ticketID: TicketID, target: String, kind: String, due: Date, leaseOwner: String? = nil,
        leaseUntil: Date? = nil, firedAt: Date? = nil
    ) {
        self.id = id
        self.ticketID = ticketID
        self.target = target
        self.kind = kind
        self.due = due
        self.leaseOwner = leaseOwner
        self.leaseUntil = leaseUntil
        self.firedAt = firedAt
    }
}
