import Foundation

/// A support request and its state. The conversation lives in ``TicketMessage`` rows.
public struct Ticket: Hashable, Codable, Sendable {
    public var id: TicketID
    public var number: TicketNumber
    public var subject: String
    public var status: TicketStatus
    public var priority: TicketPriority
    public var team: String?
    public var customer: Person
    public var assignee: Person?
    public var tags: [String]
    public var createdAt: Date
    public var updatedAt: Date
    public var messageCount: Int

    public init(
        id: TicketID, number: TicketNumber, subject: String, status: TicketStatus, priority: TicketPriority,
        team: String?, customer: Person, assignee: Person?, tags: [String], createdAt: Date,
        updatedAt: Date, messageCount: Int
    ) {
        self.id = id
        self.number = number
        self.subject = subject
        self.status = status
        self.priority = priority
        self.team = team
        self.customer = customer
        self.assignee = assignee
        self.tags = tags
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.messageCount = messageCount
    }
}
