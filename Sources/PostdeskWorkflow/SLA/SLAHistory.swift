import Foundation
public import PostdeskCore
public import PostdeskRules

/// Turns what the store keeps about a ticket (its messages and its event log) into the facts SLA clocks read.
/// Pure: the same rows always give the same history.
public enum SLAHistory {
    /// The ticket's SLA history.
    ///
    /// - The ticket's creation starts every clock.
    /// - A public message from the customer side is a customer message, unless it came from an address that is not
    ///   a confirmed participant: such a mail changes no status and reaches no one until an operator confirms its
    ///   author, so it must not start a response clock either (anyone who knows a Message-ID could send one).
    /// - A public operator message is a reply; internal notes and system messages are neither.
    /// - A `status.changed` event (`"open → pending"`, optionally followed by ` by …`) is a status change to the
    ///   status after the arrow; a detail that does not read so is skipped.
    /// - Parameters:
    ///   - ticket: the ticket (its creation time).
    ///   - messages: its messages, internal ones included or not, in any order.
    ///   - events: its event log.
    /// - Returns: the events, in the order given (the clock sorts them by time and keeps ties in this order).
    public static func events(of ticket: Ticket, messages: [TicketMessage], events: [TicketEvent]) -> [SLAEvent] {
        var history: [SLAEvent] = [.created(at: ticket.createdAt)]
        for message in messages where !message.isInternal {
            switch message.authorKind {
            case .customer where !message.fromNewParticipant: history.append(.customerMessage(at: message.createdAt))
            case .operator: history.append(.operatorReply(at: message.createdAt))
            case .customer, .system: break
            }
        }
        for event in events where event.kind == statusChangedKind {
            if let status = status(after: event.detail) { history.append(.statusChanged(to: status, at: event.at)) }
        }
        return history
    }

    /// The event kind the workflows write for a status change.
    public static let statusChangedKind = "status.changed"

    /// The status after the arrow in `"open → pending by anna@example.test"`.
    static func status(after detail: String) -> TicketStatus? {
        guard let arrow = detail.range(of: " → ") else { return nil }
        let word = detail[arrow.upperBound...].prefix { $0 != " " }
        return TicketStatus(rawValue: String(word))
    }
}
