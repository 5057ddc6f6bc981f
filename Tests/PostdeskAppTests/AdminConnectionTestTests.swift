import Foundation
import PostdeskApp
import PostdeskWeb
import Testing

/// The admin page's "test connection" against the real Dovecot/Postfix: IMAP login and SMTP EHLO+AUTH succeed with
/// the right password and fail, saying so, with a wrong one.
@Suite("Admin connection test (real Dovecot/Postfix)", .serialized, .enabled(if: MailStack.isAvailable))
struct AdminConnectionTestTests {
    let stack = MailStack.current!

    @Test("the right logins pass both checks, a wrong password fails both, and no password is shown")
    func connectionTest() async throws {
        for (password, expected) in [("secret", true), ("wrong-password-7", false)] {
            // Given a desk whose one mailbox uses the stack's support user with this password
            let desk = try await TestDesk(stack: stack)
            var config = desk.postdesk.config
            config.imapPassword = password
            config.smtpPassword = password
            let services = AdminServices(postdesk: try Postdesk(config: config))
            // When the admin tests the mailbox
            let name = try #require(services.mailboxes().first?.name)
            let checks = await services.testMailbox(named: name)
            // Then both services are tried, with the expected outcome, and the password appears nowhere
            #expect(checks.map(\.service) == ["IMAP", "SMTP"])
            #expect(checks.allSatisfy { $0.succeeded == expected }, "\(checks)")
            #expect(!checks.contains { $0.detail.contains(password) })
        }
    }
}
