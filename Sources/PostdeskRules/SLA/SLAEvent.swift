public import Foundation
public import PostdeskCore

/// One fact from a ticket's history that SLA clocks read. Messages never imply a status: the history carries the
/// status changes the ticket really went through (`pending`, `solved`, …) as their own events.
public enum SLAEvent: Hashable, Sendable, Codable {
    /// The ticket was created (its status is `new` from then on). Clocks start here.
    case created(at: Date)
    /// The customer wrote (by mail, portal or API).
    case customerMessage(at: Date)
    /// An operator replied publicly; internal notes are not replies and are not SLA events.
    case operatorReply(at: Date)
    /// The ticket's status changed; `pending`, `solved` and `closed` pause every clock, `new` and `open` run them.
    case statusChanged(to: TicketStatus, at: Date)

    /// When it happened.
    public var at: Date {
        switch self {
        case .created(let at), .customerMessage(let at), .operatorReply(let at): at
        case .statusChanged(_, let at): at
        }
    }
}
