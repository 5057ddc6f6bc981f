import Foundation

/// One row of a ticket list: what a queue or "my tickets" page shows, read in the same query as the page.
public struct QueueRow: Hashable, Sendable {
    public var id: TicketID
    public var number: TicketNumber
    public var subject: String
    public var status: TicketStatus
    public var priority: TicketPriority
    public var team: String?
    public var assigneeID: OperatorID?
    /// The assignee as shown: name and primary address.
    public var assignee: Person?
    public var customer: Person
    public var createdAt: Date
    public var updatedAt: Date
    /// Every message, internal notes included (a customer's list counts only what the customer sees).
    public var messageCount: Int

    public init(
        id: TicketID, number: TicketNumber, subject: String, status: TicketStatus, priority: TicketPriority,
        team: String?, assigneeID: OperatorID?, assignee: Person?, customer: Person, createdAt: Date, updatedAt: Date,
        messageCount: Int
    ) {
        self.id = id
        self.number = number
        self.subject = subject
        self.status = status
        self.priority = priority
        self.team = team
        self.assigneeID = assigneeID
        self.assignee = assignee
        self.customer = customer
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.messageCount = messageCount
    }
}

/// A page of rows and where the next one starts (`nil` on the last page).
public struct QueuePage: Hashable, Sendable {
    public var rows: [QueueRow]
    public var next: QueueCursor?

    public init(rows: [QueueRow], next: QueueCursor?) {
        self.rows = rows
        self.next = next
    }
}
