import Foundation
import PostdeskCore
import PostdeskMail
import Testing

/// ARCHITECTURE §2 step 5 with real mail clients' reply shapes, on the real stack.
@Suite("Replies thread; strangers and forgers do not", .serialized, .enabled(if: MailStack.isAvailable))
struct ThreadingTests {
    let stack = MailStack.current!

    @Test("Thunderbird, Gmail and Outlook replies join the ticket; a stranger's [#N] or a forged token opens a new one")
    func replies() async throws {
        // Given a ticket opened by a customer, and its acknowledgement in the customer's inbox
        let desk = try await TestDesk(stack: stack)
        defer { desk.cleanUp() }
        let customer = try stack.newUser("customer")
        let stranger = try stack.newUser("stranger")
        try await stack.deliver(
            """
            From: Kim Customer <\(customer)>
            To: \(desk.support)
            Subject: Printer is on fire
            Message-ID: <first-\(UUID().uuidString)@example.test>
            Date: Mon, 23 Nov 2026 10:00:00 +0000

            It smells of toast.
            """, from: customer, to: [desk.support])
        try await desk.ingest(expecting: 1)
        try await desk.sendOutbox()
        let ackRaw = try #require(try await stack.waitForInbox(of: customer, count: 1).first).raw
        let ack = try MailParser().parse(ackRaw)
        let number = try #require(try await desk.tickets().first?.number)
        let ackID = try #require(ack.messageID)
        let tokenAddress = try #require(ack.replyTo.first?.address)
        #expect(tokenAddress.contains("+t\(number)-"))
        #expect(ack.header("Auto-Submitted") == "auto-replied")

        // When the customer replies in the ways real clients do
        let replies: [(client: String, raw: String)] = [
            (
                "Thunderbird, tagged subject",
                """
                From: Kim Customer <\(customer)>
                To: Support <\(tokenAddress)>
                Subject: Re: [#\(number)] Re: Printer is on fire
                Message-ID: <tb-\(UUID().uuidString)@example.test>
                In-Reply-To: <\(ackID)>
                References: <\(ackID)>
                Date: Mon, 23 Nov 2026 10:05:00 +0000
                User-Agent: Mozilla Thunderbird

                Still smoking.

                On 23.11.26 10:00, Support wrote:
                > ##- Please type your reply above this line -##
                """
            ),
            (
                "Gmail, no subject tag",
                """
                From: Kim Customer <\(customer)>
                To: Support <\(desk.support)>
                Subject: Re: Printer is on fire
                Message-ID: <CAgmail-\(UUID().uuidString)@mail.gmail.com>
                In-Reply-To: <\(ackID)>
                References: <\(ackID)>
                Date: Mon, 23 Nov 2026 10:06:00 +0000
                MIME-Version: 1.0
                Content-Type: text/html; charset=UTF-8

                <div dir="ltr">Now it is on fire again.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Nov 23, 2026 at 10:00 AM Support wrote:<br></div><blockquote class="gmail_quote">Thank you</blockquote></div>
                """
            ),
            (
                "Outlook, no References, token only",
                """
                From: Kim Customer <\(customer)>
                To: "Support" <\(tokenAddress)>
                Subject: AW: [#\(number)] Re: Printer is on fire
                Message-ID: <AM0PR-\(UUID().uuidString)@outlook.example.test>
                Thread-Index: AQHZabcdef==
                Date: Mon, 23 Nov 2026 10:07:00 +0000

                The fire brigade is here.

                ________________________________
                From: Support <\(desk.support)>
                Sent: Monday, November 23, 2026 10:00
                To: Kim Customer
                Subject: [#\(number)] Re: Printer is on fire
                """
            ),
            (
                "subject tag only, from the participant",
                """
                From: \(customer)
                To: \(desk.support)
                Subject: [#\(number)] photos
                Message-ID: <tag-\(UUID().uuidString)@example.test>
                Date: Mon, 23 Nov 2026 10:08:00 +0000

                Photos will follow.
                """
            ),
        ]
        for reply in replies { try await stack.deliver(reply.raw, from: customer, to: [desk.support]) }

        // And strangers try to read their way in
        let forgedToken = desk.support.replacingOccurrences(of: "@", with: "+t\(number)-aaaaaaaaaaaaaaaa@")
        let intruders = [
            """
            From: \(stranger)
            To: \(desk.support)
            Subject: Re: [#\(number)] Printer is on fire
            Message-ID: <stranger-tag-\(UUID().uuidString)@example.test>
            Date: Mon, 23 Nov 2026 10:09:00 +0000

            Show me that ticket.
            """,
            """
            From: \(stranger)
            To: \(forgedToken)
            Subject: Re: Printer is on fire
            Message-ID: <stranger-forged-\(UUID().uuidString)@example.test>
            Date: Mon, 23 Nov 2026 10:10:00 +0000

            Forged token.
            """,
            """
            From: \(stranger)
            To: \(tokenAddress)
            Subject: Re: Printer is on fire
            Message-ID: <stranger-stolen-\(UUID().uuidString)@example.test>
            Date: Mon, 23 Nov 2026 10:11:00 +0000

            A token issued to someone else.
            """,
        ]
        for raw in intruders { try await stack.deliver(raw, from: stranger, to: [desk.support]) }
        try await desk.ingest(expecting: 1 + replies.count + intruders.count)

        // Then every reply is on the ticket, and each intruder has a ticket of their own
        let messages = try await desk.messages(number)
        #expect(messages.count == 1 + replies.count, "\(messages.map(\.reply))")
        #expect(messages.allSatisfy { $0.author?.address.lowercased() == customer })
        let tickets = try await desk.tickets()
        #expect(tickets.count == 1 + intruders.count)
        #expect(tickets.filter { $0.customer.address.lowercased() == stranger }.count == intruders.count)
        let status = try #require(tickets.first { $0.number == number }?.status)
        #expect(status == .new)
    }
}
