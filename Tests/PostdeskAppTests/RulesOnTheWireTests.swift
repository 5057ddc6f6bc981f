import Foundation
import Logging
import PostdeskApp
import PostdeskCore
import PostdeskCurl
import PostdeskGateway
import PostdeskMail
import PostdeskRules
import Testing

/// Issue 9 on the real Dovecot/Postfix: rules route and assign, each person gets the one mail they should, and
/// automatic mail never answers machines or floods anyone.
@Suite("Rules on the wire (real Dovecot/Postfix, real SQLite)", .serialized, .enabled(if: MailStack.isAvailable))
struct RulesOnTheWireTests {
    let stack = MailStack.current!

    /// A desk with team billing (two operators) and team support (one), and `rules` imported.
    struct Desk: PolledDesk {
        var postdesk: Postdesk
        var pollers: [MailboxPoller]
        var outbox: OutboxService
        var support: String
        var billing: [String]
        var agent: String
        var dataDir: String

        init(stack: MailStack, rules: String?, autoReplyLimit: Int = 10) async throws {
            support = try stack.newUser("support")
            billing = [try stack.newUser("bill1", operator: true), try stack.newUser("bill2", operator: true)]
            agent = try stack.newUser("agent", operator: true)
            dataDir =
                FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-rules-\(UUID().uuidString)")
                .path
            var config = PostdeskConfig()
            config.dataDir = dataDir
            config.caFile = stack.caFile
            config.autoReplyLimit = autoReplyLimit
            config.templatesDir =
                URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("MailTemplates").path
            var mailbox = MailboxConfig(name: "support", address: support)
            mailbox.team = "support"
            mailbox.imap = ServerLogin(
                url: "imap://127.0.0.1:\(stack.imapPort)/INBOX", user: support, password: "secret")
            mailbox.smtp = ServerLogin(url: "smtp://127.0.0.1:\(stack.smtpPort)", user: support, password: "secret")
            config.mailboxes = [mailbox]
            postdesk = try Postdesk(config: config)
            let logger = Logger(label: "postdesk.test")
            let renderer = try await postdesk.renderer()
            pollers = try postdesk.pollers(languages: renderer.languages(), logger: logger)
            guard let outbox = try postdesk.outbox(renderer: renderer, logger: logger) else {
                throw TestFailure("no outbox")
            }
            self.outbox = outbox
            let (billing, agent) = (billing, agent)
            try await postdesk.store.write { tx in
                _ = try tx.addTeam(name: "support", at: Date())
                _ = try tx.addTeam(name: "billing", at: Date())
                for (index, address) in billing.enumerated() {
                    _ = try tx.addUser(
                        NewUser(
                            role: .operator, address: EmailAddress(address)!, name: "Billing \(index + 1)",
                            teams: ["billing"]), at: Date())
                }
                _ = try tx.addUser(
                    NewUser(role: .operator, address: EmailAddress(agent)!, name: "Agent", teams: ["support"]),
                    at: Date())
            }
            if let rules { try await RulesFile.importText(rules, into: postdesk.store, at: Date()) }
        }

        func tickets() async throws -> [Ticket] {
            try await postdesk.store.read { q in try q.tickets(limit: 1000) }
        }
    }

    static let billingRules = """
        rules:
          - name: Billing mail goes to the billing team
            on: [ticket.created]
            if:
              any:
                - subject: {contains_any: [invoice, счёт, оплата]}
                - text: {contains_any: [invoice, счёт, оплата]}
            then:
              - set_team: billing
              - assign: {strategy: round_robin}
              - notify: {to: assignee, template: operator_assigned}
            stop: true
          - name: Tell the team about a new ticket
            on: [ticket.created]
            then:
              - notify: {to: team, template: operator_new_ticket}
          - name: Tell the new assignee
            on: [ticket.assignee]
            if: {assignee: {is_set: true}}
            then:
              - notify: {to: assignee, template: operator_assigned}
        """

    @Test("invoice mail goes to billing, round-robin 5/5, one mail per assignee per ticket, one acknowledgement each")
    func billingRoundRobin() async throws {
        let desk = try await Desk(stack: stack, rules: Self.billingRules)
        defer { try? FileManager.default.removeItem(atPath: desk.dataDir) }

        // Given ten customers writing about invoices, in English and Russian
        var customers: [String] = []
        for index in 0..<10 {
            let customer = try stack.newUser("payer")
            customers.append(customer)
            let subject = index.isMultiple(of: 2) ? "Invoice \(index) is wrong" : "Вопрос по оплате №\(index)"
            try await stack.deliver(
                """
                From: Customer \(index) <\(customer)>
                To: \(desk.support)
                Subject: \(subject)
                Message-ID: <\(UUID().uuidString)@example.test>
                Date: Tue, 01 Dec 2026 09:00:00 +0000
                Content-Type: text/plain; charset=utf-8

                Please help with the СЧЁТ.
                """, from: customer, to: [desk.support])
        }
        try await desk.cycle(inbound: 10)

        // Then every ticket is billing's, split 5/5 between its two operators
        let tickets = try await desk.tickets()
        #expect(tickets.count == 10)
        #expect(tickets.allSatisfy { $0.team == "billing" })
        let byAssignee = Dictionary(grouping: tickets, by: { $0.assignee?.address ?? "nobody" }).mapValues(\.count)
        #expect(byAssignee == [desk.billing[0]: 5, desk.billing[1]: 5])
        // And each billing operator got exactly one mail per ticket of theirs; the support agent none
        for operatorAddress in desk.billing {
            let mails = try await stack.waitForInbox(of: operatorAddress, count: 5)
            #expect(mails.count == 5)
            let numbers = try mails.map { try MailParser().parse($0.raw).subject ?? "" }
            #expect(Set(numbers).count == 5)
        }
        #expect(try await stack.inbox(of: desk.agent).isEmpty)
        // And each customer exactly one acknowledgement
        for customer in customers {
            #expect(try await stack.waitForInbox(of: customer, count: 1).count == 1)
        }
        // And explain names the rule and why it matched
        let explained = try await desk.postdesk.store.read { q in
            let ticket = try #require(try q.ticket(number: TicketNumber(1)))
            return ticket.number
        }
        let explainedLines = try #require(try await RulesFile.explain(explained, in: desk.postdesk.store))
        let text = explainedLines.joined(separator: "\n")
        #expect(text.contains("rule 1 \"Billing mail goes to the billing team\": matched: any"))
        #expect(text.contains("stopped the pass"))
        #expect(text.contains("round-robin"))
    }

    @Test("an out-of-office, a list mail and a bounce get no acknowledgement; 20 mails from one sender get 10")
    func automaticMailLimits() async throws {
        let desk = try await Desk(stack: stack, rules: nil)
        defer { try? FileManager.default.removeItem(atPath: desk.dataDir) }
        let sender = try stack.newUser("robot")

        // Given an out-of-office, a mailing-list mail and a bounce from three addresses
        let away = try stack.newUser("away")
        let list = try stack.newUser("list")
        let daemon = try stack.newUser("mailer-daemon")
        for (from, headers) in [
            (away, "Auto-Submitted: auto-replied\nSubject: Out of office"),
            (list, "List-Id: <news.example.test>\nPrecedence: list\nSubject: Our newsletter"),
            (
                daemon,
                "Subject: Undelivered Mail Returned to Sender\nContent-Type: multipart/report; report-type=delivery-status; boundary=b"
            ),
        ] {
            try await stack.deliver(
                """
                From: \(from)
                To: \(desk.support)
                \(headers)
                Message-ID: <\(UUID().uuidString)@example.test>

                --b
                Content-Type: text/plain

                Hello.
                --b
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mail.example.test

                Final-Recipient: rfc822; gone@example.test
                Action: failed
                Status: 5.1.1
                --b--
                """, from: from, to: [desk.support])
        }
        // And twenty ordinary mails from one sender in a minute
        for index in 0..<20 {
            try await stack.deliver(
                """
                From: \(sender)
                To: \(desk.support)
                Subject: Question \(index)
                Message-ID: <\(UUID().uuidString)@example.test>

                Question number \(index).
                """, from: sender, to: [desk.support])
        }
        try await desk.cycle(inbound: 23)

        // Then the machines got nothing, and the sender got the configured ten acknowledgements
        try await Task.sleep(for: .seconds(1))
        #expect(try await stack.inbox(of: away).isEmpty)
        #expect(try await stack.inbox(of: list).isEmpty)
        #expect(try await stack.inbox(of: daemon).isEmpty)
        #expect(try await stack.waitForInbox(of: sender, count: 10).count == 10)
        try await Task.sleep(for: .seconds(1))
        #expect(try await stack.inbox(of: sender).count == 10)
    }
}
