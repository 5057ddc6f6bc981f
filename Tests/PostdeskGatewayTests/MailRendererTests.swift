import Foundation
import PostdeskCore
import PostdeskCrypto
import PostdeskGateway
import PostdeskMail
import PostdeskWorkflow
import Testing

/// Rendering `MailTemplates/ticket_created` for real, then reading the bytes back with our own parser.
@Suite struct MailRendererTests {
    static let date = Date(timeIntervalSince1970: 1_700_000_000)

    static func item(language: String, automatic: Bool = true, customerName: String? = "Иван Петров") throws
        -> OutboxItem
    {
        let model = TicketMailModel(
            ticketNumber: 7, subject: "Принтер <горит> & дымит", customerName: customerName,
            portalToken: "tok123")
        return OutboxItem(
            id: OutboxID(1),
            item: NewOutboxItem(
                ticketID: TicketID(7), template: "ticket_created", language: language,
                recipient: Person(name: customerName, address: "Ivan@Example.RU"),
                messageID: "postdesk.ack.7.abc@support.example.test", inReplyTo: "c1@example.ru",
                references: ["c0@example.ru", "c1@example.ru"], model: try JSONEncoder().encode(model),
                isAutomatic: automatic, dueAt: date
            ),
            state: .sending, attempts: 1, raw: nil, lastError: nil
        )
    }

    @Test("the library knows the languages that have templates")
    func languages() async throws {
        #expect(try await Templates.renderer().languages() == ["en", "ru"])
    }

    @Test("a language is added by adding its files: no list in the code")
    func languageAddedByFiles() async throws {
        // Given a copy of the templates with Ukrainian and Brazilian Portuguese added, a language that has only a
        // text part, and files whose names are not language tags
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-tpl-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(atPath: Templates.directory, toPath: copy.path)
        let folder = copy.appendingPathComponent("ticket_created")
        for (name, text) in [
            ("uk.subject", "Re: {{subject}}"), ("uk.text", "Вітаємо! Звернення #{{ticketNumber}}."),
            ("pt-BR.subject", "Re: {{subject}}"), ("pt-BR.text", "Olá! Chamado #{{ticketNumber}}."),
            ("xx.text", "text but no subject"), ("en us.text", "space"), ("ru.text.bak", "backup"),
        ] {
            try Data(text.utf8).write(to: folder.appendingPathComponent("\(name).mustache"))
        }

        // When the renderer loads that directory
        let renderer = try await Templates.renderer(directory: copy.path)

        // Then the new languages are there, English first as the fallback, and the incomplete or odd ones are not
        #expect(renderer.languages() == ["en", "pt-BR", "ru", "uk"])
        #expect(MailRenderer.languages(inDirectory: copy.path) == ["en", "pt-BR", "ru", "uk", "xx"])

        // And a Ukrainian acknowledgement renders from the new files
        let raw = try renderer.render(try Self.item(language: "uk"), date: Self.date)
        #expect(try MailParser().parse(raw).text.contains("Вітаємо! Звернення #7."))
    }

    @Test(
        "an acknowledgement carries [#N], a signed Reply-To, threading headers and Auto-Submitted",
        arguments: ["en", "ru"])
    func acknowledgement(language: String) async throws {
        // Given the acknowledgement for ticket #7
        let renderer = try await Templates.renderer()

        // When it is rendered and parsed back
        let raw = try renderer.render(try Self.item(language: language), date: Self.date)
        let mail = try MailParser().parse(raw)

        // Then the subject is tagged with the ticket number and keeps the customer's subject
        let subject = try #require(mail.subject)
        #expect(SubjectTag.number(in: subject) == 7)
        #expect(subject == "[#7] Re: Принтер <горит> & дымит")

        // And the Reply-To token verifies for the recipient, and only for them
        let replyTo = try #require(mail.replyTo.first?.address)
        let token = try #require(ReplyToken.find(in: replyTo, supportAddress: GatewayHarness.supportAddress))
        #expect(token.ticketNumber == 7)
        #expect(token.verifies(for: "ivan@example.ru", keys: GatewayHarness.keys, at: Date()))
        #expect(!token.verifies(for: "mallory@evil.test", keys: GatewayHarness.keys, at: Date()))

        // And the headers an MTA and a mail client need are there
        #expect(mail.from == MailAddress(name: "Example Support", address: GatewayHarness.supportAddress))
        #expect(mail.to == [MailAddress(name: "Иван Петров", address: "Ivan@Example.RU")])
        #expect(mail.messageID == "postdesk.ack.7.abc@support.example.test")
        #expect(mail.inReplyTo == ["c1@example.ru"])
        #expect(mail.references == ["c0@example.ru", "c1@example.ru"])
        #expect(mail.header("Auto-Submitted") == "auto-replied")
        #expect(mail.header("X-Postdesk-Ticket") == "7")
        #expect(mail.header("X-Postdesk-Loop") == GatewayHarness.supportAddress)
        #expect(mail.date == Self.date)

        // And the text links the portal page and greets in the right language; the HTML escapes the subject
        let text = try #require(plainTextPart(of: raw))
        #expect(text.contains("https://help.example.test/t/tok123"))
        #expect(text.contains("Принтер <горит> & дымит"))
        #expect(text.contains(language == "ru" ? "Здравствуйте, Иван Петров!" : "Hello Иван Петров,"))
        #expect(mail.text.contains(language == "ru" ? "Здравствуйте" : "Hello"))
        let html = try #require(mail.html)
        #expect(html.contains("Принтер &lt;горит&gt; &amp; дымит"))
        #expect(html.contains("href=\"https://help.example.test/t/tok123\""))
    }

    @Test("the same row renders to the same bytes")
    func deterministic() async throws {
        let renderer = try await Templates.renderer()
        let item = try Self.item(language: "en")
        #expect(try renderer.render(item, date: Self.date) == renderer.render(item, date: Self.date))
    }

    @Test("a language without templates falls back to English")
    func fallbackLanguage() async throws {
        let raw = try await Templates.renderer().render(try Self.item(language: "de"), date: Self.date)
        #expect(plainTextPart(of: raw)?.contains("thank you for writing to us") == true)
    }

    @Test("a mail written by a person has no Auto-Submitted; a missing name is left out of the greeting")
    func humanMail() async throws {
        let raw = try await Templates.renderer().render(
            try Self.item(language: "en", automatic: false, customerName: nil),
            date: Self.date)
        let mail = try MailParser().parse(raw)
        #expect(mail.header("Auto-Submitted") == nil)
        #expect(plainTextPart(of: raw)?.contains("Hello,\n") == true)
        #expect(mail.to == [MailAddress(name: nil, address: "Ivan@Example.RU")])
    }

    @Test("a base URL written with a trailing slash still gives a working portal link")
    func baseURLWithSlash() async throws {
        var renderer = try await Templates.renderer()
        renderer.baseURL = "https://help.example.test/"
        let text = try #require(plainTextPart(of: try renderer.render(try Self.item(language: "en"), date: Self.date)))
        #expect(text.contains("https://help.example.test/t/tok123"))
        #expect(!text.contains("test//t/"))
    }

    @Test("a missing template is a RenderError")
    func missingTemplate() async throws {
        var item = try Self.item(language: "en")
        item.item.template = "ticket_vanished"
        let renderer = try await Templates.renderer()
        #expect(throws: RenderError.self) { try renderer.render(item, date: Self.date) }
    }
}
