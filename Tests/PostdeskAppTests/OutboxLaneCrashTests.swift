import Foundation
import PostdeskCore
import PostdeskStore
import Testing

/// Issue 11 §1: SIGKILL while several lanes send: every acknowledgement is `sent` or `uncertain`, none arrives twice.
@Suite("Outbox lanes under SIGKILL", .serialized, .enabled(if: MailStack.isAvailable))
struct OutboxLaneCrashTests {
    let stack = MailStack.current!

    /// Drops `count` customer mails straight into `support`'s Maildir, each from its own plus address of `customer`
    /// (so the acknowledgements are not held back by the per-recipient limit, and all land in one mailbox).
    func fill(_ support: String, count: Int, from customer: String) throws {
        let (local, domain) = (support.split(separator: "@")[0], support.split(separator: "@")[1])
        let maildir = "\(stack.dir)/mail/\(domain)/\(local)/Maildir"
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(atPath: "\(maildir)/\(sub)", withIntermediateDirectories: true)
        }
        let (customerLocal, customerDomain) = (customer.split(separator: "@")[0], customer.split(separator: "@")[1])
        for n in 1...count {
            let text =
                "From: Customer \(n) <\(customerLocal)+\(n)@\(customerDomain)>\r\n"
                + "To: \(support)\r\nSubject: Lane crash \(n)\r\nMessage-ID: <lanecrash\(n).\(UUID().uuidString)@x.test>\r\n"
                + "Date: Mon, 01 Jan 2024 10:00:00 +0000\r\n\r\nHello \(n).\r\n"
            let name = "\(Int(Date().timeIntervalSince1970)).lanecrash\(n).\(UUID().uuidString)"
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(maildir)/tmp/\(name)"))
            try FileManager.default.moveItem(atPath: "\(maildir)/tmp/\(name)", toPath: "\(maildir)/new/\(name)")
        }
        try stack.run("/bin/chown", "-R", "mail:mail", "\(stack.dir)/mail/\(domain)/\(local)")
        // On a fresh stack the domain's directory was just made here, by root: Dovecot must still create the
        // customer's mailbox in it.
        try stack.run("/bin/chown", "mail:mail", "\(stack.dir)/mail/\(domain)")
    }

    /// Starts `postdesk serve` on `data` for `support`, with 2 outbox lanes over STARTTLS + AUTH.
    func serve(data: String, support: String) -> () throws -> Process {
        var environment = ProcessInfo.processInfo.environment
        environment["POSTDESK_DATA_DIR"] = data
        environment["POSTDESK_SUPPORT_ADDRESS"] = support
        environment["POSTDESK_IMAP_URL"] = "imap://127.0.0.1:\(stack.imapPort)/INBOX"
        environment["POSTDESK_IMAP_USER"] = support
        environment["POSTDESK_IMAP_PASSWORD"] = "secret"
        environment["POSTDESK_SMTP_URL"] = "smtp://127.0.0.1:\(stack.smtpPort)"
        environment["POSTDESK_SMTP_USER"] = support
        environment["POSTDESK_SMTP_PASSWORD"] = "secret"
        environment["POSTDESK_SMTP_LANES"] = "2"
        environment["POSTDESK_CA_FILE"] = stack.caFile
        environment["POSTDESK_HTTP_ADDRESS"] = "127.0.0.1:0"
        environment["POSTDESK_TEMPLATES_DIR"] =
            URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("MailTemplates").path
        func start() throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CrashRecoveryTests.binary)
            process.arguments = ["serve"]
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        return start
    }

    /// `mails` customer mails waiting in a new support mailbox, a data directory for postdesk (the caller removes
    /// it), a way to start `serve` on them, and a counter of outbox rows.
    func waiting(_ mails: Int) throws -> (customer: String, data: String, start: () throws -> Process, count: Counter) {
        let support = try stack.newUser("support")
        let customer = try stack.newUser("customer")
        try fill(support, count: mails, from: customer)
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-lanes-\(UUID().uuidString)")
            .path
        return (customer, data, serve(data: data, support: support), Counter(data: data))
    }

    /// The Message-ID header line of each fetched mail (one per mail that has one).
    static func messageIDs(_ inbox: [FetchedMail]) -> [String] {
        inbox.compactMap { mail in
            String(decoding: mail.raw, as: UTF8.self).split(separator: "\r\n").first {
                $0.lowercased().hasPrefix("message-id:")
            }.map(String.init)
        }
    }

    /// Counts outbox rows in `state` in the database under `data` (0 until it exists).
    final class Counter: @unchecked Sendable {
        let path: String
        var reader: SQLiteStore?
        init(data: String) { path = "\(data)/postdesk.sqlite" }
        func callAsFunction(_ state: OutboxState) async -> Int {
            if reader == nil, FileManager.default.fileExists(atPath: path) { reader = try? SQLiteStore(path: path) }
            guard let reader else { return 0 }
            return (try? await reader.read { q in try q.outboxCount(state: state) }) ?? 0
        }
    }

    @Test("SIGKILL while two lanes send 300 acknowledgements: each sent or uncertain, none delivered twice")
    func killWhileSending() async throws {
        // Given 300 customer mails waiting, and postdesk serving with 2 outbox lanes over STARTTLS + AUTH
        let mails = 300
        let (customer, data, start, count) = try waiting(mails)
        defer { try? FileManager.default.removeItem(atPath: data) }

        // When postdesk is killed with SIGKILL once some acknowledgements are out, but not all
        let first = try start()
        var deadline = ContinuousClock.now + .seconds(60)
        while await count(.sent) < 20, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(2)) }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let sentBeforeKill = await count(.sent)

        // And started again until nothing is left to send
        let second = try start()
        defer { kill(second.processIdentifier, SIGKILL); second.waitUntilExit() }
        deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            let open = await count(.queued) + count(.sending)
            if open == 0, await count(.sent) + count(.uncertain) + count(.failed) == mails { break }
            try await Task.sleep(for: .milliseconds(100))
        }

        // Then the kill landed mid-way, and every row ended `sent` or `uncertain` (nothing failed, nothing resent)
        #expect(sentBeforeKill < mails, "the kill came after the last send; the test proved nothing")
        let sent = await count(.sent)
        let uncertain = await count(.uncertain)
        let failed = await count(.failed)
        #expect(sent + uncertain == mails && failed == 0)
        // And the customer's mailbox holds each sent acknowledgement, plus at most the uncertain ones, never one twice
        try await Task.sleep(for: .seconds(2))
        let inbox = try await stack.waitForInbox(of: customer, count: sent, timeout: .seconds(60))
        let ids = Self.messageIDs(inbox)
        #expect(ids.count == inbox.count)
        #expect(Set(ids).count == ids.count, "an acknowledgement arrived twice")
        #expect(inbox.count >= sent && inbox.count <= sent + uncertain, "\(inbox.count) vs \(sent)+\(uncertain)")
    }

    @Test("SIGTERM while two lanes send 300 acknowledgements: none uncertain, each delivered once after a restart")
    func terminateWhileSending() async throws {
        // Given 300 customer mails waiting, and postdesk serving with 2 outbox lanes over STARTTLS + AUTH
        let mails = 300
        let (customer, data, start, count) = try waiting(mails)
        defer { try? FileManager.default.removeItem(atPath: data) }

        // When postdesk gets SIGTERM once some acknowledgements are out, but not all, and stops
        let first = try start()
        var deadline = ContinuousClock.now + .seconds(60)
        while await count(.sent) < 20, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(2)) }
        kill(first.processIdentifier, SIGTERM)
        deadline = ContinuousClock.now + .seconds(60)
        while first.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        if first.isRunning { kill(first.processIdentifier, SIGKILL) }
        first.waitUntilExit()

        // Then it stopped on its own, mid-way, and every row is `sent` or `queued`: none `sending` or `uncertain`
        #expect(first.terminationReason == .exit, "postdesk did not stop on SIGTERM")
        let sentBeforeStop = await count(.sent)
        let queuedBeforeStop = await count(.queued)
        #expect(sentBeforeStop < mails, "the signal came after the last send; the test proved nothing")
        let (sending, uncertain, failed) = (await count(.sending), await count(.uncertain), await count(.failed))
        #expect(sending == 0 && uncertain == 0 && failed == 0, "\(sending) sending, \(uncertain) uncertain")
        #expect(sentBeforeStop + queuedBeforeStop > 0)

        // When it is started again until every acknowledgement is out
        let second = try start()
        defer {
            kill(second.processIdentifier, SIGKILL)
            second.waitUntilExit()
        }
        deadline = ContinuousClock.now + .seconds(120)
        while await count(.sent) < mails, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }

        // Then all are `sent`, none uncertain, and the customer's mailbox holds each exactly once
        let (sent, uncertainAfter, failedAfter) = (await count(.sent), await count(.uncertain), await count(.failed))
        #expect(sent == mails && uncertainAfter == 0 && failedAfter == 0)
        try await Task.sleep(for: .seconds(2))
        let inbox = try await stack.waitForInbox(of: customer, count: mails, timeout: .seconds(60))
        let ids = Self.messageIDs(inbox)
        #expect(ids.count == inbox.count)
        #expect(Set(ids).count == ids.count, "an acknowledgement arrived twice")
        #expect(inbox.count == mails)
    }
}
