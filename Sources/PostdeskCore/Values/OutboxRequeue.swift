import Foundation

/// What asking to send an outbound mail again found (`postdesk outbox retry ID`).
///
/// Only a `failed` or `uncertain` row is queued again; a `sent` one never is, so a mail the relay accepted cannot go
/// out twice by anyone's hand.
public enum OutboxRequeue: Sendable, Equatable {
    /// The row was `failed` or `uncertain` (`was`) and is queued again, due now, with its stored bytes and Message-ID.
    case requeued(was: OutboxState, ticket: TicketID?, messageID: String)
    /// The row is in a state that is never queued again: `sent` (with when), `queued` or `sending`.
    case refused(OutboxState, sentAt: Date?)
    /// There is no row with this ID.
    case notFound
}
