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
    /// The assigned operator's row; saved by ``TicketTransaction/update(_:)`` (``assignee`` is for display).
    public var assigneeID: OperatorID?
    /// The mailbox the ticket came in through, by name: every mail about it leaves from that mailbox's address.
    /// Nil for tickets from before mailboxes had names, and for tickets opened elsewhere: the default mailbox.
    public var mailbox: String?
    public var tags: [String]
    public var createdAt: Date
    public var updatedAt: Date
    public var messageCount: Int

    public init(
        id: TicketID, number: TicketNumber, subject: String, status: TicketStatus, priority: TicketPriority,
        team: String?, customer: Person, assignee: Person?, tags: [String], createdAt: Date,
        updatedAt: Date, messageCount: Int, assigneeID: OperatorID? = nil, mailbox: String? = nil
    ) {
        self.assigneeID = assigneeID
        self.mailbox = mailbox
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
