import Foundation
import PostdeskCore
import PostdeskWorkflow
import Testing

/// ARCHITECTURE §2 step 5: thread matching, strongest first, and what a follow-up does to the ticket.
@Suite struct FollowUpTests {
    let h: WorkflowHarness
    let one = TicketNumber(1)

    /// Given ticket #1 from Ivan, acknowledged.
    init() async throws {
        h = try WorkflowHarness()
        _ = try await h.apply(mail(messageID: "c1@example.ru"))
        h.world.advance(by: 60)
    }

    private func ackMessageID() async throws -> String {
        try #require(try await h.outbox(one).first).item.messageID
    }

    @Test("a verified reply token makes a follow-up, whatever the subject says")
    func followUpByToken() async throws {
        // When Ivan answers through the signed Reply-To, with a subject that names no ticket
        let reply = mail(subject: "new subject", messageID: "c2@example.ru", hints: ThreadHints(verifiedToken: one))
        let outcome = try await h.apply(reply)

        // Then it lands on #1, no second ticket and no second acknowledgement
        #expect(outcome == .followUp(one))
        #expect(try await h.ticketCount() == 1)
        #expect(try await h.messages(one).map(\.messageIDHeader) == ["c1@example.ru", "c2@example.ru"])
        #expect(try await h.outbox(one).count == 1)
        let event = try #require(try await h.events(one).last)
        #expect(event.kind == "message.received" && event.detail.contains("reply token"))
        #expect(try await h.ticket(one)?.updatedAt == h.world.now)
    }

    @Test("References to our acknowledgement make a follow-up")
    func followUpByOurMessageID() async throws {
        let ack = try await ackMessageID()
        let reply = mail(messageID: "c2@example.ru", hints: ThreadHints(referencedMessageIDs: [ack]))
        #expect(try await h.apply(reply) == .followUp(one))
        #expect(try await h.events(one).last?.detail.contains("In-Reply-To/References") == true)
    }

    @Test("References to the customer's own stored mail make a follow-up")
    func followUpByStoredMessageID() async throws {
        let reply = mail(
            messageID: "c2@example.ru",
            hints: ThreadHints(referencedMessageIDs: ["unknown@elsewhere", "c1@example.ru"]))
        #expect(try await h.apply(reply) == .followUp(one))
        #expect(try await h.messages(one).last?.fromNewParticipant == false)
    }

    @Test("[#N] in the subject counts only from a participant")
    func subjectTagFromParticipant() async throws {
        let reply = mail(
            from: "Ivan@Example.RU", subject: "Re: [#1] Printer on fire", messageID: "c2@example.ru",
            hints: ThreadHints(subjectTag: one))
        #expect(try await h.apply(reply) == .followUp(one))
        #expect(try await h.events(one).last?.detail.contains("participant") == true)
    }

    @Test("a stranger with someone else's [#N] gets a new ticket and learns nothing of #1")
    func subjectTagFromStranger() async throws {
        // When a stranger writes with Ivan's ticket number in the subject
        let intrusion = mail(
            from: "mallory@evil.test", name: "Mallory", subject: "Re: [#1] Printer on fire",
            messageID: "m1@evil.test", hints: ThreadHints(subjectTag: one))
        let outcome = try await h.apply(intrusion)

        // Then it is a new ticket of their own, acknowledged to them, and #1 is untouched
        #expect(outcome == .created(TicketNumber(2)))
        #expect(try await h.ticket(TicketNumber(2))?.customer.address == "mallory@evil.test")
        #expect(try await h.events(TicketNumber(2)).first?.detail.contains("non-participant") == true)
        #expect(try await h.messages(one).count == 1)
        let ack = try #require(try await h.outbox(TicketNumber(2)).first)
        #expect(ack.item.recipient.address == "mallory@evil.test")
        #expect(ack.item.references == ["m1@evil.test"])
    }

    @Test("a forged token opens a new ticket")
    func forgedToken() async throws {
        let forged = mail(from: "mallory@evil.test", messageID: "m1@evil.test", hints: ThreadHints(forgedToken: true))
        #expect(try await h.apply(forged) == .created(TicketNumber(2)))
        #expect(try await h.events(TicketNumber(2)).first?.detail.contains("bad signature") == true)
        #expect(try await h.messages(one).count == 1)
    }

    @Test("a token for a ticket that does not exist falls through to the next hint")
    func tokenForMissingTicket() async throws {
        let reply = mail(
            messageID: "c2@example.ru",
            hints: ThreadHints(verifiedToken: TicketNumber(99), referencedMessageIDs: ["c1@example.ru"]))
        #expect(try await h.apply(reply) == .followUp(one))
    }

    @Test("the same Message-ID twice is recorded but ignored")
    func duplicateMessageID() async throws {
        // When the customer's first mail arrives a second time (another copy, other bytes)
        let outcome = try await h.apply(mail(messageID: "c1@example.ru"))

        // Then nothing changes
        guard case .ignored(let reason, nil) = outcome else {
            Issue.record("expected ignored, got \(outcome)")
            return
        }
        #expect(reason.contains("duplicate Message-ID"))
        #expect(try await h.ticketCount() == 1)
        #expect(try await h.messages(one).count == 1)
    }

    @Test("a mail loop is ignored before it can become a ticket")
    func loopIgnored() async throws {
        let loop = mail(
            from: "support@support.example.test", messageID: "postdesk.ack.1.x@support.example.test",
            automatic: AutomaticMail(kind: .loop, reason: "X-Postdesk-Loop header"))
        let outcome = try await h.apply(loop)
        #expect(outcome == .ignored(reason: "mail loop: X-Postdesk-Loop header", ticket: nil))
        #expect(try await h.ticketCount() == 1)
    }

    @Test("a bounce of our Message-ID is an event on its ticket, not a message")
    func bounceOfOurMail() async throws {
        // Given our acknowledgement bounced
        let ack = try await ackMessageID()
        let bounce = mail(
            from: "mailer-daemon@example.ru", name: nil, subject: "Undelivered Mail Returned to Sender",
            messageID: "dsn1@example.ru",
            automatic: AutomaticMail(kind: .bounce, reason: "delivery status 5.1.1 for ivan@example.ru"),
            hints: ThreadHints(bouncedMessageID: ack))

        // When the DSN is applied
        let outcome = try await h.apply(bounce)

        // Then it is ignored on #1, logged as mail.bounced, and neither a message nor a ticket
        #expect(outcome == .ignored(reason: "bounce of our mail <\(ack)>", ticket: one))
        let event = try #require(try await h.events(one).last)
        #expect(event.kind == "mail.bounced")
        #expect(event.detail.contains(ack) && event.detail.contains("5.1.1"))
        #expect(try await h.messages(one).count == 1)
        #expect(try await h.ticketCount() == 1)
    }

    @Test(
        "a customer's reply reopens a ticket that waits, is solved or closed",
        arguments: [TicketStatus.pending, .solved, .closed]
    )
    func replyReopens(status: TicketStatus) async throws {
        // Given #1 was answered and marked `status`
        try await h.setStatus(status, of: one)

        // When Ivan writes again
        #expect(
            try await h.apply(mail(messageID: "c2@example.ru", hints: ThreadHints(verifiedToken: one)))
                == .followUp(one))

        // Then it is open again, and the log shows the move
        #expect(try await h.ticket(one)?.status == .open)
        let event = try #require(try await h.events(one).last)
        #expect(event.kind == "status.changed" && event.detail == "\(status.rawValue) → open")
    }

    @Test("a second mail on a fresh ticket keeps it `new` and logs no status change")
    func newStaysNew() async throws {
        _ = try await h.apply(mail(messageID: "c2@example.ru", hints: ThreadHints(verifiedToken: one)))
        #expect(try await h.ticket(one)?.status == .new)
        #expect(try await h.events(one).map(\.kind) == ["ticket.created", "mail.queued", "message.received"])
    }
}
