import Foundation
import PostdeskCore

extension RuleRunner {
    /// Queues the plan's mail: operators through ``TicketMailer/notify``, the customer and other addresses as
    /// automatic mail. The actor and disabled operators are left out silently; whatever else is held back (an
    /// opt-out, quiet hours, being away, the digest limit, automatic mail rules) becomes an event saying to whom
    /// and why, so `rules explain` can show it.
    func send(
        _ plan: NotificationPlan, ticket: Ticket, context: RuleContext, in tx: any TicketTransaction, at now: Date
    ) throws {
        var notifications: [Notification] = []
        for entry in plan.operators {
            let address = entry.account.primaryAddress
            if entry.account.id == context.actor || entry.account.isDisabled { continue }
            let template: String
            switch Self.preference(entry.account, templates: entry.templates, at: now) {
            case .success(let chosen): template = chosen
            case .failure(let held):
                try tx.append(
                    TicketEvent(
                        ticketID: ticket.id, kind: "notification.suppressed", at: now,
                        detail:
                            "\(entry.templates.joined(separator: ", ")) not sent to \(address) (\(entry.reasons.joined(separator: "; "))): "
                            + held.reason))
                continue
            }
            if let held = try digestHold(to: address, ticket: ticket, in: tx, at: now) {
                try tx.append(
                    TicketEvent(
                        ticketID: ticket.id, kind: "notification.suppressed", at: now,
                        detail: "\(entry.template) not sent to \(address) (\(entry.reasons.joined(separator: "; "))): "
                            + held))
                continue
            }
            notifications.append(
                Notification(recipient: entry.account, template: template, reasons: entry.reasons))
        }
        try mailer.notify(
            notifications, ticket: ticket, actorName: context.actorName, body: context.body,
            language: context.language, in: tx, at: now)

        for entry in plan.others {
            let reasons = entry.reasons.joined(separator: "; ")
            if let held = try mailer.automaticMailHold(
                to: entry.person.address, because: context.automaticReason, in: tx, at: now)
                ?? digestHold(to: entry.person.address, ticket: ticket, in: tx, at: now)
            {
                try tx.append(
                    TicketEvent(
                        ticketID: ticket.id, kind: "autoreply.suppressed", at: now,
                        detail: "\(entry.template) not sent to \(entry.person.address) (\(reasons)): \(held)"))
                continue
            }
            try mailer.automaticMail(
                entry.template, to: entry.person, isCustomer: entry.isCustomer, ticket: ticket,
                language: context.language, reasons: reasons, in: tx, at: now)
        }
    }

    /// Why the digest limit holds a mail to `address` about `ticket` back; nil when it may go.
    private func digestHold(to address: String, ticket: Ticket, in tx: any TicketTransaction, at now: Date) throws
        -> String?
    {
        let interval = mailer.settings.notificationDigest
        guard interval > 0, let last = try tx.lastAutomaticMail(to: address, ticket: ticket.id),
            last > now.addingTimeInterval(-interval)
        else { return nil }
        return "digest limit: one mail per \(Int(interval / 60)) minutes per ticket, the last at "
            + last.formatted(Date.ISO8601FormatStyle())
    }
}
