import Foundation
public import Mustache
public import PostdeskCore
public import PostdeskCrypto
import PostdeskMail
public import PostdeskWorkflow

/// Renders an outbox row into the exact bytes to send, from `MailTemplates/<template>/<lang>.{subject,text,html}.mustache`.
///
/// Every mail about a ticket leaves from its mailbox's address (``NewOutboxItem/mailbox``, the first mailbox when
/// unset), with that address as the base of the signed Reply-To.
public struct MailRenderer: Sendable {
    public var library: MustacheLibrary
    /// The configured mailboxes, the default (used for rows that name none, or a name no longer configured) first.
    public var mailboxes: [MailboxProfile]
    public var baseURL: String
    /// Signs the reply token of the Reply-To address.
    public var keys: KeyRing
    /// The languages found beside the templates (``languages(inDirectory:)``), the fallback first.
    public var templateLanguages: [String]
    /// Where attachments of relayed messages are read from.
    public var blobs: (any BlobStore)?

    /// - Parameters:
    ///   - library: the templates.
    ///   - mailboxes: the mailboxes, the default first; never empty.
    ///   - baseURL: the portal, for ticket links.
    ///   - keys: sign the reply token.
    ///   - languages: the languages the templates were written in, the fallback first.
    ///   - blobs: the attachment store, for relays that carry files.
    public init(
        library: MustacheLibrary, mailboxes: [MailboxProfile], baseURL: String, keys: KeyRing,
        languages: [String] = ["en"], blobs: (any BlobStore)? = nil
    ) {
        precondition(!mailboxes.isEmpty, "a renderer needs at least one mailbox")
        self.library = library
        self.mailboxes = mailboxes
        self.baseURL = baseURL
        self.keys = keys
        self.templateLanguages = languages
        self.blobs = blobs
    }

    /// Loads every template under `directory`, and finds its languages.
    public static func load(
        directory: String, mailboxes: [MailboxProfile], baseURL: String, keys: KeyRing, blobs: (any BlobStore)? = nil
    ) async throws -> MailRenderer {
        MailRenderer(
            library: try await loadLibrary(directory: directory), mailboxes: mailboxes, baseURL: baseURL, keys: keys,
            languages: languages(inDirectory: directory), blobs: blobs)
    }

    /// Loads every template under `directory`.
    public static func loadLibrary(directory: String) async throws -> MustacheLibrary {
        try await MustacheLibrary(directory: directory)
    }

    /// The mailbox a row is sent from: the one it names, else the default.
    public func mailbox(for item: NewOutboxItem) -> MailboxProfile {
        item.mailbox.flatMap { name in mailboxes.first { $0.name == name } } ?? mailboxes[0]
    }

    /// The languages that have a `ticket_created/<lang>.text.mustache` under `directory`, `en` first (the fallback)
    /// and the others sorted: a language is added by adding its files, as the README says.
    ///
    /// Only names that can be a language tag count (letters, digits, `-`, `_`), so a stray file cannot become a
    /// template path.
    public static func languages(inDirectory directory: String) -> [String] {
        let suffix = ".text.mustache"
        let files =
            (try? FileManager.default.contentsOfDirectory(atPath: "\(directory)/ticket_created")) ?? []
        let found = Set(
            files.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }.filter { name in
                (1...35).contains(name.count)
                    && name.unicodeScalars.allSatisfy {
                        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                            || $0 == "-" || $0 == "_"
                    }
            })
        return found.contains("en") ? ["en"] + found.subtracting(["en"]).sorted() : found.sorted()
    }

    /// The languages that have a `ticket_created` text and subject template; the first is the fallback.
    public func languages() -> [String] {
        let found = templateLanguages.filter {
            library.getTemplate(named: "ticket_created/\($0).text") != nil
                && library.getTemplate(named: "ticket_created/\($0).subject") != nil
        }
        return found.isEmpty ? ["en"] : found
    }

    /// The view the templates see. Plain values only: templates never reach into the store.
    struct View {
        var ticketNumber: Int64
        /// False for mail about no ticket (a refused new mail of an operator): no `[#N]`, no ticket link.
        var hasTicket: Bool
        var subject: String
        var customerName: String?
        var customerAddress: String?
        /// The customer's page, only in mail that carries the customer's own link.
        var portalURL: String?
        /// The ticket in the operator console.
        var consoleURL: String
        var body: String?
        var actorName: String?
        var reason: String?
        var status: String?
        var priority: String?
        var team: String?
        var assigneeName: String?
        var conversation: [ConversationEntry]
        var refusals: [CommandRefusal]
        var mailboxName: String
        /// The portal's address (account mail).
        var portalHome: String
        /// The one-time link of an account mail.
        var accountURL: String?
        var login: String?
        var generatedPassword: String?
        /// The body in paragraphs, for HTML parts (each escaped by the template).
        var paragraphs: [String]
        var inlineImages: [InlineImage]
    }

    struct InlineImage {
        var contentID: String
        var filename: String
    }

    /// The ticket's console page. A mail to an operator carries a link signed for them that opens the page without
    /// signing in, for ``ConsoleLink/lifetime``; any other mail gets the bare path.
    func consoleURL(base: String, ticketNumber: Int64, for item: NewOutboxItem, at date: Date) -> String {
        let path = "\(base)/console/tickets/\(ticketNumber)"
        guard case .operator(let id) = item.replyToken else { return path }
        let link = ConsoleLink.sign(ticketNumber: ticketNumber, operatorID: id.rawValue, at: date, keys: keys)
        return "\(path)?k=\(link.key)"
    }

    public func render(_ item: OutboxItem, date: Date) throws -> [UInt8] {
        let model = try JSONDecoder().decode(TicketMailModel.self, from: item.item.model)
        let mailbox = mailbox(for: item.item)
        // `https://help.example.test/` and `https://help.example.test` both give one slash before the path.
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        let hasTicket = model.ticketNumber > 0
        let view = View(
            ticketNumber: model.ticketNumber, hasTicket: hasTicket, subject: model.subject,
            customerName: model.customerName,
            customerAddress: model.customerAddress, portalURL: model.portalToken.map { "\(base)/t/\($0)" },
            consoleURL: consoleURL(base: base, ticketNumber: model.ticketNumber, for: item.item, at: date),
            body: model.body, actorName: model.actorName,
            reason: model.reason, status: model.status, priority: model.priority, team: model.team,
            assigneeName: model.assigneeName, conversation: model.conversation ?? [], refusals: model.refusals ?? [],
            mailboxName: mailbox.displayName, portalHome: base + "/", accountURL: model.accountPath.map { base + $0 },
            login: model.login, generatedPassword: model.generatedPassword,
            paragraphs: (model.body ?? "").components(separatedBy: "\n\n").map {
                $0.trimmingCharacters(in: .newlines)
            }.filter { !$0.isEmpty },
            inlineImages: (model.attachments ?? []).compactMap { file in
                guard file.isInline, let id = file.contentID,
                    id.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") })
                else { return nil }
                return InlineImage(contentID: id, filename: file.filename ?? "image")
            }
        )
        let language =
            library.getTemplate(named: "\(item.item.template)/\(item.item.language).text") != nil
            ? item.item.language : "en"
        func render(_ part: String) throws -> String? {
            let name = "\(item.item.template)/\(language).\(part)"
            guard library.getTemplate(named: name) != nil else { return nil }
            return library.render(view, withTemplate: name)
        }
        guard let text = try render("text"), let subjectLine = try render("subject") else {
            throw RenderError(
                message: "no template \(item.item.template)/\(language).text and .subject in MailTemplates")
        }
        let trimmedSubject = subjectLine.trimmingCharacters(in: .whitespacesAndNewlines)
        let subject = hasTicket ? SubjectTag.tagged(trimmedSubject, number: model.ticketNumber) : trimmedSubject
        let address = mailbox.address.rawValue
        let replyTo: String? =
            switch item.item.replyToken {
            case .recipient:
                ReplyToken.sign(ticketNumber: model.ticketNumber, recipient: item.item.recipient.address, keys: keys)
                    .address(on: address)
            case .operator(let id):
                OperatorReplyToken.sign(ticketNumber: model.ticketNumber, operatorID: id.rawValue, keys: keys)
                    .address(on: address)
            case .none:
                nil
            }
        // X-Postdesk-Loop on everything we send: our LoopGuard drops any mail that carries it, so our own mail coming
        // back (a forward rule, an autoresponder quoting headers) never becomes a ticket.
        var headers: [(name: String, value: String)] = [("X-Postdesk-Loop", address)]
        if hasTicket { headers.insert(("X-Postdesk-Ticket", "\(model.ticketNumber)"), at: 0) }
        if item.item.isAutomatic {
            // RFC 3834 §5: an answer to a mail is auto-replied; a notification nobody asked for is auto-generated.
            headers.append(
                ("Auto-Submitted", item.item.template == "ticket_created" ? "auto-replied" : "auto-generated"))
        }
        let fromName = item.item.fromName ?? mailbox.displayName
        let mail = ComposedMail(
            from: MailAddress(name: fromName, address: address),
            to: [MailAddress(name: item.item.recipient.name, address: item.item.recipient.address)],
            replyTo: replyTo.map { MailAddress(name: fromName, address: $0) },
            subject: subject, messageID: item.item.messageID, inReplyTo: item.item.inReplyTo,
            references: item.item.references, date: date, text: text, html: try render("html"), extraHeaders: headers,
            attachments: try attachments(model.attachments ?? [])
        )
        return try mail.render()
    }

    /// The files of a relayed message, read back from the blob store. A missing blob is an error worth a retry
    /// (the disk may come back); a mail is never sent without the files it promises.
    private func attachments(_ refs: [AttachmentRef]) throws -> [ComposedAttachment] {
        guard !refs.isEmpty else { return [] }
        guard let blobs else { throw RenderError(message: "attachments to send, but no blob store configured") }
        return try refs.map { ref in
            guard let bytes = try blobs.get(sha256: ref.sha256) else {
                throw MissingBlob(sha256: ref.sha256)
            }
            // A Content-ID read from a mail may be anything; one that could not be written back safely makes the
            // image an ordinary attachment instead of failing the whole reply.
            let contentID = ref.contentID.flatMap { id in
                (1...250).contains(id.utf8.count)
                    && id.utf8.allSatisfy {
                        $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">")
                    }
                    ? id : nil
            }
            return ComposedAttachment(
                filename: ref.filename ?? "attachment", contentType: ref.contentType, bytes: bytes,
                contentID: contentID, isInline: ref.isInline && contentID != nil)
        }
    }
}

/// An attachment's file is not in the blob store (a disk not mounted yet, a restore in progress): worth a retry.
public struct MissingBlob: Error, Sendable, CustomStringConvertible {
    public var sha256: String
    public var isTransient: Bool { true }
    public var description: String { "attachment \(sha256) is missing from the blob store" }
}

/// A template is missing or broken. Retrying will not help until the templates are fixed.
public struct RenderError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var isTransient: Bool { false }
    public var description: String { message }
}
