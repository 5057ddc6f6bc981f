import Foundation
import PostdeskCore
import PostdeskMail
import Testing

/// Issue 7 §1 on the real Dovecot/Postfix: mails whose From, display name, Subject, Message-ID or attachment names
/// try to add `Bcc:`/`To:` fields or recipients get an acknowledgement (or none) to their real sender only.
@Suite("Header injection on the wire (real Dovecot/Postfix)", .serialized, .enabled(if: MailStack.isAvailable))
struct InjectionOnTheWireTests {
    let stack = MailStack.current!

    private func word(_ text: String) -> String { "=?utf-8?B?\(Data(text.utf8).base64EncodedString())?=" }

    @Test("no other mailbox receives anything, and what we send has only the fields our renderer writes")
    func injectionAttempts() async throws {
        // Given a support mailbox, a customer and a victim with mailboxes of their own
        let desk = try await TestDesk(stack: stack)
        defer { desk.cleanUp() }
        let customer = try stack.newUser("customer")
        let victim = try stack.newUser("victim")
        let inject = "\r\nBcc: \(victim)\r\nTo: \(victim)"
        func mail(_ headers: [String], body: String = "Hello.") -> String {
            (headers + ["To: \(desk.support)", "Date: Mon, 23 Nov 2026 10:00:00 +0000", "", body])
                .joined(separator: "\r\n")
        }
        let mails = [
            // The address itself decodes to `customer\r\nBcc: victim`: no usable From, quarantined, no answer.
            mail(["From: \(word(customer + inject))", "Subject: address", "Message-ID: <a-\(UUID())@x.test>"]),
            // A display name and a subject carrying line breaks and fields.
            mail(["From: \(word("Eve" + inject)) <\(customer)>", "Subject: name", "Message-ID: <b-\(UUID())@x.test>"]),
            mail(["From: <\(customer)>", "Subject: \(word("subject" + inject))", "Message-ID: <c-\(UUID())@x.test>"]),
            // Message-IDs that would close their brackets: refused by the parser, so they never reach our headers.
            mail([
                "From: \(customer)", "Subject: ids", "Message-ID: <d-\(UUID())@x.test> <\(victim)>",
                "References: <r\u{1}@x.test>\tBcc: <\(victim)>",
            ]),
            // An attachment whose name decodes to line breaks and fields.
            mail(
                [
                    "From: \(customer)", "Subject: attachment", "Message-ID: <e-\(UUID())@x.test>",
                    "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=b",
                ],
                body: [
                    "--b", "Content-Type: text/plain", "", "See attached.", "--b", "Content-Type: text/plain",
                    "Content-Disposition: attachment; filename=\"\(word("a.txt" + inject))\"", "", "file", "--b--",
                ].joined(separator: "\r\n")),
        ]

        // When they arrive, Postdesk polls and sends what it queued
        for raw in mails { try await stack.deliver(raw, from: customer, to: [desk.support]) }
        try await desk.ingest(expecting: mails.count)
        try await desk.sendOutbox()

        // Then the encoded address was never decoded: it is quarantined, or (where Postfix qualified the bare word
        // with its own domain) taken literally as `=?utf-8?B?…?=@example.test`, which is nobody
        let tickets = try await desk.tickets()
        let literal = tickets.map(\.customer.address).filter { $0 != customer }
        #expect(literal.allSatisfy { $0.hasPrefix("=?utf-8?B?") && !$0.contains("\r") && !$0.contains("\n") })
        #expect(tickets.count - literal.count == mails.count - 1)

        // And the customer holds one acknowledgement per ticket of theirs, and the victim nothing at all
        let acks = try await stack.waitForInbox(of: customer, count: mails.count - 1)
        #expect(acks.count == mails.count - 1)
        #expect(try await stack.inbox(of: victim).isEmpty)

        // And every mail we sent has only our fields, once each, one recipient, and no line break in a value
        let sent = try await desk.postdesk.store.read { q in try q.outbox(state: .sent, limit: 100) }
        #expect(sent.count == tickets.count)
        let allowed: Set<String> = [
            "Date", "From", "To", "Reply-To", "Subject", "Message-ID", "In-Reply-To", "References",
            "X-Postdesk-Ticket", "X-Postdesk-Loop", "Auto-Submitted", "MIME-Version", "Content-Type",
            "Content-Transfer-Encoding",
        ]
        for item in sent {
            let raw = try #require(item.raw)
            let header = String(decoding: raw, as: UTF8.self).components(separatedBy: "\r\n\r\n")[0]
            let names = header.components(separatedBy: "\r\n").filter { !$0.hasPrefix(" ") }.map {
                String($0.prefix { $0 != ":" })
            }
            #expect(Set(names).isSubset(of: allowed) && names.count == Set(names).count, "\(names)")
            let parsed = try MailParser().parse(raw)
            #expect(parsed.to.map(\.address) == [item.item.recipient.address] && parsed.cc.isEmpty)
            #expect(item.item.recipient.address == customer || literal.contains(item.item.recipient.address))
        }

        // And the stored names carry no line breaks
        for ticket in tickets {
            #expect(!ticket.subject.contains("\r") && !ticket.subject.contains("\n"))
            for message in try await desk.messages(ticket.number) {
                #expect(message.author?.name?.contains("\n") != true)
                #expect(message.attachments.allSatisfy { $0.filename?.contains("\n") != true })
            }
        }
    }
}
