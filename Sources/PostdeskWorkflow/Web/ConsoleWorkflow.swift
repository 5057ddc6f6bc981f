import Foundation
public import PostdeskCore

/// The operator console's actions, each one transaction through the same core as an operator's mail: the checks
/// of the mail commands (``CheckedCommands``), the same events, relay, rules and watchers
/// (``OperatorMailWorkflow/commit(_:to:by:in:at:)``). Pure of HTTP: the routes turn a form into a
/// ``ConsoleAction`` and a ``WebActionError`` into a status.
public struct ConsoleWorkflow: Sendable {
    /// Settings, clock, rules: the same values the mail path runs with.
    public var base: InboundWorkflow
    public var access: TicketAccess
    public var uploads: UploadStore
    /// The configured mailboxes: a ticket's mail goes out in its mailbox's language.
    public var mailboxes: [MailboxProfile]

    public init(base: InboundWorkflow, access: TicketAccess, uploads: UploadStore, mailboxes: [MailboxProfile]) {
        self.base = base
        self.access = access
        self.uploads = uploads
        self.mailboxes = mailboxes
    }

    /// Performs `action`: checks the rights on a snapshot, stores the files, then applies it in one transaction
    /// (which checks again: a change between the two reads cannot slip through).
    /// - Parameters:
    ///   - action: what the operator asked for.
    ///   - number: the ticket.
    ///   - operatorID: the signed-in operator or admin.
    ///   - store: the database.
    /// - Returns: the ticket as it now stands.
    /// - Throws: ``WebActionError`` when refused (nothing written), or the store's error.
    public func perform(
        _ action: ConsoleAction, on number: TicketNumber, by operatorID: OperatorID, in store: any TicketStore
    ) async throws -> Ticket {
        let access = self.access
        try await store.read { q in _ = try Self.authorize(operatorID, on: number, access: access, in: q) }
        let attachments = try uploads.store(action.files)
        return try await store.write { tx in
            try self.apply(action, on: number, by: operatorID, attachments: attachments, in: tx)
        }
    }

    /// Applies `action` in the caller's transaction; `attachments` are the action's files, already stored.
    public func apply(
        _ action: ConsoleAction, on number: TicketNumber, by operatorID: OperatorID, attachments: [AttachmentRef] = [],
        in tx: any TicketTransaction
    ) throws -> Ticket {
        let now = base.environment.now()
        let (author, found) = try Self.authorize(operatorID, on: number, access: access, in: tx)
        var ticket = found
        let language = mailboxes.first { $0.name == ticket.mailbox }?.defaultLanguage ?? "en"
        var commands: [MailCommand] = []
        var changes: [TicketChange] = []
        var text = ""
        var isInternal = false
        switch action {
        case .note(let written, _):
            text = try Self.messageText(written)
            isInternal = true
        case .reply(let written, _):
            text = try Self.messageText(written)
            if let leak = OperatorMailWorkflow.notificationLeak(in: text) {
                throw WebActionError(
                    code: .refused, message: "the reply carries an operator-only link",
                    reasons: ["\(leak): \(OperatorMailWorkflow.leakReason)"])
            }
        case .assign(let id?):
            guard let target = try tx.operatorAccount(id: id) else {
                throw WebActionError(code: .notFound, message: "no operator \(id.rawValue)")
            }
            // Delegating to someone who could not open the ticket would hide it from everyone who may.
            if !target.isDisabled, !access.permission(of: .operator(target), on: ticket).mayAct {
                throw WebActionError(
                    code: .outsideTeam,
                    message: "\(target.primaryAddress) is not in team \(ticket.team ?? "none") and could not see it")
            }
            commands.append(.assign(.someone(target.primaryAddress)))
        case .assign(nil):
            commands.append(.assign(.nobody))
        case .status(let status):
            guard status != .new else { throw WebActionError(code: .invalid, message: "a ticket cannot become new") }
            commands.append(.status(status))
        case .priority(let priority):
            commands.append(.priority(priority))
        case .team(let name):
            commands.append(.team(name))
        case .tags(let add, let remove):
            let added = try Self.tags(add)
            let removed = try Self.tags(remove)
            if !added.isEmpty { commands.append(.tags(added)) }
            if !removed.isEmpty { changes.append(.removeTags(removed)) }
        case .time(let duration, let workTypeName, let date):
            let minutes: Int
            switch MailCommandGrammar.minutes(duration) {
            case .success(let value): minutes = value
            case .failure(let error): throw WebActionError(code: .invalid, message: error.message)
            }
            guard let workType = try tx.workType(named: workTypeName) else {
                throw WebActionError(
                    code: .notFound, message: "there is no work type named '\(workTypeName.prefix(64))'")
            }
            if let date, TicketFormValidation.date(date) == nil {
                throw WebActionError(code: .invalid, message: "a date reads yyyy-MM-dd")
            }
            changes.append(.time(minutes: minutes, workType: workType.name, date: date))
        }
        let lines = commands.enumerated().map { WrittenCommand(number: $0 + 1, text: "", command: .success($1)) }
        let checked = try CheckedCommands.check(lines, by: author, allowRequester: false, in: tx)
        guard checked.refusals.isEmpty else {
            throw WebActionError(
                code: .refused, message: "refused: " + checked.refusals.map(\.reason).joined(separator: "; "),
                reasons: checked.refusals.map(\.reason))
        }
        try base.operatorMail.commit(
            OperatorUpdate(
                changes: checked.changes + changes, text: text, isInternal: isInternal, attachments: attachments,
                relayed: OperatorMailWorkflow.relayable(attachments), messageIDHeader: nil, inbound: nil,
                channel: .console, language: language),
            to: &ticket, by: author, in: tx, at: now)
        return try tx.ticket(id: ticket.id) ?? ticket
    }

    /// The acting operator and the ticket, once the operator may act on it.
    static func authorize(
        _ operatorID: OperatorID, on number: TicketNumber, access: TicketAccess, in q: any TicketQueries
    ) throws -> (OperatorAccount, Ticket) {
        guard let author = try q.operatorAccount(id: operatorID) else {
            throw WebActionError(code: .notFound, message: "no operator \(operatorID.rawValue)")
        }
        guard let ticket = try q.ticket(number: number) else {
            throw WebActionError(code: .notFound, message: "no ticket #\(number)")
        }
        let permission = access.permission(of: .operator(author), on: ticket)
        guard permission.mayAct else {
            throw WebActionError(
                code: permission.refusal ?? .outsideTeam,
                message: "\(author.primaryAddress) may not act on ticket #\(number)")
        }
        return (author, ticket)
    }

    /// The longest message kept, as the portal's.
    static let textLimit = TicketFormValidation.textLimit

    /// A reply or note as typed: line endings made `\n`, trimmed, not empty, not past the limit.
    static func messageText(_ written: String) throws -> String {
        let text = written.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw WebActionError(code: .invalid, message: "the message is empty") }
        guard text.count <= textLimit else {
            throw WebActionError(code: .invalid, message: "the message is longer than \(textLimit) characters")
        }
        return text
    }

    /// Each word as a tag, once.
    static func tags(_ words: [String]) throws -> [String] {
        var tags: [String] = []
        for word in words {
            let tag = try tag(word)
            if !tags.contains(tag) { tags.append(tag) }
        }
        return tags
    }

    static func tag(_ word: String) throws -> String {
        guard let tag = MailCommandGrammar.tag(word) else {
            throw WebActionError(
                code: .invalid, message: "a tag is one word of letters, digits, - _ or ., not '\(word.prefix(64))'")
        }
        return tag
    }
}
