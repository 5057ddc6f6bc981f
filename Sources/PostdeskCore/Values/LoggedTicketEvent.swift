/// A ``TicketEvent`` with its row id: the position a live feed has read up to.
public struct LoggedTicketEvent: Hashable, Sendable {
    /// Increasing with every event written, across all tickets.
    public var id: Int64
    public var event: TicketEvent

    public init(id: Int64, event: TicketEvent) {
        self.id = id
        self.event = event
    }
}
