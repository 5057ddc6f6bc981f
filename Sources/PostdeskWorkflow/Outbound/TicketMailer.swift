import Foundation
public import PostdeskCore

/// Queues the mail a ticket change causes, in the caller's transaction, with a `mail.queued` event for each.
///
/// Every row names the ticket's mailbox, so it leaves from that mailbox's address. Mail to the customer side goes
/// only to the ticket's confirmed participants; mail to operators carries a Reply-To token signed for that operator
/// and that ticket, and never reaches a customer.
public struct TicketMailer: Sendable {
    public var settings: WorkflowSettings
    public var environment: WorldEnvironment

    public init(settings: WorkflowSettings, environment: WorldEnvironment) {
        self.settings = settings
        self.environment = environment
    }

    /// How many of the ticket's latest messages a notification shows.
    static let conversationLength = 6
    /// How much of one message a notification quotes.
    static let excerptLength = 4000

    func messageID(_ kind: String, _ ticket: Ticket) -> String {
        "postdesk.\(kind).\(ticket.number).\(environment.randomToken())@\(settings.messageIDDomain)"
    }

    /// Tells operators what happened, one mail each (what ``RuleRunner`` gathered).
    func notify(
        _ notifications: [Notification], ticket: Ticket, actorName: String?, body: String?, language: String,
        in tx: any TicketTransaction, at now: Date
    ) throws {
        guard !notifications.isEmpty else { return }
        let conversation = try recentConversation(of: ticket, in: tx)
        for notification in notifications {
            if let held = try tx.suppression(of: notification.recipient.primaryAddress, at: now) {
                try tx.append(
                    TicketEvent(
                        ticketID: ticket.id, kind: "notification.suppressed", at: now,
                        detail: "\(notification.template) not sent to \(held.address): \(held.reason)"))
                continue
            }
            let model = TicketMailModel(
                ticketNumber: ticket.number.rawValue, subject: ticket.subject, customerName: ticket.customer.name,
                portalToken: nil, body: body, customerAddress: ticket.customer.address, actorName: actorName,
                reason: notification.reasons.joined(separator: "; "), status: ticket.status.rawValue,
                priority: ticket.priority.rawValue, team: ticket.team,
                assigneeName: ticket.assignee.map { $0.name ?? $0.address },
                conversation: conversation
            )
            let id = messageID("notify", ticket)
            _ = try tx.enqueue(
                NewOutboxItem(
                    ticketID: ticket.id, template: notification.template, language: language,
                    recipient: notification.recipient.person, messageID: id, inReplyTo: nil, references: [],
                    model: try JSONEncoder().encode(model), isAutomatic: true, dueAt: now, mailbox: ticket.mailbox,
                    replyToken: .operator(notification.recipient.id)))
            try tx.append(
                TicketEvent(
                    ticketID: ticket.id, kind: "mail.queued", at: now,
                    detail: "\(notification.template) to operator \(notification.recipient.primaryAddress) "
                        + "(\(notification.reasons.joined(separator: "; "))) <\(id)>"))
        }
    }

    /// Sends an operator's answer to every confirmed participant: from the mailbox's address with the operator's
    /// name, continuing the customer's own thread. Each recipient gets their own copy and their own reply token.
    /// - Returns: how many copies were queued.
    @discardableResult
    func relay(
        _ text: String, attachments: [AttachmentRef], by author: OperatorAccount, ticket: Ticket, language: String,
        portalToken: String? = nil, in tx: any TicketTransaction, at now: Date
    ) throws -> Int {
        let thread = try customerThread(of: ticket, in: tx)
        let recipients = try tx.recipients(of: ticket.id)
        for recipient in recipients {
            let model = TicketMailModel(
                ticketNumber: ticket.number.rawValue, subject: ticket.subject, customerName: recipient.name,
                // The link opens the customer's page; only the customer it was made for gets it.
                portalToken: recipient.address.caseInsensitiveCompare(ticket.customer.address) == .orderedSame
                    ? portalToken : nil,
                body: text, actorName: author.displayName, attachments: attachments.isEmpty ? nil : attachments
            )
            let id = messageID("reply", ticket)
            _ = try tx.enqueue(
                NewOutboxItem(
                    ticketID: ticket.id, template: "operator_reply", language: language, recipient: recipient,
                    messageID: id, inReplyTo: thread.last, references: thread, model: try JSONEncoder().encode(model),
                    isAutomatic: false, dueAt: now, mailbox: ticket.mailbox, fromName: author.displayName,
                    replyToken: .recipient))
            try tx.append(
                TicketEvent(
                    ticketID: ticket.id, kind: "mail.queued", at: now,
                    detail: "reply of \(author.primaryAddress) to \(recipient.address) <\(id)>"))
        }
        return recipients.count
    }

    /// Tells an operator which command lines of their mail were refused, and why. Nothing else happened.
    func refuse(
        _ refusals: [CommandRefusal], to author: OperatorAccount, ticket: Ticket?, subject: String, language: String,
        mailbox: String?, in tx: any TicketTransaction, at now: Date
    ) throws {
        let model = TicketMailModel(
            ticketNumber: ticket?.number.rawValue ?? 0, subject: ticket?.subject ?? subject, customerName: nil,
            portalToken: nil, refusals: refusals)
        let id =
            "postdesk.refused.\(ticket.map { "\($0.number)" } ?? "new").\(environment.randomToken())@"
            + settings.messageIDDomain
        _ = try tx.enqueue(
            NewOutboxItem(
                ticketID: ticket?.id, template: "command_refused", language: language, recipient: author.person,
                messageID: id, inReplyTo: nil, references: [], model: try JSONEncoder().encode(model),
                isAutomatic: true, dueAt: now, mailbox: ticket?.mailbox ?? mailbox,
                replyToken: ticket.map { _ in .operator(author.id) } ?? .none))
        if let ticket {
            try tx.append(
                TicketEvent(
                    ticketID: ticket.id, kind: "mail.queued", at: now,
                    detail: "command_refused to operator \(author.primaryAddress) <\(id)>"))
        }
    }

    /// The newest messages first, internal notes marked, each cut to a readable length.
    func recentConversation(of ticket: Ticket, in tx: any TicketQueries) throws -> [ConversationEntry] {
        try tx.messages(of: ticket.id, includeInternal: true).suffix(Self.conversationLength).reversed().map {
            message in
            let words = message.reply.isEmpty ? message.text : message.reply
            let text =
                message.fromNewParticipant
                ? "(from a new participant, not yet added) \(words)" : words
            let author = message.author.map { person in
                person.name.map { "\($0) <\(person.address)>" } ?? person.address
            }
            return ConversationEntry(
                author: author ?? "Postdesk", authorKind: message.authorKind.rawValue, isInternal: message.isInternal,
                text: text.count > Self.excerptLength ? String(text.prefix(Self.excerptLength)) + " […]" : text,
                at: message.createdAt.formatted(Date.ISO8601FormatStyle()))
        }
    }

    /// The Message-IDs of the customer side's thread, oldest first: a relayed reply continues it (In-Reply-To the
    /// last one), so the customer's client shows it under their own conversation.
    func customerThread(of ticket: Ticket, in tx: any TicketQueries) throws -> [String] {
        // Only the customer side's own mails: an operator's inbound Message-ID was never seen by the customer.
        let ids = try tx.messages(of: ticket.id, includeInternal: false).filter {
            $0.authorKind == .customer && !$0.isInternal && !$0.fromNewParticipant
        }.compactMap(\.messageIDHeader)
        // References stay short (RFC 5322 §3.6.4 allows trimming): the first and the latest few.
        return ids.count > 10 ? [ids[0]] + ids.suffix(9) : ids
    }
}

extension TicketMailer {
    /// Why no automatic mail may go to `address` now; nil when it may. Automatic mail never answers automatic mail
    /// (RFC 3834), never goes to an address suppressed after a permanent bounce, and at most
    /// ``WorkflowSettings/automaticMailLimit`` go to one address per ``WorkflowSettings/automaticMailWindow``.
    /// - Parameter automaticReason: set when the mail that caused this was itself automatic (its classification).
    func automaticMailHold(
        to address: String, because automaticReason: String?, in tx: any TicketTransaction, at now: Date
    ) throws -> String? {
        if let automaticReason { return "the mail it would answer is automatic (\(automaticReason))" }
        if let suppression = try tx.suppression(of: address, at: now) {
            return "\(suppression.address) gets no automatic mail until "
                + "\(suppression.until.formatted(Date.ISO8601FormatStyle())) (\(suppression.reason))"
        }
        let recent = try tx.automaticMailCount(
            to: address, since: now.addingTimeInterval(-settings.automaticMailWindow))
        guard recent < settings.automaticMailLimit else {
            return "\(recent) automatic mails to \(address) in the last "
                + "\(Int(settings.automaticMailWindow / 60)) minutes (limit \(settings.automaticMailLimit))"
        }
        return nil
    }

    /// Queues an automatic mail a rule asked for: to the customer (in their thread, with their reply token) or to
    /// another address (no token: whatever comes back is a new sender's mail).
    func automaticMail(
        _ template: String, to person: Person, isCustomer: Bool, ticket: Ticket, language: String, reasons: String,
        in tx: any TicketTransaction, at now: Date
    ) throws {
        let thread = isCustomer ? try customerThread(of: ticket, in: tx) : []
        // The customer's page link, new for this mail (only digests are stored, so the first one cannot be reused);
        // another address gets no link to the ticket.
        var portalToken: String?
        if isCustomer {
            let token = environment.randomToken()
            try tx.addPortalLink(token, to: ticket.id, for: person.address, at: now)
            portalToken = token
        }
        let model = TicketMailModel(
            ticketNumber: ticket.number.rawValue, subject: ticket.subject, customerName: person.name,
            portalToken: portalToken, reason: reasons, status: ticket.status.rawValue,
            priority: ticket.priority.rawValue,
            // People outside the team see an operator's name at most, never their address.
            team: ticket.team, assigneeName: ticket.assignee?.name)
        let id = messageID("rule", ticket)
        _ = try tx.enqueue(
            NewOutboxItem(
                ticketID: ticket.id, template: template, language: language, recipient: person, messageID: id,
                inReplyTo: thread.last, references: thread, model: try JSONEncoder().encode(model), isAutomatic: true,
                dueAt: now, mailbox: ticket.mailbox, replyToken: isCustomer ? .recipient : .none))
        try tx.append(
            TicketEvent(
                ticketID: ticket.id, kind: "mail.queued", at: now,
                detail: "\(template) to \(person.address) (\(reasons)) <\(id)>"))
    }
}
