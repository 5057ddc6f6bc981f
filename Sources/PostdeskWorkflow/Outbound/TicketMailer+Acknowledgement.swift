import Foundation
import PostdeskCore

extension TicketMailer {
    /// Queues the acknowledgement of a new ticket to `customer`, with its portal link, unless the mailbox sends none
    /// or automatic mail to the customer is held back (then an `autoreply.suppressed` event says why). Shared by a
    /// new mail and a ticket opened on the portal, so both are acknowledged alike.
    /// - Parameters:
    ///   - mailbox: the mailbox the ticket belongs to (its template, whether it acknowledges); nil: the defaults.
    ///   - automaticReason: set when what opened the ticket was automatic mail.
    ///   - inReplyTo: the Message-ID of the customer's mail that opened it; nil starts a thread.
    func acknowledge(
        _ ticket: Ticket, portalToken: String, customer: Person, mailbox: MailboxProfile?, automaticReason: String?,
        language: String, inReplyTo: String?, in tx: any TicketTransaction, at now: Date
    ) throws {
        if let mailbox, !mailbox.acknowledges {
            try tx.append(
                TicketEvent(
                    ticketID: ticket.id, kind: "autoreply.suppressed", at: now,
                    detail: "no acknowledgement: mailbox \(mailbox.name) sends none (acknowledge: false)"))
            return
        }
        if let held = try automaticMailHold(to: customer.address, because: automaticReason, in: tx, at: now) {
            try tx.append(
                TicketEvent(
                    ticketID: ticket.id, kind: "autoreply.suppressed", at: now,
                    detail: "no acknowledgement: \(held)"))
            return
        }
        // Only confirmed participants receive a ticket's mail; at creation that is the customer, whose link this is.
        guard
            try tx.recipients(of: ticket.id).contains(where: {
                $0.address.caseInsensitiveCompare(customer.address) == .orderedSame
            })
        else {
            throw WorkflowError(code: .invalid, message: "the sender of a new ticket is not its participant")
        }
        let model = TicketMailModel(
            ticketNumber: ticket.number.rawValue, subject: ticket.subject, customerName: customer.name,
            portalToken: portalToken
        )
        let messageID = "postdesk.ack.\(ticket.number).\(environment.randomToken())@\(settings.messageIDDomain)"
        _ = try tx.enqueue(
            NewOutboxItem(
                ticketID: ticket.id, template: mailbox?.acknowledgementTemplate ?? "ticket_created",
                language: language, recipient: customer, messageID: messageID, inReplyTo: inReplyTo,
                references: inReplyTo.map { [$0] } ?? [], model: try JSONEncoder().encode(model), isAutomatic: true,
                dueAt: now, mailbox: ticket.mailbox))
        try tx.append(
            TicketEvent(
                ticketID: ticket.id, kind: "mail.queued", at: now,
                detail: "acknowledgement to the customer <\(messageID)>"))
    }
}
