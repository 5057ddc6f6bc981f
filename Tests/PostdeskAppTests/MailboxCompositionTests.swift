import Foundation
import Logging
import PostdeskCore
import PostdeskGateway
import PostdeskMail
import Testing

@testable import PostdeskApp

/// Issue 8 §1, the composition root: one poller per mailbox, each reading for its own mailbox, and one outbox sending
/// each row through its mailbox's relay.
@Suite("Several mailboxes in one Postdesk")
struct MailboxCompositionTests {
    let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-mb-\(UUID().uuidString)")
        .path
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Support and sales on one server (the dev stack's layout); nothing listens there, and nothing connects.
    func config(_ change: (inout PostdeskConfig) -> Void = { _ in }) -> PostdeskConfig {
        var config = PostdeskConfig()
        config.dataDir = dataDir
        config.secret = String(repeating: "s", count: 40)
        config.templatesDir = MailboxConfigTests.templates
        config.mailboxes = ["support", "sales"].map { name in
            var mailbox = MailboxConfig(name: name, address: "\(name)@example.test")
            mailbox.team = name
            mailbox.imap = ServerLogin(url: "imap://127.0.0.1:9/INBOX", user: "\(name)@example.test", password: "pw")
            mailbox.smtp = ServerLogin(url: "smtp://127.0.0.1:9", user: "\(name)@example.test", password: "pw")
            return mailbox
        }
        change(&config)
        return config
    }

    @Test("two mailboxes give two pollers, each reading for its own mailbox under its own ledger name")
    func twoPollers() throws {
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let postdesk = try Postdesk(config: config())

        let pollers = try postdesk.pollers(languages: ["en"], logger: logger)

        #expect(pollers.map(\.processor.mailbox.name) == ["support", "sales"])
        #expect(pollers.map(\.processor.mailbox.defaultTeam) == ["support", "sales"])
        // One server, two logins: two ledger names, so two poll marks
        #expect(
            pollers.map(\.name) == [
                "imap://127.0.0.1:9/INBOX (support@example.test)", "imap://127.0.0.1:9/INBOX (sales@example.test)",
            ])
        // A reply token on either address counts for either poller
        for poller in pollers {
            #expect(poller.processor.ourAddresses == ["support@example.test", "sales@example.test"])
        }
        // And a stored row finds its mailbox again by its ledger name (ingest --reprocess)
        #expect(postdesk.mailbox(forLedgerName: pollers[1].name).name == "sales")
        #expect(postdesk.mailbox(forLedgerName: "sales").name == "sales")
        #expect(postdesk.mailbox(forLedgerName: "pipe").name == "support")
    }

    @Test(
        "a mailbox whose URL no other shares keeps the URL (without userinfo) as its ledger name",
        arguments: [
            ("imaps://mail.example.test/INBOX", "imaps://sales.example.test/INBOX", "imaps://mail.example.test/INBOX"),
            (
                "imaps://support:hunter2@mail.example.test/INBOX", "imaps://sales:pw@mail.example.test/INBOX",
                "imaps://mail.example.test/INBOX (support)"
            ),
        ])
    func ledgerNames(support: String, sales: String, name: String) throws {
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let postdesk = try Postdesk(
            config: config {
                $0.mailboxes[0].imap = ServerLogin(url: support)
                $0.mailboxes[1].imap = ServerLogin(url: sales)
            })
        #expect(postdesk.ledgerNames["support"] == name)
        #expect(postdesk.ledgerNames.values.allSatisfy { !$0.contains("hunter2") && !$0.contains(":pw") })
    }

    @Test("the one-mailbox shorthand polls under its URL, as before lists existed")
    func shorthandPoller() async throws {
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let postdesk = try Postdesk(
            config: config {
                $0.mailboxes = []
                $0.imapURL = "imap://127.0.0.1:9/INBOX"
                $0.smtpURL = "smtp://127.0.0.1:9"
            })
        let pollers = try postdesk.pollers(languages: ["en"], logger: logger)
        #expect(pollers.map(\.name) == ["imap://127.0.0.1:9/INBOX"])
        #expect(postdesk.mailboxes.map(\.name) == ["support"])
        let outbox = try postdesk.outbox(renderer: try await postdesk.renderer(), logger: logger)
        #expect(outbox?.senders.keys.sorted() == ["support"])
    }

    @Test("mail read for sales goes out through sales's relay, from sales@; support's through support's")
    func rowsLeaveThroughTheirMailbox() async throws {
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        // Given the composed outbox, its two relays replaced by recording ones
        let postdesk = try Postdesk(config: config())
        let renderer = try await postdesk.renderer()
        var outbox = try #require(try postdesk.outbox(renderer: renderer, logger: logger))
        #expect(outbox.senders.keys.sorted() == ["sales", "support"] && outbox.envelopeFrom == nil)
        let relays = ["support": RecordingRelay(), "sales": RecordingRelay()]
        outbox.senders = relays
        outbox.sender = relays["support"]!
        let pollers = try postdesk.pollers(languages: renderer.languages(), logger: logger)

        // When a customer writes to each mailbox, read by that mailbox's poller, and the outbox is drained
        for (poller, to) in zip(pollers, ["support@example.test", "sales@example.test"]) {
            let raw = Array(
                """
                From: Anna <anna@example.org>\r
                To: \(to)\r
                Subject: Hello \(to)\r
                Message-ID: <\(UUID().uuidString)@example.org>\r
                Date: Mon, 23 Nov 2026 10:00:00 +0000\r
                \r
                Hello.\r

                """.utf8)
            _ = try await poller.processor.ingest([.init(bytes: raw, uid: nil)], mailbox: poller.name, uidValidity: nil)
        }
        while try await outbox.drainOnce() > 0 {}

        // Then each acknowledgement left through its own mailbox's relay, from its address, envelope and header
        for (name, relay) in relays {
            let sent = await relay.sent
            #expect(sent.count == 1, "relay \(name)")
            let mail = try #require(sent.first)
            #expect(mail.envelopeFrom?.rawValue == "\(name)@example.test")
            #expect(try MailParser().parse(mail.raw).from?.address == "\(name)@example.test")
        }
        // And each ticket remembers its mailbox and its team
        let tickets = try await postdesk.store.read { q in try q.tickets(limit: 10) }
        #expect(Set(tickets.map(\.mailbox)) == ["support", "sales"])
        #expect(tickets.allSatisfy { $0.team == $0.mailbox })
    }

    @Test("a mailbox address that is not one stops Postdesk before it opens anything")
    func badAddress() throws {
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        #expect(throws: ConfigError.self) {
            try Postdesk(config: config { $0.mailboxes[1].address = "sales@example.test>\r\nBcc: x@evil.test" })
        }
        #expect(!FileManager.default.fileExists(atPath: dataDir))
    }
}

/// A relay that keeps what it is given and accepts everything.
actor RecordingRelay: MailSender {
    private(set) var sent: [OutgoingMail] = []

    func send(_ mail: OutgoingMail) async throws {
        sent.append(mail)
    }
}
