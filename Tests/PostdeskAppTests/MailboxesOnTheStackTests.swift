import Foundation
import Logging
import PostdeskApp
import PostdeskCore
import PostdeskCurl
import PostdeskGateway
import PostdeskMail
import Testing

/// Issue 8 §1 and §4 on the real Dovecot/Postfix: two mailboxes route to their teams and answer from their own
/// address; the stack refuses an operator's address as sender without AUTH.
@Suite("Two mailboxes on the real stack", .serialized, .enabled(if: MailStack.isAvailable))
struct MailboxesOnTheStackTests {
    let stack = MailStack.current!

    @Test("a mail to sales@ becomes a ticket of mailbox sales and team sales, acknowledged from sales@")
    func salesMailbox() async throws {
        // Given Postdesk configured with support@ and sales@ (fresh users on the stack), each with its own logins
        let support = try stack.newUser("support")
        let sales = try stack.newUser("sales")
        let customer = try stack.newUser("customer")
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-it-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        var config = PostdeskConfig()
        config.dataDir = dataDir
        config.caFile = stack.caFile
        config.templatesDir = MailboxConfigTests.templates
        config.mailboxes = [("support", support), ("sales", sales)].map { name, address in
            var mailbox = MailboxConfig(name: name, address: address)
            mailbox.team = name
            mailbox.imap = ServerLogin(
                url: "imap://127.0.0.1:\(stack.imapPort)/INBOX", user: address, password: "secret")
            mailbox.smtp = ServerLogin(url: "smtp://127.0.0.1:\(stack.smtpPort)", user: address, password: "secret")
            return mailbox
        }
        let postdesk = try Postdesk(config: config)
        let logger = Logger(label: "postdesk.test")
        let renderer = try await postdesk.renderer()
        let pollers = try postdesk.pollers(languages: renderer.languages(), logger: logger)
        let outbox = try #require(try postdesk.outbox(renderer: renderer, logger: logger))
        #expect(pollers.count == 2)

        // When the customer writes to sales@ only, and Postdesk polls both mailboxes and sends what is due
        try await stack.deliver(
            """
            From: Pat Buyer <\(customer)>
            To: \(sales)
            Subject: A quote for 40 chairs
            Message-ID: <quote-\(UUID().uuidString)@example.test>
            Date: Mon, 23 Nov 2026 10:00:00 +0000

            What would 40 chairs cost?
            """, from: customer, to: [sales])
        let deadline = ContinuousClock.now + .seconds(15)
        var tickets: [Ticket] = []
        while tickets.isEmpty, ContinuousClock.now < deadline {
            for poller in pollers { try await poller.drain() }
            tickets = try await postdesk.store.read { q in try q.tickets(limit: 10) }
            if tickets.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        }
        for poller in pollers { await poller.reader.close() }
        while try await outbox.drainOnce() > 0 {}

        // Then there is one ticket, of mailbox sales and team sales
        let ticket = try #require(tickets.first)
        #expect(tickets.count == 1)
        #expect(ticket.mailbox == "sales" && ticket.team == "sales")

        // And the customer's acknowledgement came from sales@, envelope and header, with a Reply-To on sales@
        let inbox = try await stack.waitForInbox(of: customer, count: 1)
        let ack = try MailParser().parse(try #require(inbox.first).raw)
        #expect(inbox.count == 1)
        #expect(ack.from?.address == sales)
        #expect(ack.replyTo.first?.address.hasPrefix(String(sales.prefix { $0 != "@" }) + "+") == true)
        let returnPath = String(decoding: try #require(inbox.first).raw.prefix(200), as: UTF8.self)
        #expect(returnPath.hasPrefix("Return-Path: <\(sales)>"), "\(returnPath)")
        // And nothing reached support@'s side: its folder is empty, the ledger holds one mail
        #expect(try await stack.inbox(of: support).isEmpty)
    }

    @Test("the stack takes an operator's address as envelope sender only after AUTH as that operator")
    func senderCheck() async throws {
        let customer = try stack.newUser("customer")
        let raw = Array(
            "From: agent1@example.test\r\nTo: \(customer)\r\nSubject: sender check\r\nMessage-ID: <sc-\(UUID().uuidString)@example.test>\r\n\r\nx\r\n"
                .utf8)
        func send(as user: String, from: String) async throws {
            let sender = try CurlSMTPSender(
                config: MailServerConfig(
                    url: "smtp://127.0.0.1:\(stack.smtpPort)", user: user, password: user.isEmpty ? "" : "secret"))
            try await sender.send(try OutgoingMail(envelopeFrom: from, recipients: [customer], raw: raw))
        }

        // Without AUTH, or authenticated as someone else, agent1@ is refused as sender (553 5.7.1)
        await #expect(throws: MailTransportError.self) { try await send(as: "", from: "agent1@example.test") }
        await #expect(throws: MailTransportError.self) {
            try await send(as: "customer1@example.test", from: "agent1@example.test")
        }
        // Authenticated as agent1 it goes through, and so does any address the check does not list
        try await send(as: "agent1@example.test", from: "agent1@example.test")
        try await send(as: "", from: customer)
        #expect(try await stack.waitForInbox(of: customer, count: 2).count == 2)
    }
}
