import Foundation
public import PostdeskCore

/// `postdesk outbox retry ID`: queues a `failed` or `uncertain` mail again and says so on its ticket.
///
/// A `sent` row is refused (the relay has it; sending it again would double it), as are `queued` and `sending` rows,
/// which the outbox already owns. The check and the change are one conditional write in one transaction, so a
/// running `serve` cannot race it.
public enum OutboxRetry {
    /// Queues the row again if it may be, due at `now`, and logs a `mail.requeued` event on its ticket.
    /// - Parameters:
    ///   - id: the outbox row, as shown on the ticket.
    ///   - store: the database.
    ///   - now: when the row falls due (the clock, injected).
    /// - Returns: what was found; only ``OutboxRequeue/requeued(was:ticket:messageID:)`` changed anything.
    public static func requeue(_ id: OutboxID, store: any TicketStore, now: Date) async throws -> OutboxRequeue {
        try await store.write { tx in
            let result = try tx.requeueOutbox(id, at: now)
            if case .requeued(let was, let ticket?, let messageID) = result {
                try tx.append(
                    TicketEvent(
                        ticketID: ticket, kind: "mail.requeued", at: now,
                        detail: "<\(messageID)> was \(was.rawValue); queued again by postdesk outbox retry \(id)"))
            }
            return result
        }
    }
}
