import Foundation
public import Mustache
public import PostdeskCore
public import PostdeskCrypto
import PostdeskMail
public import PostdeskWorkflow

/// Renders an outbox row into the exact bytes to send, from `MailTemplates/<template>/<lang>.{subject,text,html}.mustache`.
public struct MailRenderer: Sendable {
    public var library: MustacheLibrary
    public var supportAddress: String
    public var supportName: String
    public var baseURL: String
    /// Signs the reply token of the Reply-To address.
    public var keys: KeyRing
    /// The languages found beside the templates (``languages(inDirectory:)``), the fallback first.
    public var templateLanguages: [String]

    /// - Parameters:
    ///   - library: the templates.
    ///   - supportAddress: From of every mail, base of the signed Reply-To, and the `X-Postdesk-Loop` value.
    ///   - supportName: the display name in From and Reply-To.
    ///   - baseURL: the portal, for ticket links.
    ///   - keys: sign the reply token.
    ///   - languages: the languages the templates were written in, the fallback first.
    public init(
        library: MustacheLibrary, supportAddress: String, supportName: String, baseURL: String, keys: KeyRing,
        languages: [String] = ["en"]
    ) {
        self.library = library
        self.supportAddress = supportAddress
        self.supportName = supportName
        self.baseURL = baseURL
        self.keys = keys
        self.templateLanguages = languages
    }

    /// Loads every template under `directory`, and finds its languages.
    public static func load(
        directory: String, supportAddress: String, supportName: String, baseURL: String, keys: KeyRing
    ) async throws -> MailRenderer {
        MailRenderer(
            library: try await loadLibrary(directory: directory), supportAddress: supportAddress,
            supportName: supportName, baseURL: baseURL, keys: keys, languages: languages(inDirectory: directory))
    }

    /// Loads every template under `directory`.
    public static func loadLibrary(directory: String) async throws -> MustacheLibrary {
        try await MustacheLibrary(directory: directory)
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
        var subject: String
        var customerName: String?
        var portalURL: String
        var body: String?
    }

    public func render(_ item: OutboxItem, date: Date) throws -> [UInt8] {
        let model = try JSONDecoder().decode(TicketMailModel.self, from: item.item.model)
        let view = View(
            ticketNumber: model.ticketNumber, subject: model.subject, customerName: model.customerName,
            // `https://help.example.test/` and `https://help.example.test` both give one slash before `t/`.
            portalURL: "\(baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL)/t/\(model.portalToken)",
            body: model.body
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
        let subject = SubjectTag.tagged(
            subjectLine.trimmingCharacters(in: .whitespacesAndNewlines),
            number: model.ticketNumber)
        let token = ReplyToken.sign(
            ticketNumber: model.ticketNumber, recipient: item.item.recipient.address, keys: keys)
        // X-Postdesk-Loop on everything we send: our LoopGuard drops any mail that carries it, so our own mail coming
        // back (a forward rule, an autoresponder quoting headers) never becomes a ticket.
        var headers: [(name: String, value: String)] = [
            ("X-Postdesk-Ticket", "\(model.ticketNumber)"), ("X-Postdesk-Loop", supportAddress),
        ]
        if item.item.isAutomatic { headers.append(("Auto-Submitted", "auto-replied")) }
        let mail = ComposedMail(
            from: MailAddress(name: supportName, address: supportAddress),
            to: [MailAddress(name: item.item.recipient.name, address: item.item.recipient.address)],
            replyTo: MailAddress(name: supportName, address: token.address(on: supportAddress)),
            subject: subject, messageID: item.item.messageID, inReplyTo: item.item.inReplyTo,
            references: item.item.references, date: date, text: text, html: try render("html"), extraHeaders: headers
        )
        return try mail.render()
    }
}

/// A template is missing or broken. Retrying will not help until the templates are fixed.
public struct RenderError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var isTransient: Bool { false }
    public var description: String { message }
}
