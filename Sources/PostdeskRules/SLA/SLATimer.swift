public import Foundation
public import PostdeskCore

/// A moment an SLA event (warning or breach) is to be raised for one ticket's clock.
public struct SLATimer: Hashable, Sendable, Codable {
    /// Which event the timer raises; the raw value is the event's spelling (`ticket.sla_warning`, `…_breach`).
    public enum Kind: String, Hashable, Sendable, Codable {
        case warning, breach
    }

    public var ticket: TicketID
    public var target: SLATarget
    public var kind: Kind
    /// When it fires.
    public var due: Date

    public init(ticket: TicketID, target: SLATarget, kind: Kind, due: Date) {
        self.ticket = ticket
        self.target = target
        self.kind = kind
        self.due = due
    }

    /// A key stable across restarts: the same history always yields the same due time, hence the same key, so a
    /// store of fired keys makes every timer fire once. A pause that moves a due time makes a new key, on purpose:
    /// the old moment never came.
    ///
    /// Shaped `12/first_response/breach/1764590400` (ticket, target, kind, due in whole Unix seconds).
    public var id: String {
        "\(ticket.rawValue)/\(target.rawValue)/\(kind.rawValue)/\(Int64(due.timeIntervalSince1970.rounded(.down)))"
    }
}
