import Foundation
import PostdeskCore
import PostdeskGateway
import PostdeskMail
import PostdeskWorkflow
import Testing

/// The account mails (`account_signup`, `account_login_link`, `account_invite`) render in English and Russian with
/// the portal's address, the login and the one-time link under the base URL; they carry no ticket and no Reply-To.
@Suite struct AccountMailRenderingTests {
    @Test(
        "an account mail names the portal, the login and its link",
        arguments: [
            ("account_signup", "en"), ("account_signup", "ru"), ("account_login_link", "en"),
            ("account_login_link", "ru"), ("account_invite", "en"), ("account_invite", "ru"),
        ])
    func rendered(template: String, language: String) async throws {
        // Given an account mail whose model carries the link's path
        var model = TicketMailModel(ticketNumber: 0, subject: "", customerName: "Иван", portalToken: nil)
        model.accountPath = "/password/abc123"
        model.login = "ivan@example.ru"
        let item = OutboxItem(
            id: OutboxID(1),
            item: NewOutboxItem(
                ticketID: nil, template: template, language: language,
                recipient: Person(name: "Иван", address: "ivan@example.ru"),
                messageID: "postdesk.account.x@support.example.test", inReplyTo: nil, references: [],
                model: try JSONEncoder().encode(model), isAutomatic: true, dueAt: Date(), replyToken: .none),
            state: .sending, attempts: 1, raw: nil, lastError: nil)

        // When it is rendered and read back
        let raw = try await Templates.renderer().render(item, date: Date())
        let mail = try MailParser().parse(raw)
        let text = try #require(plainTextPart(of: raw))

        // Then it holds the link under the base URL, and is about no ticket
        #expect(text.contains("https://help.example.test/password/abc123"))
        if template != "account_login_link" {
            #expect(text.contains("https://help.example.test/") && text.contains("ivan@example.ru"))
        }
        #expect(mail.subject.map { SubjectTag.number(in: $0) == nil } == true)
        #expect(mail.replyTo.isEmpty)
        #expect(!String(decoding: raw, as: UTF8.self).contains("X-Postdesk-Ticket"))
    }
}
