import Foundation
public import PostdeskCore
import PostdeskRules

/// The customer portal's actions: a reply on one's own ticket, and a new ticket through the admin's form. Each is
/// one transaction that writes what a customer's mail would (message, events, acknowledgement, rules), with
/// `via: portal`. Pure of HTTP.
public struct PortalWorkflow: Sendable {
    /// Settings, clock, rules: the same values the mail path runs with.
    public var base: InboundWorkflow
    public var uploads: UploadStore
    /// The mailbox tickets opened on the portal belong to (its team, acknowledgement and language); nil: no team,
    /// the default acknowledgement, English.
    public var mailbox: MailboxProfile?
    /// Each customer's hourly upload allowance; nil: only the per-message limits.
    public var allowance: UploadAllowance?

    public init(
        base: InboundWorkflow, uploads: UploadStore, mailbox: MailboxProfile?, allowance: UploadAllowance? = nil
    ) {
        self.base = base
        self.uploads = uploads
        self.mailbox = mailbox
        self.allowance = allowance
    }

    /// Stores the customer's files once their allowance, and the client's, has room (taken before anything is
    /// written).
    private func store(_ files: [Upload], for customer: Person, client: String?) throws -> [AttachmentRef] {
        let sent = files.filter { !$0.bytes.isEmpty }
        try uploads.limits.check(sent)
        try allowance?.take(
            files: sent.count, bytes: sent.reduce(Int64(0)) { $0 + Int64($1.bytes.count) }, for: customer.address,
            client: client)
        return try uploads.store(sent)
    }

    /// Customers are not bound by teams; only whose ticket it is counts.
    private var access: TicketAccess { TicketAccess() }

    /// A reply from the portal: checks the rights on a snapshot first (a refused reply stores no file), stores the
    /// files, then writes in one transaction, which checks again.
    /// - Parameters:
    ///   - text: what the customer typed (the form's `text`).
    ///   - files: the form's `files`.
    ///   - number: the ticket.
    ///   - viewer: the signed-in customer, or the holder of the ticket's link.
    ///   - client: the client address's limit key, whose upload allowance the files also take; nil: unknown.
    /// - Throws: ``WebActionError`` (`notYourTicket`, `accountDisabled`, `invalid`, `tooManyFiles`,
    ///   `fileTooLarge`, `uploadLimit`; nothing written), or the store's error.
    public func reply(
        _ text: String, files: [Upload], on number: TicketNumber, as viewer: Viewer, client: String? = nil,
        in store: any TicketStore
    ) async throws -> Ticket {
        let access = self.access
        let ticket = try await store.read { q in try Self.authorize(viewer, on: number, access: access, in: q) }
        // A link's holder spends the ticket's customer's allowance: links and session share one.
        let attachments = try self.store(files, for: ticket.customer, client: client)
        return try await store.write { tx in
            try self.reply(text, attachments: attachments, on: number, as: viewer, in: tx)
        }
    }

    /// The reply in the caller's transaction, with its files already stored.
    public func reply(
        _ written: String, attachments: [AttachmentRef], on number: TicketNumber, as viewer: Viewer,
        in tx: any TicketTransaction
    ) throws -> Ticket {
        let now = base.environment.now()
        var ticket = try Self.authorize(viewer, on: number, access: access, in: tx)
        let text = try ConsoleWorkflow.messageText(written)
        var author = ticket.customer
        if case .customer(let person, _) = viewer, author.name == nil { author.name = person.name }
        _ = try tx.append(
            TicketMessage(
                ticketID: ticket.id, authorKind: .customer, author: author, isInternal: false, via: .portal,
                text: text, html: nil, reply: text, messageIDHeader: nil, inboundID: nil, attachments: attachments,
                createdAt: now))
        let before = ticket.status
        ticket.status = before.afterCustomerReply
        ticket.updatedAt = now
        try tx.update(ticket)
        try tx.append(
            TicketEvent(
                ticketID: ticket.id, kind: "message.received", at: now, detail: "message from the customer, via portal"
            ))
        if before != ticket.status {
            try tx.append(
                TicketEvent(
                    ticketID: ticket.id, kind: "status.changed", at: now,
                    detail: "\(before.rawValue) → \(ticket.status.rawValue)"))
        }
        try base.runner.run(
            before == ticket.status ? [.customerMessage] : [.customerMessage, .statusChanged], on: &ticket,
            context: context(author, text: text, language: language(of: ticket)), in: tx, at: now)
        return try tx.ticket(id: ticket.id) ?? ticket
    }

    /// A new ticket through the admin's form: validated (every field's error at once), files stored, then created
    /// in one transaction as a new mail would be.
    /// - Parameters:
    ///   - submission: what the form posted.
    ///   - viewer: the signed-in customer (a portal link opens no new tickets).
    ///   - language: the page's language, for the acknowledgement; nil: the mailbox's.
    ///   - client: the client address's limit key, whose upload allowance the files also take; nil: unknown.
    /// - Throws: ``WebActionError`` `formInvalid` with ``WebActionError/fieldErrors``, `accountDisabled`,
    ///   `notYourTicket` (not a signed-in customer), `tooManyFiles`, `fileTooLarge`, `uploadLimit`.
    public func openTicket(
        _ submission: PortalTicketSubmission, as viewer: Viewer, language: String? = nil, client: String? = nil,
        in store: any TicketStore
    ) async throws -> Ticket {
        let customer = try Self.customer(viewer)
        let fields = try await store.read { q in try q.formFields() }
        let form: ValidTicketForm
        switch TicketFormValidation.validate(submission, against: fields) {
        case .success(let valid): form = valid
        case .failure(let rejection):
            throw WebActionError(
                code: .formInvalid, message: "\(rejection.errors.count) field(s) need attention",
                fieldErrors: rejection.errors)
        }
        let fieldFiles = fields.filter { $0.kind == .file }.compactMap { submission.files[$0.name] }
        let attachments = try self.store(fieldFiles + submission.attachments, for: customer, client: client)
        return try await store.write { tx in
            // The form may have changed since it was read: the values are checked against the one in force.
            guard try tx.formFields() == fields else {
                throw WebActionError(code: .invalid, message: "the form changed while it was filled in; send it again")
            }
            return try self.openTicket(form, attachments: attachments, for: customer, language: language, in: tx)
        }
    }

    /// Creates the ticket of a validated form in the caller's transaction: customer, ticket, first message, form
    /// values, `ticket.created`, the acknowledgement and the rules, as ``InboundWorkflow`` does for a new mail.
    public func openTicket(
        _ form: ValidTicketForm, attachments: [AttachmentRef], for customer: Person, language: String?,
        in tx: any TicketTransaction
    ) throws -> Ticket {
        let now = base.environment.now()
        let customerID = try tx.upsertCustomer(customer, at: now)
        // The token leaves only inside the acknowledgement; the store keeps its digest.
        let portalToken = base.environment.randomToken()
        var ticket = try tx.createTicket(
            NewTicket(
                subject: form.subject, customer: customerID, team: mailbox?.defaultTeam, mailbox: mailbox?.name,
                portalToken: portalToken, createdAt: now))
        _ = try tx.append(
            TicketMessage(
                ticketID: ticket.id, authorKind: .customer, author: customer, isInternal: false, via: .portal,
                text: form.text, html: nil, reply: form.text, messageIDHeader: nil, inboundID: nil,
                attachments: attachments, createdAt: now))
        try tx.append(form.values, to: ticket.id)
        try tx.append(TicketEvent(ticketID: ticket.id, kind: "ticket.created", at: now, detail: "via portal"))
        let language = language ?? mailbox?.defaultLanguage ?? "en"
        try base.mailer.acknowledge(
            ticket, portalToken: portalToken, customer: customer, mailbox: mailbox, automaticReason: nil,
            language: language, inReplyTo: nil, in: tx, at: now)
        // Rules and notifications read the form's answers with the message, as operators see them above it.
        let body = FormSummary.text(form.values).map { "\($0)\n\n\(form.text)" } ?? form.text
        try base.runner.run(
            [.ticketCreated], on: &ticket, context: context(customer, text: body, language: language), in: tx,
            at: now)
        return try tx.ticket(id: ticket.id) ?? ticket
    }

    private func context(_ author: Person, text: String, language: String) -> RuleContext {
        RuleContext(
            actor: nil, actorName: author.name.map { "\($0) <\(author.address)>" } ?? author.address, body: text,
            text: text, language: language, automaticReason: nil)
    }

    private func language(of ticket: Ticket) -> String {
        ticket.mailbox == mailbox?.name ? mailbox?.defaultLanguage ?? "en" : "en"
    }

    static func customer(_ viewer: Viewer) throws -> Person {
        guard case .customer(let person, let isDisabled) = viewer else {
            throw WebActionError(code: .notYourTicket, message: "only a signed-in customer opens tickets")
        }
        guard !isDisabled else { throw WebActionError(code: .accountDisabled, message: "the account is disabled") }
        return person
    }

    /// The ticket, once `viewer` may act on it. Another customer's ticket is `notYourTicket`, which the web answers
    /// like a missing one, so ticket numbers leak nothing.
    static func authorize(_ viewer: Viewer, on number: TicketNumber, access: TicketAccess, in q: any TicketQueries)
        throws -> Ticket
    {
        guard let ticket = try q.ticket(number: number) else {
            throw WebActionError(code: .notFound, message: "no ticket #\(number)")
        }
        let permission = access.permission(of: viewer, on: ticket)
        guard permission.mayAct else {
            throw WebActionError(code: permission.refusal ?? .notYourTicket, message: "not yours: ticket #\(number)")
        }
        if case .portalLink = viewer, try !linkWorks(for: ticket, in: q) {
            // The same refusal as another ticket's link: the web answers it like an unknown token.
            throw WebActionError(code: .notYourTicket, message: "the link of ticket #\(number) no longer works")
        }
        return ticket
    }

    /// Whether the ticket's mailed `/t/<token>` link opens it: not when its customer has an account that an admin
    /// disabled (`user disable`), so a disabled customer loses their links with their sessions.
    public static func linkWorks(for ticket: Ticket, in q: any TicketQueries) throws -> Bool {
        try q.customerAccount(address: ticket.customer.address)?.isDisabled != true
    }
}

/// The form's answers as the lines shown above a portal ticket's first message: `Label: value`.
public enum FormSummary {
    /// Nil when the form had no values.
    public static func text(_ values: [FormValue]) -> String? {
        values.isEmpty ? nil : values.map { "\($0.label): \($0.value)" }.joined(separator: "\n")
    }
}
