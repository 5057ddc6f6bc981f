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

    public init(library: MustacheLibrary, supportAddress: String, supportName: String, baseURL: String, keys: KeyRing) {
        self.library = library
        self.supportAddress = supportAddress
        self.supportName = supportName
        self.baseURL = baseURL
        self.keys = keys
    }

    /// Loads every template under `directory`.
    public static func loadLibrary(directory: String) async throws -> MustacheLibrary {
        try await MustacheLibrary(directory: directory)
    }

    /// The languages that have a `ticket_created` template; the first is the fallback.
    public func languages() -> [String] {
        let found = ["en", "ru", "de", "fr", "es"].filter {
            library.getTemplate(named: "ticket_created/\($0).text") != nil
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
        var headers: [(name: String, value: String)] = [("X-Postdesk-Ticket", "\(model.ticketNumber)")]
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
