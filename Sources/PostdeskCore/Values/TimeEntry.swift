import Foundation

/// Time an operator spent on a ticket (`#time 30m consulting`), for the labour reports.
public struct TimeEntry: Hashable, Codable, Sendable {
    public var ticketID: TicketID
    public var operatorID: OperatorID
    public var minutes: Int
    /// Free text such as `consulting`; nil when the operator named none.
    public var workType: String?
    /// The day the work counts for, `yyyy-MM-dd` in UTC (the day the mail was received).
    public var date: String
    /// `mail`, `portal`, `api`.
    public var via: Via
    public var createdAt: Date

    public init(
        ticketID: TicketID, operatorID: OperatorID, minutes: Int, workType: String?, date: String, via: Via,
        createdAt: Date
    ) {
        self.ticketID = ticketID
        self.operatorID = operatorID
        self.minutes = minutes
        self.workType = workType
        self.date = date
        self.via = via
        self.createdAt = createdAt
    }
}
