import Foundation
import PostdeskCore
import PostdeskWorkflow
import Testing

/// A mail with no thread reference opens a ticket and, unless a machine wrote it, queues one acknowledgement.
@Suite struct NewTicketTests {
    let h: WorkflowHarness
    init() throws { h = try WorkflowHarness(automaticMailsPerHour: 2) }

    @Test("a first mail creates a ticket with the message, events and a queued acknowledgement")
    func newTicketAndAck() async throws {
        // Given a customer's first mail
        let first = mail(subject: "  Printer on fire \n", messageID: "c1@example.ru", language: "ru")

        // When it is applied
        let outcome = try await h.apply(first)

        // Then ticket #1 exists, `new`, for that customer, with the trimmed subject
        #expect(outcome == .created(TicketNumber(1)))
        let ticket = try #require(try await h.ticket(TicketNumber(1)))
        #expect(ticket.subject == "Printer on fire")
        #expect(ticket.status == .new && ticket.priority == .normal)
        #expect(ticket.customer == Person(name: "Ivan", address: "ivan@example.ru"))
        // And the customer's link opens it, and the customer is its one confirmed participant
        let linked = try await h.store.read { q in try q.ticket(portalToken: "token000000000000000000001") }
        #expect(linked?.id == ticket.id)
        let recipients = try await h.store.read { q in try q.recipients(of: ticket.id) }
        #expect(recipients == [Person(name: "Ivan", address: "ivan@example.ru")])
        #expect(ticket.createdAt == h.world.now)

        // And the mail is its first message, as the customer's, by mail
        let messages = try await h.messages(TicketNumber(1))
        #expect(messages.count == 1)
        #expect(messages.first?.authorKind == .customer && messages.first?.via == .mail)
        #expect(messages.first?.messageIDHeader == "c1@example.ru" && messages.first?.inboundID != nil)

        // And the log says what happened
        #expect(try await h.events(TicketNumber(1)).map(\.kind) == ["ticket.created", "mail.queued"])

        // And one automatic acknowledgement waits in the outbox, threaded to the customer's mail
        let outbox = try await h.outbox(TicketNumber(1))
        #expect(outbox.count == 1)
        let ack = try #require(outbox.first)
        #expect(ack.state == .queued && ack.attempts == 0 && ack.raw == nil)
        #expect(ack.item.template == "ticket_created" && ack.item.language == "ru" && ack.item.isAutomatic)
        #expect(ack.item.recipient == Person(name: "Ivan", address: "ivan@example.ru"))
        #expect(ack.item.messageID == "postdesk.ack.1.token000000000000000000002@support.example.test")
        #expect(ack.item.inReplyTo == "c1@example.ru" && ack.item.references == ["c1@example.ru"])
        #expect(ack.item.dueAt == h.world.now)
        let model = try JSONDecoder().decode(TicketMailModel.self, from: ack.item.model)
        #expect(
            model
                == TicketMailModel(
                    ticketNumber: 1, subject: "Printer on fire", customerName: "Ivan",
                    portalToken: "token000000000000000000001"
                ))
    }

    @Test("a mail without a Message-ID is acknowledged without In-Reply-To")
    func noMessageID() async throws {
        _ = try await h.apply(mail(messageID: nil))
        let ack = try #require(try await h.outbox(TicketNumber(1)).first)
        #expect(ack.item.inReplyTo == nil && ack.item.references.isEmpty)
    }

    @Test("an empty subject becomes (no subject)")
    func emptySubject() async throws {
        _ = try await h.apply(mail(subject: "   "))
        #expect(try await h.ticket(TicketNumber(1))?.subject == "(no subject)")
    }

    @Test(
        "machine-written mail opens a ticket but is never answered (RFC 3834)",
        arguments: [AutomaticMail.Kind.autoReply, .outOfOffice, .bulk, .list, .bounce]
    )
    func automaticMailGetsNoAck(kind: AutomaticMail.Kind) async throws {
        // Given a mail with Auto-Submitted: auto-replied (or another machine marker)
        let automatic = AutomaticMail(kind: kind, reason: "Auto-Submitted: auto-replied")

        // When it is applied
        let outcome = try await h.apply(mail(messageID: "auto@example.ru", automatic: automatic))

        // Then there is a ticket, no outbox row, and the log says why
        #expect(outcome == .created(TicketNumber(1)))
        #expect(try await h.outbox(TicketNumber(1)).isEmpty)
        let events = try await h.events(TicketNumber(1))
        #expect(events.map(\.kind) == ["ticket.created", "autoreply.suppressed"])
        #expect(events.last?.detail.contains("Auto-Submitted: auto-replied") == true)
    }

    @Test("the auto-reply limit holds per sender within its window (3 hours by default), and lifts after it")
    func hourlyRateLimit() async throws {
        // Given a limit of 2 automatic mails per sender per window, and two tickets from Ivan now
        #expect(try await h.apply(mail(subject: "one", messageID: "1@x")) == .created(TicketNumber(1)))
        h.world.advance(by: 60)
        #expect(
            try await h.apply(mail(from: "IVAN@example.ru", subject: "two", messageID: "2@x"))
                == .created(TicketNumber(2)))

        // When a third new ticket comes from him within the window, and one from Anna
        h.world.advance(by: 60)
        #expect(try await h.apply(mail(subject: "three", messageID: "3@x")) == .created(TicketNumber(3)))
        #expect(
            try await h.apply(mail(from: "anna@example.ru", subject: "four", messageID: "4@x"))
                == .created(TicketNumber(4)))

        // Then Ivan's third gets no acknowledgement, while Anna's does
        #expect(try await h.outbox(TicketNumber(1)).count == 1)
        #expect(try await h.outbox(TicketNumber(2)).count == 1)
        #expect(try await h.outbox(TicketNumber(3)).isEmpty)
        #expect(try await h.events(TicketNumber(3)).last?.kind == "autoreply.suppressed")
        #expect(try await h.outbox(TicketNumber(4)).count == 1)

        // When an hour has passed, he is still limited; when the window has passed since his first two, he is not
        h.world.advance(by: 3600)
        #expect(try await h.apply(mail(subject: "four and a half", messageID: "45@x")) == .created(TicketNumber(5)))
        #expect(try await h.outbox(TicketNumber(5)).isEmpty)
        h.world.advance(by: 2 * 3600)
        #expect(try await h.apply(mail(subject: "five", messageID: "5@x")) == .created(TicketNumber(6)))

        // Then he is acknowledged again
        #expect(try await h.outbox(TicketNumber(6)).count == 1)
    }

    @Test("a mailbox's acknowledgement uses its own template, and a mailbox with acknowledge: false sends none")
    func acknowledgementPerMailbox() async throws {
        let h = try WorkflowHarness()
        let quiet = MailboxProfile(
            name: "internal", address: EmailAddress("it@example.test")!, displayName: "IT", acknowledges: false)
        let sales = MailboxProfile(
            name: "sales", address: EmailAddress("sales@example.test")!, displayName: "Sales",
            acknowledgementTemplate: "auto_reply")

        _ = try await h.apply(mail(messageID: "q1@example.ru", mailbox: quiet))
        _ = try await h.apply(mail(messageID: "s1@example.ru", mailbox: sales))

        #expect(try await h.outbox(TicketNumber(1)).isEmpty)
        #expect(try await h.events(TicketNumber(1)).contains { $0.detail.contains("acknowledge: false") })
        #expect(try await h.outbox(TicketNumber(2)).map(\.item.template) == ["auto_reply"])
    }
}
