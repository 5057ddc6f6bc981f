import Foundation
import PostdeskCore
import PostdeskGateway

/// The real `MailTemplates/` directory of the repository, found from this file's path.
enum Templates {
    static var directory: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // PostdeskGatewayTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository
            .appendingPathComponent("MailTemplates").path
    }

    static func renderer(
        directory: String = directory, mailboxes: [MailboxProfile] = [GatewayHarness.mailbox]
    ) async throws -> MailRenderer {
        try await MailRenderer.load(
            directory: directory, mailboxes: mailboxes, baseURL: "https://help.example.test", keys: GatewayHarness.keys
        )
    }
}
