/// Where a ticket is in its life. Raw values are the JSON and SQL spelling (ARCHITECTURE §4).
public enum TicketStatus: String, Codable, Sendable, CaseIterable {
    case new, open, pending, solved, closed

    /// The status after the customer writes again: anything but a fresh ticket goes back to `open`.
    public var afterCustomerReply: TicketStatus {
        switch self {
        case .new: .new
        case .open, .pending, .solved, .closed: .open
        }
    }

    /// The status after an operator answers the customer: waiting for the customer.
    public var afterOperatorReply: TicketStatus {
        switch self {
        case .closed: .closed
        case .new, .open, .pending, .solved: .pending
        }
    }
}

public enum TicketPriority: String, Codable, Sendable, CaseIterable {
    case low, normal, high, urgent
}
