import Foundation
import PostdeskCore
import PostdeskRules

/// Where an operator's change came from: the words its events use and the `via` its rows carry. The mail path and
/// the console differ only in this, so one ``OperatorMailWorkflow/commit(_:to:by:in:at:)`` serves both.
struct OperatorChannel: Sendable, Equatable {
    var via: Via
    /// Appended to event details: `by mail`, `in the console`.
    var words: String

    static let mail = OperatorChannel(via: .mail, words: "by mail")
    static let console = OperatorChannel(via: .portal, words: "in the console")
}

/// One operator change, checked and ready to commit: field changes, and at most one message (an internal note or a
/// reply relayed to the customer side).
struct OperatorUpdate: Sendable {
    var changes: [TicketChange]
    /// What the operator wrote; empty for a change of fields only.
    var text: String
    var isInternal: Bool
    /// The files stored on the message.
    var attachments: [AttachmentRef]
    /// The files a reply relays to the customer side (a mail's attached mails stay behind).
    var relayed: [AttachmentRef]
    /// The Message-ID of the operator's own mail (nil from the console).
    var messageIDHeader: String?
    var inbound: InboundID?
    var channel: OperatorChannel
    /// The language of the mail the change causes.
    var language: String
}

extension OperatorMailWorkflow {
    /// Commits a checked update in the caller's transaction: changes (one event each), the message with its event,
    /// the relay to every confirmed participant, the status a reply implies, the operator as watcher, and the rules.
    func commit(
        _ update: OperatorUpdate, to ticket: inout Ticket, by author: OperatorAccount, in tx: any TicketTransaction,
        at now: Date
    ) throws {
        let hasMessage = !update.text.isEmpty
        var events = try apply(update.changes, to: &ticket, by: author, channel: update.channel, in: tx, at: now)
        if hasMessage {
            _ = try tx.append(
                TicketMessage(
                    ticketID: ticket.id, authorKind: .operator, author: author.person, isInternal: update.isInternal,
                    via: update.channel.via, text: update.text, html: nil, reply: update.text,
                    messageIDHeader: update.messageIDHeader, inboundID: update.inbound,
                    attachments: update.attachments, createdAt: now))
            if update.isInternal {
                try tx.append(
                    TicketEvent(
                        ticketID: ticket.id, kind: "note.added", at: now,
                        detail: "internal note by \(author.primaryAddress), \(update.channel.words)"))
            } else {
                let copies = try mailer.relay(
                    update.text, attachments: update.relayed, by: author, ticket: ticket, language: update.language,
                    in: tx, at: now)
                try tx.append(
                    TicketEvent(
                        ticketID: ticket.id, kind: "reply.sent", at: now,
                        detail: "reply by \(author.primaryAddress), \(update.channel.words), relayed to \(copies) "
                            + "participant(s)"))
                // The answer puts the ticket in the customer's hands, unless the operator set a status themselves.
                if !update.changes.contains(where: { if case .status = $0 { true } else { false } }),
                    try setStatus(ticket.status.afterOperatorReply, on: &ticket, by: author, in: tx, at: now)
                {
                    events.append(.statusChanged)
                }
            }
            events.append(update.isInternal ? .internalNote : .operatorMessage)
        }
        ticket.updatedAt = now
        try tx.update(ticket)
        try tx.addWatcher(author.id, to: ticket.id, at: now)
        let context = RuleContext(
            actor: author.id, actorName: author.displayName, body: hasMessage ? update.text : nil,
            text: hasMessage ? update.text : nil, language: update.language, automaticReason: nil)
        try runner.run(events, on: &ticket, context: context, in: tx, at: now)
    }
}
