import Foundation

/// One line of a ticket's audit log: status changes, assignments, rules that fired, mails sent or failed.
public struct TicketEvent: Hashable, Codable, Sendable {
    public var ticketID: TicketID
    public var kind: String
    public var at: Date
    public var detail: String

    public init(ticketID: TicketID, kind: String, at: Date, detail: String) {
        self.ticketID = ticketID
        self.kind = kind
        self.at = at
        self.detail = detail
    }
}
