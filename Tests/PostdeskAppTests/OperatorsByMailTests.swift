import Foundation
import Logging
import PostdeskApp
import PostdeskCore
import PostdeskCurl
import PostdeskGateway
import PostdeskMail
import Testing

@testable import PostdeskWeb

/// Issue 8 on the real Dovecot/Postfix: an operator works from a mail client; forgeries reach no customer.
@Suite("Operators by mail (real Dovecot/Postfix, real SQLite)", .serialized, .enabled(if: MailStack.isAvailable))
struct OperatorsByMailTests {
    let stack = MailStack.current!

    /// A desk whose support mailbox trusts the stack's sender check and believes `mail.example.test`'s
    /// Authentication-Results, with operator Anna (team support) whose address only she may send from.
    struct Desk: PolledDesk {
        var postdesk: Postdesk
        var pollers: [MailboxPoller]
        var outbox: OutboxService
        var support: String
        var anna: String
        var dataDir: String

        init(stack: MailStack) async throws {
            support = try stack.newUser("support")
            anna = try stack.newUser("anna", operator: true)
            dataDir =
                FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-op-\(UUID().uuidString)")
                .path
            var config = PostdeskConfig()
            config.dataDir = dataDir
            config.caFile = stack.caFile
            config.templatesDir =
                URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("MailTemplates").path
            var mailbox = MailboxConfig(name: "support", address: support)
            mailbox.team = "support"
            mailbox.imap = ServerLogin(
                url: "imap://127.0.0.1:\(stack.imapPort)/INBOX", user: support, password: "secret")
            mailbox.smtp = ServerLogin(url: "smtp://127.0.0.1:\(stack.smtpPort)", user: support, password: "secret")
            mailbox.trustSenderCheck = true
            mailbox.authservID = "mail.example.test"
            config.mailboxes = [mailbox]
            postdesk = try Postdesk(config: config)
            let logger = Logger(label: "postdesk.test")
            let renderer = try await postdesk.renderer()
            pollers = try postdesk.pollers(languages: renderer.languages(), logger: logger)
            guard let outbox = try postdesk.outbox(renderer: renderer, logger: logger) else {
                throw TestFailure("no outbox")
            }
            self.outbox = outbox
            let anna = self.anna
            try await postdesk.store.write { tx in
                _ = try tx.addTeam(name: "support", at: Date())
                _ = try tx.addUser(
                    NewUser(role: .operator, address: EmailAddress(anna)!, name: "Anna Operator", teams: ["support"]),
                    at: Date())
            }
        }

        func quarantined() async throws -> [String] {
            try await postdesk.store.read { q in try q.inbound(state: .quarantined, limit: 100).compactMap(\.reason) }
        }

        func ticket(_ n: Int64) async throws -> Ticket? {
            try await postdesk.store.read { q in try q.ticket(number: TicketNumber(n)) }
        }

        func events(_ n: Int64) async throws -> [TicketEvent] {
            try await postdesk.store.read { q in
                guard let t = try q.ticket(number: TicketNumber(n)) else { return [] }
                return try q.events(of: t.id)
            }
        }
    }

    func parse(_ mail: FetchedMail) throws -> ParsedMail { try MailParser().parse(mail.raw) }

    /// An answer as a mail client writes it: the typed text on top, the notification quoted below.
    func answer(_ text: String, to notification: ParsedMail, from: String) throws -> String {
        let replyTo = try #require(notification.replyTo.first?.address)
        let quoted = notification.text.split(separator: "\n", omittingEmptySubsequences: false).map { "> \($0)" }
            .joined(separator: "\n")
        return """
            From: Anna Operator <\(from)>
            To: \(replyTo)
            Subject: Re: \(notification.subject ?? "")
            Message-ID: <\(UUID().uuidString)@example.test>
            In-Reply-To: <\(notification.messageID ?? "")>
            Date: Tue, 01 Dec 2026 10:00:00 +0000
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            \(text)

            On Tue, 1 Dec 2026 at 10:00, Support wrote:
            \(quoted)
            """
    }

    @Test("an operator answers from a mail client: one mail in the customer's thread, nothing of the operator's")
    func operatorAnswersByMail() async throws {
        let desk = try await Desk(stack: stack)
        defer { try? FileManager.default.removeItem(atPath: desk.dataDir) }
        let customer = try stack.newUser("customer")
        let customerMessageID = "\(UUID().uuidString)@example.test"

        // Given a customer's mail, and the notification it gives Anna
        try await stack.deliver(
            """
            From: Ivan Petrov <\(customer)>
            To: \(desk.support)
            Subject: Printer on fire
            Message-ID: <\(customerMessageID)>
            Date: Tue, 01 Dec 2026 09:00:00 +0000

            It is burning.
            """, from: customer, to: [desk.support])
        try await desk.cycle(inbound: 1)
        let notifications = try await stack.waitForInbox(of: desk.anna, count: 1)
        #expect(notifications.count == 1)
        let notification = try parse(try #require(notifications.first))
        #expect(notification.subject?.contains("[#1]") == true && notification.text.contains("It is burning."))
        #expect(try await stack.waitForInbox(of: customer, count: 1).count == 1)  // the acknowledgement

        // And the notification's console link, signed for Anna, opens the ticket's page
        let link = try #require(notification.text.firstMatch(of: /\/console\/tickets\/1\?k=([0-9a-z-]+)/))
        let page = try await ConsoleRoutes(
            store: desk.postdesk.store, pages: try await PageLibrary.load(), keys: desk.postdesk.keys, now: { Date() }
        )
        .ticketPage(number: "1", key: String(link.output.1))
        #expect(page.status == .ok && page.html.contains("It is burning."))

        // When Anna answers from her mail client, the notification quoted below her text, with an internal note
        // quoted in the notification too
        try await desk.postdesk.store.write { tx in
            let ticket = try tx.ticket(number: TicketNumber(1))!
            _ = try tx.append(
                TicketMessage(
                    ticketID: ticket.id, authorKind: .operator, author: Person(name: "Anna", address: desk.anna),
                    isInternal: true, via: .portal, text: "SECRET-NOTE", html: nil, reply: "SECRET-NOTE",
                    messageIDHeader: nil, inboundID: nil, attachments: [], createdAt: Date()))
        }
        try await stack.deliver(
            try answer("Please unplug it and call 112.", to: notification, from: desk.anna), from: desk.anna,
            to: [try #require(notification.replyTo.first?.address)], login: (desk.anna, "secret"))
        try await desk.cycle(inbound: 2)

        // Then exactly one more mail reaches the customer: the answer, from the mailbox, in the customer's thread
        let inbox = try await stack.waitForInbox(of: customer, count: 2)
        #expect(inbox.count == 2)
        let reply = try parse(try #require(inbox.last))
        #expect(reply.from?.address == desk.support && reply.from?.name == "Anna Operator")
        #expect(reply.inReplyTo == [customerMessageID])
        #expect(reply.subject?.contains("[#1]") == true)
        #expect(reply.text.contains("Please unplug it and call 112."))
        let raw = String(decoding: try #require(inbox.last).raw, as: UTF8.self)
        #expect(!raw.contains(desk.anna) && !raw.contains("SECRET-NOTE") && !raw.contains("It is burning"), "\(raw)")
        #expect(try await desk.ticket(1)?.status == .pending)

        // When Anna sends an internal note and commands
        try await stack.deliver(
            try answer("#internal\nCustomer sounds stressed.", to: notification, from: desk.anna), from: desk.anna,
            to: [try #require(notification.replyTo.first?.address)], login: (desk.anna, "secret"))
        try await stack.deliver(
            try answer(
                "#status solved\n#priority high\n#time 30m support\n#assign me", to: notification, from: desk.anna),
            from: desk.anna, to: [try #require(notification.replyTo.first?.address)], login: (desk.anna, "secret"))
        try await stack.deliver(
            try answer("#status done\nHello", to: notification, from: desk.anna), from: desk.anna,
            to: [try #require(notification.replyTo.first?.address)], login: (desk.anna, "secret"))
        try await desk.cycle(inbound: 5)

        // Then no customer hears of them, the ticket changed with one event each, and the bad line came back
        try await Task.sleep(for: .seconds(1))
        #expect(try await stack.inbox(of: customer).count == 2)
        let ticket = try #require(try await desk.ticket(1))
        #expect(ticket.status == .solved && ticket.priority == .high && ticket.assignee?.address == desk.anna)
        let kinds = try await desk.events(1).map(\.kind)
        for kind in ["note.added", "status.changed", "priority.changed", "time.logged", "assignee.changed"] {
            #expect(kinds.contains(kind), "\(kind) in \(kinds)")
        }
        let refusal = try await stack.waitForInbox(of: desk.anna, count: 2).map(parse).first {
            $0.subject?.contains("Not applied") == true
        }
        #expect(refusal?.text.contains("line 1: #status done") == true)
    }

    @Test("forgeries are quarantined with a reason and reach no customer")
    func forgeries() async throws {
        let desk = try await Desk(stack: stack)
        defer { try? FileManager.default.removeItem(atPath: desk.dataDir) }
        let customer = try stack.newUser("customer")
        let mallory = try stack.newUser("mallory")
        try await stack.deliver(
            "From: \(customer)\nTo: \(desk.support)\nSubject: Invoice\nMessage-ID: <\(UUID())@example.test>\n\nHi.",
            from: customer, to: [desk.support])
        try await desk.cycle(inbound: 1)
        let notification = try parse(try #require(try await stack.waitForInbox(of: desk.anna, count: 1).first))
        let ack = try parse(try #require(try await stack.waitForInbox(of: customer, count: 1).first))
        let operatorToken = try #require(notification.replyTo.first?.address)
        let customerToken = try #require(ack.replyTo.first?.address)

        // A customer forging Anna's From without a token (the server's envelope check does not vouch for it)
        try await stack.deliver(
            "From: \(desk.anna)\nTo: \(desk.support)\nSubject: Re: [#1] Invoice\nMessage-ID: <\(UUID())@x.test>\n\n"
                + "#status solved\nRefund approved, send your card number.", from: mallory, to: [desk.support])
        // Anna's token replayed from another address
        try await stack.deliver(
            "From: \(mallory)\nTo: \(operatorToken)\nSubject: Re: [#1] Invoice\nMessage-ID: <\(UUID())@x.test>\n\n"
                + "Refund approved.", from: mallory, to: [operatorToken])
        // Anna's token (seen, say, in the To of an answer she CC'd) with her From forged: the server's sender check
        // recorded Mallory as the envelope sender
        try await stack.deliver(
            "From: \(desk.anna)\nTo: \(operatorToken)\nSubject: Re: [#1] Invoice\nMessage-ID: <\(UUID())@x.test>\n\n"
                + "#status solved\nRefund approved.", from: mallory, to: [operatorToken])
        // The customer's token with a forged From, which the receiving server marks as failing DMARC
        try await stack.deliver(
            "Authentication-Results: mail.example.test; dmarc=fail header.from=example.test\nFrom: \(customer)\n"
                + "To: \(customerToken)\nSubject: Re: [#1] Invoice\nMessage-ID: <\(UUID())@x.test>\n\nCancel it.",
            from: mallory, to: [customerToken])
        try await desk.cycle(inbound: 5)

        let reasons = try await desk.quarantined()
        #expect(reasons.count == 4, "\(reasons)")
        #expect(reasons.contains { $0.contains("envelope sender") })
        #expect(reasons.contains { $0.contains("without an operator reply token") })
        #expect(reasons.contains { $0.contains("not one of that operator's addresses") })
        #expect(reasons.contains { $0.contains("DMARC fail") })
        #expect(try await desk.ticket(1)?.status == .new)
        try await Task.sleep(for: .seconds(1))
        #expect(try await stack.inbox(of: customer).count == 1)
    }

    @Test("an operator's forward of a customer's mail opens a ticket that is the customer's")
    func forward() async throws {
        let desk = try await Desk(stack: stack)
        defer { try? FileManager.default.removeItem(atPath: desk.dataDir) }
        let customer = try stack.newUser("olga")
        // Anna forwards with SMTP AUTH, so the server's sender check vouches for her address
        try await stack.deliver(
            """
            From: Anna Operator <\(desk.anna)>
            To: \(desk.support)
            Subject: Fwd: Order 42 is late
            Message-ID: <\(UUID().uuidString)@example.test>

            #priority high
            She called too.

            ---------- Forwarded message ---------
            From: Olga Ivanova <\(customer)>
            Date: Mon, 30 Nov 2026 at 18:00
            Subject: Order 42 is late
            To: <\(desk.anna)>

            Where is my order?
            """, from: desk.anna, to: [desk.support], login: (desk.anna, "secret"))
        try await desk.cycle(inbound: 1)

        let ticket = try #require(try await desk.ticket(1))
        #expect(ticket.customer.address == customer && ticket.subject == "Order 42 is late" && ticket.priority == .high)
        let ack = try parse(try #require(try await stack.waitForInbox(of: customer, count: 1).first))
        #expect(ack.subject?.contains("[#1]") == true)
    }
}
