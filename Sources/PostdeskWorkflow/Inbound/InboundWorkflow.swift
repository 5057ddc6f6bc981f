import Foundation
public import PostdeskCore
import PostdeskRules

/// Applies one filtered inbound mail inside the caller's transaction: ticket, message, events and outbox rows.
/// Nothing is sent here; the outbox service sends after commit.
public struct InboundWorkflow: Sendable {
    public var settings: WorkflowSettings
    public var environment: WorldEnvironment
    /// The rules in force (``RuleBook``), shared by every mail.
    public var rules: RuleBook

    public init(settings: WorkflowSettings, environment: WorldEnvironment, rules: RuleBook = RuleBook()) {
        self.settings = settings
        self.environment = environment
        self.rules = rules
    }

    /// - Parameters:
    ///   - mail: the parsed, filtered mail.
    ///   - inbound: its row in the inbound ledger (the raw bytes).
    ///   - tx: the open transaction; the caller commits it.
    public func apply(_ mail: InboundMessage, inbound: InboundID, in tx: any TicketTransaction) throws -> InboundOutcome
    {
        let now = environment.now()
        if let messageID = mail.messageID, try tx.hasInboundMessage(messageID: messageID, from: mail.from.address) {
            return .ignored(reason: "duplicate Message-ID <\(messageID)> already on a ticket", ticket: nil)
        }
        if let automatic = mail.automatic, automatic.kind == .loop {
            return .ignored(reason: "mail loop: \(automatic.reason)", ticket: nil)
        }
        if let bounced = mail.hints.bouncedMessageID, let ticketID = try tx.ticketID(forMessageIDs: [bounced]),
            let ticket = try tx.ticket(id: ticketID)
        {
            try tx.append(
                TicketEvent(
                    ticketID: ticketID, kind: "mail.bounced", at: now,
                    detail: "our mail <\(bounced)> bounced: \(mail.automatic?.reason ?? "DSN")"))
            try suppressIfBouncedForGood(mail, ours: bounced, ticket: ticketID, in: tx, at: now)
            return .ignored(reason: "bounce of our mail <\(bounced)>", ticket: ticket.number)
        }

        switch try SenderIdentity.resolve(mail, in: tx) {
        case .unproven(let reason):
            return .quarantined(reason: reason)
        case .operatorReply(let author, _) where mail.automatic != nil,
            .operatorNew(let author) where mail.automatic != nil:
            // An operator's out-of-office answering a notification: relayed, it would tell the customer of the
            // absence and set rules off with no one behind it.
            return .ignored(
                reason: "automatic mail from operator \(author.primaryAddress) (\(mail.automatic?.reason ?? "")): "
                    + "not applied", ticket: nil)
        case .operatorReply(let author, let ticket):
            return try operatorMail.applyReply(mail, by: author, ticket: ticket, inbound: inbound, in: tx, at: now)
        case .operatorNew(let author):
            return try operatorMail.applyNew(mail, by: author, inbound: inbound, in: tx, at: now) {
                ticket, token, customer, _, tx in
                try acknowledge(ticket, portalToken: token, customer: customer, mail: mail, in: tx, at: now)
            }
        case .customer:
            return try applyFromCustomerSide(mail, inbound: inbound, in: tx, at: now)
        }
    }

    var mailer: TicketMailer { TicketMailer(settings: settings, environment: environment) }
    var runner: RuleRunner { RuleRunner(book: rules, mailer: mailer) }
    var operatorMail: OperatorMailWorkflow {
        OperatorMailWorkflow(mailer: mailer, runner: runner, environment: environment)
    }

    /// A customer's or a participant's mail: threaded by token, Message-IDs or `[#N]`, or a new ticket.
    private func applyFromCustomerSide(
        _ mail: InboundMessage, inbound: InboundID, in tx: any TicketTransaction, at now: Date
    ) throws -> InboundOutcome {
        switch try ThreadMatch.find(mail, in: tx) {
        case .existing(let ticketID, let reason):
            guard var ticket = try tx.ticket(id: ticketID) else {
                throw WorkflowError(code: .notFound, message: "ticket \(ticketID) vanished")
            }
            _ = try tx.append(message(mail, ticket: ticketID, inbound: inbound, at: now))
            let before = ticket.status
            ticket.status = before.afterCustomerReply
            ticket.updatedAt = now
            try tx.update(ticket)
            try tx.append(
                TicketEvent(
                    ticketID: ticketID, kind: "message.received", at: now,
                    detail: "mail from the customer, matched by \(reason)"))
            if before != ticket.status {
                try tx.append(
                    TicketEvent(
                        ticketID: ticketID, kind: "status.changed", at: now,
                        detail: "\(before.rawValue) → \(ticket.status.rawValue)"))
            }
            try runRules(
                before == ticket.status ? [.customerMessage] : [.customerMessage, .statusChanged], on: &ticket,
                body: mail.reply, mail: mail, in: tx, at: now)
            return .followUp(ticket.number)

        case .newParticipant(let ticketID, let reason):
            return try applyFromNewParticipant(
                mail, ticket: ticketID, reason: reason, inbound: inbound, in: tx, at: now)

        case .newTicket(let reason):
            let customer = try tx.upsertCustomer(mail.from, at: now)
            let subject = mail.subject.trimmingCharacters(in: .whitespacesAndNewlines)
            // The token leaves only inside the acknowledgement; the store keeps its digest.
            let portalToken = environment.randomToken()
            var ticket = try tx.createTicket(
                NewTicket(
                    subject: subject.isEmpty ? "(no subject)" : subject, customer: customer,
                    team: mail.mailbox?.defaultTeam, mailbox: mail.mailbox?.name, portalToken: portalToken,
                    createdAt: now))
            _ = try tx.append(message(mail, ticket: ticket.id, inbound: inbound, at: now))
            try tx.append(
                TicketEvent(
                    ticketID: ticket.id, kind: "ticket.created", at: now,
                    detail: "from mail (\(reason))"))
            try acknowledge(ticket, portalToken: portalToken, customer: mail.from, mail: mail, in: tx, at: now)
            try runRules([.ticketCreated], on: &ticket, body: mail.reply, mail: mail, in: tx, at: now)
            return .created(ticket.number)
        }
    }

    /// A mail that found the ticket by Message-IDs alone, from an address that is not a confirmed participant.
    ///
    /// It is kept (it may well be the customer's colleague), marked, and its sender listed as pending, so it never
    /// becomes a recipient by knowing a Message-ID. The status stays: only a confirmed participant's mail counts as
    /// the customer's reply, so a stranger can neither reopen a solved ticket nor end a wait for the customer. The
    /// ticket's `updatedAt` moves so operators see the mail.
    private func applyFromNewParticipant(
        _ mail: InboundMessage, ticket ticketID: TicketID, reason: String, inbound: InboundID,
        in tx: any TicketTransaction, at now: Date
    ) throws -> InboundOutcome {
        guard var ticket = try tx.ticket(id: ticketID) else {
            throw WorkflowError(code: .notFound, message: "ticket \(ticketID) vanished")
        }
        var entry = message(mail, ticket: ticketID, inbound: inbound, at: now)
        entry.fromNewParticipant = true
        _ = try tx.append(entry)
        ticket.updatedAt = now
        try tx.update(ticket)
        try tx.append(
            TicketEvent(
                ticketID: ticketID, kind: "message.received", at: now,
                detail: "mail from a new participant, matched by \(reason)"))
        if try tx.addParticipant(mail.from, to: ticketID, state: .pending, addedBy: "mail", at: now) == .added {
            try tx.append(
                TicketEvent(
                    ticketID: ticketID, kind: "participant.pending", at: now,
                    detail: "\(mail.from.address) wrote on the ticket; receives nothing until added"))
        }
        try runRules(
            [.customerMessage], on: &ticket, body: "(from a new participant, not yet added) \(mail.reply)", mail: mail,
            fromOutsider: true, in: tx, at: now)
        return .followUp(ticket.number)
    }

    /// How old a sent mail may be for its bounce to suppress its recipient: DSNs come within days; an old
    /// Message-ID seen in someone's References is no proof of a bounce.
    static let bounceFreshness: TimeInterval = 7 * 86400

    /// A permanent bounce of a mail we sent to exactly that address holds automatic mail to it back for a while.
    ///
    /// Only our own Message-ID, sent to a recipient the DSN names, counts: a DSN is as easy to forge as any mail, and
    /// a stranger must not be able to silence the acknowledgements of someone whose address they merely know.
    private func suppressIfBouncedForGood(
        _ mail: InboundMessage, ours messageID: String, ticket: TicketID, in tx: any TicketTransaction, at now: Date
    ) throws {
        guard mail.hints.bouncePermanent, let sent = try tx.outbox(messageID: messageID), sent.state == .sent,
            sent.item.dueAt > now.addingTimeInterval(-Self.bounceFreshness)
        else { return }
        let recipient = sent.item.recipient.address
        guard mail.hints.bouncedRecipients.contains(where: { $0.lowercased() == recipient.lowercased() }),
            // Never extended: a DSN sent again (forged or not) cannot keep an address silent for ever.
            try tx.suppression(of: recipient, at: now) == nil
        else { return }
        let until = now.addingTimeInterval(settings.bounceSuppression)
        let reason = "mail <\(messageID)> bounced permanently (\(mail.automatic?.reason ?? "DSN"))"
        try tx.suppress(AddressSuppression(address: recipient, reason: reason, until: until), at: now)
        try tx.append(
            TicketEvent(
                ticketID: sent.item.ticketID ?? ticket, kind: "address.suppressed", at: now,
                detail:
                    "\(recipient) gets no automatic mail until \(until.formatted(Date.ISO8601FormatStyle())): \(reason)"
            ))
    }

    /// Runs the rules for a customer-side change. An automatic follow-up (an out-of-office, a bounce) is stored on
    /// the ticket but wakes nobody; a new ticket from automatic mail runs its rules, which answer it with nothing
    /// automatic.
    private func runRules(
        _ events: [RuleEvent], on ticket: inout Ticket, body: String, mail: InboundMessage, fromOutsider: Bool = false,
        in tx: any TicketTransaction, at now: Date
    ) throws {
        guard mail.automatic == nil || events.contains(.ticketCreated) else { return }
        let context = RuleContext(
            actor: nil, actorName: mail.from.name.map { "\($0) <\(mail.from.address)>" } ?? mail.from.address,
            body: body, text: mail.reply, language: mail.mailbox?.defaultLanguage ?? "en",
            automaticReason: mail.automatic?.reason, fromOutsider: fromOutsider)
        try runner.run(events, on: &ticket, context: context, in: tx, at: now)
    }

    /// Queues the acknowledgement to `customer` unless the mail was automatic or the customer hit the hourly limit.
    private func acknowledge(
        _ ticket: Ticket, portalToken: String, customer: Person, mail: InboundMessage, in tx: any TicketTransaction,
        at now: Date
    ) throws {
        // A forwarded mail's own Message-ID is unknown: the acknowledgement then starts a thread.
        try mailer.acknowledge(
            ticket, portalToken: portalToken, customer: customer, mailbox: mail.mailbox,
            automaticReason: mail.automatic?.reason, language: mail.language,
            inReplyTo: customer == mail.from ? mail.messageID : nil, in: tx, at: now)
    }

    private func message(_ mail: InboundMessage, ticket: TicketID, inbound: InboundID, at now: Date) -> TicketMessage {
        TicketMessage(
            ticketID: ticket, authorKind: .customer, author: mail.from, isInternal: false, via: .mail, text: mail.text,
            html: mail.html, reply: mail.reply, messageIDHeader: mail.messageID, inboundID: inbound,
            attachments: mail.attachments, createdAt: now
        )
    }
}
