import Foundation
import PostdeskCore
import PostdeskRules

/// Applies a mail whose operator is proved (``SenderIdentity``): commands, an internal note or a reply relayed to the
/// customer, and the notifications to the other operators — all in the caller's transaction.
struct OperatorMailWorkflow: Sendable {
    var mailer: TicketMailer
    var runner: RuleRunner
    var environment: WorldEnvironment

    /// An operator's answer to a notification about `ticketID`.
    func applyReply(
        _ mail: InboundMessage, by author: OperatorAccount, ticket ticketID: TicketID, inbound: InboundID,
        in tx: any TicketTransaction, at now: Date
    ) throws -> InboundOutcome {
        guard var ticket = try tx.ticket(id: ticketID) else {
            throw WorkflowError(code: .notFound, message: "ticket \(ticketID) vanished")
        }
        let written = CommandedText.parse(mail.reply)
        var commands = try CheckedCommands.check(written.lines, by: author, allowRequester: false, in: tx)
        let language = mail.mailbox?.defaultLanguage ?? "en"
        if !commands.isInternal, let leak = Self.notificationLeak(in: written.text) {
            commands.refusals.append(CommandRefusal(line: leak, reason: Self.leakReason))
        }
        guard commands.refusals.isEmpty else {
            try mailer.refuse(
                commands.refusals, to: author, ticket: ticket, subject: mail.subject, language: language,
                mailbox: mail.mailbox?.name, in: tx, at: now)
            try tx.append(
                TicketEvent(
                    ticketID: ticket.id, kind: "commands.refused", at: now,
                    detail: "mail of \(author.primaryAddress) not applied: "
                        + commands.refusals.map { "\($0.line): \($0.reason)" }.joined(separator: "; ")))
            return .ignored(
                reason: "commands refused: "
                    + commands.refusals.map { "\($0.line): \($0.reason)" }.joined(separator: "; "),
                ticket: ticket.number)
        }
        // Files alone are not a message: clients attach signature logos to every mail, and a mail of commands
        // must relay nothing.
        let hasMessage = !written.text.isEmpty
        guard hasMessage || !commands.changes.isEmpty else {
            return .ignored(reason: "an empty mail from operator \(author.primaryAddress)", ticket: ticket.number)
        }

        try commit(
            OperatorUpdate(
                changes: commands.changes, text: written.text, isInternal: commands.isInternal,
                attachments: mail.attachments, relayed: Self.relayable(mail.attachments),
                messageIDHeader: mail.messageID, inbound: inbound, channel: .mail, language: language),
            to: &ticket, by: author, in: tx, at: now)
        return .followUp(ticket.number)
    }

    /// A proved operator's mail without a token: a forwarded customer mail, or a new mail with `#requester`, opens a
    /// ticket that is the customer's.
    func applyNew(
        _ mail: InboundMessage, by author: OperatorAccount, inbound: InboundID, in tx: any TicketTransaction,
        at now: Date, acknowledge: (Ticket, String, Person, String?, any TicketTransaction) throws -> Void
    ) throws -> InboundOutcome {
        let written = CommandedText.parse(mail.reply)
        var commands = try CheckedCommands.check(written.lines, by: author, allowRequester: true, in: tx)
        let language = mail.mailbox?.defaultLanguage ?? "en"
        let forwarded = commands.requester == nil ? mail.forwarded : nil
        if commands.refusals.isEmpty, commands.requester == nil {
            if let forwarded {
                if try tx.operatorAccount(address: forwarded.from.address) != nil {
                    commands.refusals.append(
                        CommandRefusal(
                            line: "forwarded mail from \(forwarded.from.address)",
                            reason: "it is an operator's mail; forward a customer's mail, or use #requester"))
                }
            } else {
                commands.refusals.append(
                    CommandRefusal(
                        line: "(the whole mail)",
                        reason: "it carries no reply token, no forwarded mail and no #requester line, so it belongs "
                            + "to no ticket: reply to a Postdesk notification, forward the customer's mail, or "
                            + "start with #requester ADDRESS"))
            }
        }
        guard commands.refusals.isEmpty else {
            try mailer.refuse(
                commands.refusals, to: author, ticket: nil, subject: mail.subject, language: language,
                mailbox: mail.mailbox?.name, in: tx, at: now)
            return .ignored(
                reason: "operator mail refused: "
                    + commands.refusals.map { "\($0.line): \($0.reason)" }.joined(separator: "; "),
                ticket: nil)
        }

        let customer =
            commands.requester.map { Person(name: nil, address: $0.rawValue) } ?? forwarded!.from
        let customerID = try tx.upsertCustomer(customer, at: now)
        let subject = Self.subject(forwarded?.subject ?? mail.subject)
        let portalToken = environment.randomToken()
        var ticket = try tx.createTicket(
            NewTicket(
                subject: subject, customer: customerID, team: mail.mailbox?.defaultTeam, mailbox: mail.mailbox?.name,
                portalToken: portalToken, createdAt: now))
        try tx.append(
            TicketEvent(
                ticketID: ticket.id, kind: "ticket.created", at: now,
                detail: forwarded != nil
                    ? "from a customer's mail forwarded by operator \(author.primaryAddress)"
                    : "by operator \(author.primaryAddress) for \(customer.address) (#requester)"))
        var events: [RuleEvent] = [.ticketCreated]
        if let forwarded {
            _ = try tx.append(
                TicketMessage(
                    ticketID: ticket.id, authorKind: .customer, author: forwarded.from, isInternal: false, via: .mail,
                    text: forwarded.text, html: nil, reply: forwarded.text, messageIDHeader: nil, inboundID: inbound,
                    // The forwarded files; inline images are the forwarder's signature, not the customer's.
                    attachments: mail.attachments.filter { !$0.isInline }, createdAt: now))
            if !written.text.isEmpty {
                _ = try tx.append(
                    TicketMessage(
                        ticketID: ticket.id, authorKind: .operator, author: author.person, isInternal: true,
                        via: .mail, text: written.text, html: nil, reply: written.text,
                        messageIDHeader: mail.messageID, inboundID: nil, attachments: [], createdAt: now))
            }
            try acknowledge(ticket, portalToken, customer, nil, tx)
        } else if !written.text.isEmpty {
            _ = try tx.append(
                Self.message(
                    written.text, by: author, isInternal: commands.isInternal, mail: mail, ticket: ticket.id,
                    inbound: inbound, at: now))
            if !commands.isInternal {
                try mailer.relay(
                    written.text, attachments: Self.relayable(mail.attachments), by: author, ticket: ticket,
                    language: language, portalToken: portalToken, in: tx, at: now)
                try setStatus(.pending, on: &ticket, by: author, in: tx, at: now)
            }
        }
        events += try apply(commands.changes, to: &ticket, by: author, in: tx, at: now)
        ticket.updatedAt = now
        try tx.update(ticket)
        try tx.addWatcher(author.id, to: ticket.id, at: now)
        try runRules(
            events, on: &ticket, author: author, body: forwarded?.text ?? written.text, mail: mail, in: tx, at: now)
        return .created(ticket.number)
    }

    /// Applies checked changes, one event each. Returns the rule events they are.
    func apply(
        _ changes: [TicketChange], to ticket: inout Ticket, by author: OperatorAccount,
        channel: OperatorChannel = .mail, in tx: any TicketTransaction, at now: Date
    ) throws -> [RuleEvent] {
        var triggers: [RuleEvent] = []
        let who = "by \(author.primaryAddress), \(channel.words)"
        for change in changes {
            switch change {
            case .status(let status):
                if try setStatus(status, on: &ticket, by: author, in: tx, at: now) { triggers.append(.statusChanged) }
            case .priority(let priority):
                guard priority != ticket.priority else { continue }
                try tx.append(
                    TicketEvent(
                        ticketID: ticket.id, kind: "priority.changed", at: now,
                        detail: "\(ticket.priority.rawValue) → \(priority.rawValue) \(who)"))
                ticket.priority = priority
                triggers.append(.priorityChanged)
            case .team(let team):
                guard team != ticket.team else { continue }
                try tx.append(
                    TicketEvent(
                        ticketID: ticket.id, kind: "team.changed", at: now,
                        detail: "\(ticket.team ?? "none") → \(team) \(who)"))
                ticket.team = team
                triggers.append(.teamChanged)
            case .tags(let tags):
                let added = tags.filter { !ticket.tags.contains($0) }
                guard !added.isEmpty else { continue }
                ticket.tags += added
                try tx.append(
                    TicketEvent(
                        ticketID: ticket.id, kind: "tags.changed", at: now,
                        detail: "added \(added.joined(separator: ", ")) \(who)"))
                triggers.append(.tagsChanged)
            case .removeTags(let tags):
                let removed = ticket.tags.filter { tags.contains($0) }
                guard !removed.isEmpty else { continue }
                ticket.tags.removeAll { tags.contains($0) }
                try tx.append(
                    TicketEvent(
                        ticketID: ticket.id, kind: "tags.changed", at: now,
                        detail: "removed \(removed.joined(separator: ", ")) \(who)"))
                triggers.append(.tagsChanged)
            case .assign(let account):
                guard account?.id != ticket.assigneeID else { continue }
                try tx.append(
                    TicketEvent(
                        ticketID: ticket.id, kind: "assignee.changed", at: now,
                        detail:
                            "\(ticket.assignee?.address ?? "nobody") → \(account?.primaryAddress ?? "nobody") \(who)"))
                ticket.assigneeID = account?.id
                ticket.assignee = account?.person
                triggers.append(.assigneeChanged)
            case .time(let minutes, let workType, let date):
                try tx.append(
                    TimeEntry(
                        ticketID: ticket.id, operatorID: author.id, minutes: minutes, workType: workType,
                        date: date ?? Self.day(now), via: channel.via, createdAt: now))
                try tx.append(
                    TicketEvent(
                        ticketID: ticket.id, kind: "time.logged", at: now,
                        detail: "\(minutes) min\(workType.map { " \($0)" } ?? "") \(who)"))
            }
        }
        return triggers
    }

    /// Sets the status with an event; false when it already was `status`.
    @discardableResult
    func setStatus(
        _ status: TicketStatus, on ticket: inout Ticket, by author: OperatorAccount, in tx: any TicketTransaction,
        at now: Date
    ) throws -> Bool {
        guard status != ticket.status else { return false }
        try tx.append(
            TicketEvent(
                ticketID: ticket.id, kind: "status.changed", at: now,
                detail: "\(ticket.status.rawValue) → \(status.rawValue) by \(author.primaryAddress)"))
        ticket.status = status
        return true
    }

    /// Runs the rules for an operator's change; the operator is the actor, never told of it.
    private func runRules(
        _ events: [RuleEvent], on ticket: inout Ticket, author: OperatorAccount, body: String?, mail: InboundMessage,
        in tx: any TicketTransaction, at now: Date
    ) throws {
        let context = RuleContext(
            actor: author.id, actorName: author.displayName, body: body, text: body,
            language: mail.mailbox?.defaultLanguage ?? "en", automaticReason: nil)
        try runner.run(events, on: &ticket, context: context, in: tx, at: now)
    }

    static let leakReason =
        "this line is part of a notification (its signed console link or reply address); a reply to the customer "
        + "must not carry it. Delete the quoted notification and send again."

    /// A line of `text` that carries one of our operator-only secrets: a signed console link or an operator reply
    /// address. The reply extractor cuts the quoted notification, but a client that quotes without a separator would
    /// send the operator's link to the customer: such a reply is refused, never relayed.
    static func notificationLeak(in text: String) -> String? {
        text.split(separator: "\n").first { line in
            (line.contains("/console/tickets/") && line.contains("?k=")) || line.contains(/\+o\d+-\d+-[a-z2-7]{3}/)
        }.map { String($0.prefix(200)) }
    }

    /// What an operator's answer relays to the customer: their files, without attached mails (`message/*`): an
    /// "attach the original" reply would carry the whole notification, its link and its notes, to the customer.
    static func relayable(_ attachments: [AttachmentRef]) -> [AttachmentRef] {
        attachments.filter { !$0.contentType.lowercased().hasPrefix("message/") }
    }

    /// An operator's message as stored: only what they typed; the quoted notification (notes, addresses) stays in
    /// the ledger's raw bytes.
    static func message(
        _ text: String, by author: OperatorAccount, isInternal: Bool, mail: InboundMessage, ticket: TicketID,
        inbound: InboundID, at now: Date
    ) -> TicketMessage {
        TicketMessage(
            ticketID: ticket, authorKind: .operator, author: author.person, isInternal: isInternal, via: .mail,
            text: text, html: nil, reply: text, messageIDHeader: mail.messageID, inboundID: inbound,
            attachments: mail.attachments, createdAt: now)
    }

    /// `Fwd: Fw: Printer` → `Printer`: the ticket is about the customer's subject.
    static func subject(_ text: String) -> String {
        var subject = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let prefixes = ["fwd:", "fw:", "wg:", "tr:", "rv:", "пересл:", "fwd :", "fw :"]
        var changed = true
        while changed {
            changed = false
            for prefix in prefixes where subject.lowercased().hasPrefix(prefix) {
                subject = String(subject.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
                changed = true
            }
        }
        return subject.isEmpty ? "(no subject)" : subject
    }

    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
