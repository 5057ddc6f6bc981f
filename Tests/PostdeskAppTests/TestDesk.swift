import Foundation
import Logging
import PostdeskApp
import PostdeskCore
import PostdeskGateway
import PostdeskStore

/// A Postdesk wired by the real composition root, on a temporary SQLite file, polling a support mailbox of its own.
struct TestDesk {
    var stack: MailStack
    var support: String
    var postdesk: Postdesk
    var poller: MailboxPoller
    var outbox: OutboxService
    var dataDir: String

    /// - Parameter smtpPort: where the desk's relay is; the stack's SMTP port unless a test puts something between.
    init(stack: MailStack, retry: RetryPolicy = RetryPolicy(), smtpPort: String? = nil) async throws {
        self.stack = stack
        support = try stack.newUser("support")
        dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-it-\(UUID().uuidString)").path
        var config = PostdeskConfig()
        config.dataDir = dataDir
        config.supportAddress = support
        config.imapURL = "imap://127.0.0.1:\(stack.imapPort)/INBOX"
        config.imapUser = support
        config.imapPassword = "secret"
        config.smtpURL = "smtp://127.0.0.1:\(smtpPort ?? stack.smtpPort)"
        config.smtpUser = support
        config.smtpPassword = "secret"
        config.caFile = stack.caFile
        config.templatesDir =
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("MailTemplates").path
        postdesk = try Postdesk(config: config)
        let logger = Logger(label: "postdesk.test")
        let renderer = try await postdesk.renderer()
        guard let poller = try postdesk.poller(languages: renderer.languages(), logger: logger),
            let outbox = try postdesk.outbox(renderer: renderer, policy: retry, logger: logger)
        else { throw TestFailure("imap.url and smtp.url are set; poller and outbox must exist") }
        self.poller = poller
        self.outbox = outbox
    }

    /// Polls the mailbox until `count` inbound mails are in the ledger (mail delivery is asynchronous).
    func ingest(expecting count: Int, timeout: Duration = .seconds(15)) async throws {
        let deadline = ContinuousClock.now + timeout
        while try await inboundCount() < count {
            guard ContinuousClock.now < deadline else {
                throw TestFailure("only \(try await inboundCount()) of \(count) mails arrived")
            }
            try await poller.drain()
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    func inboundCount() async throws -> Int {
        try await postdesk.store.read { q in
            try [InboundState.received, .processed, .ignored, .quarantined].reduce(0) {
                $0 + (try q.inboundCount(state: $1))
            }
        }
    }

    func tickets() async throws -> [Ticket] {
        try await postdesk.store.read { q in try q.tickets(limit: 100_000) }
    }

    func messages(_ number: TicketNumber) async throws -> [TicketMessage] {
        try await postdesk.store.read { q in
            guard let t = try q.ticket(number: number) else { return [] }
            return try q.messages(of: t.id, includeInternal: true)
        }
    }

    /// Sends everything due, once.
    func sendOutbox() async throws {
        while try await outbox.drainOnce() > 0 {}
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: dataDir)
    }
}
