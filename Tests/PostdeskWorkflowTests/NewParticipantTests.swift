import Foundation
import PostdeskCore
import PostdeskWorkflow
import Testing

/// Issue 7 point 8: knowing a Message-ID never makes a stranger a recipient of someone else's conversation.
@Suite struct NewParticipantTests {
    let h: WorkflowHarness
    let one = TicketNumber(1)

    /// Given ticket #1 from Ivan, acknowledged, and answered (`pending`: waiting for the customer).
    init() async throws {
        h = try WorkflowHarness()
        _ = try await h.apply(mail(messageID: "c1@example.ru"))
        try await h.setStatus(.pending, of: one)
        h.world.advance(by: 60)
    }

    private var ticketID: TicketID {
        get async throws { try #require(try await h.ticket(one)).id }
    }

    private func participants() async throws -> [Participant] {
        let id = try await ticketID
        return try await h.store.read { q in try q.participants(of: id) }
    }

    private func recipients() async throws -> [Person] {
        let id = try await ticketID
        return try await h.store.read { q in try q.recipients(of: id) }
    }

    /// A mail that names only Ivan's Message-ID in References.
    private func byReferences(from address: String, messageID: String, subject: String = "Re: Printer on fire")
        -> InboundMessage
    {
        mail(
            from: address, name: "Petr", subject: subject, messageID: messageID,
            hints: ThreadHints(referencedMessageIDs: ["c1@example.ru"]))
    }

    @Test("a mail threaded only by References from a non-participant is stored marked, its sender pending")
    func storedMarked() async throws {
        // When Petr, who was never on the ticket, replies with Ivan's Message-ID in References
        let outcome = try await h.apply(byReferences(from: "petr@example.ru", messageID: "p1@example.ru"))

        // Then the mail is on #1, marked as from a new participant
        #expect(outcome == .followUp(one))
        let last = try #require(try await h.messages(one).last)
        #expect(last.author?.address == "petr@example.ru" && last.fromNewParticipant)
        #expect(try await h.messages(one).first?.fromNewParticipant == false)

        // And Petr is listed as pending, and the recipients are still Ivan alone
        #expect(try await participants().map(\.state) == [.confirmed, .pending])
        #expect(try await participants().last?.person.address == "petr@example.ru")
        #expect(try await participants().last?.addedBy == "mail")
        #expect(try await recipients().map(\.address) == ["ivan@example.ru"])

        // And nothing is queued to anyone, and the log says who wrote
        #expect(try await h.outbox(one).count == 1)
        let kinds = try await h.events(one).map(\.kind)
        #expect(kinds.suffix(2) == ["message.received", "participant.pending"])
        #expect(try await h.events(one).last?.detail.contains("petr@example.ru") == true)
    }

    @Test("a new participant's mail does not count as the customer's reply: the status stays, the ticket moves up")
    func statusStays() async throws {
        _ = try await h.apply(byReferences(from: "petr@example.ru", messageID: "p1@example.ru"))
        let ticket = try #require(try await h.ticket(one))
        #expect(ticket.status == .pending)
        #expect(ticket.updatedAt == h.world.now)
        #expect(!(try await h.events(one).map(\.kind).contains("status.changed")))
    }

    @Test("writing again stays pending: the second mail is marked too, and the participant is listed once")
    func secondMailStaysPending() async throws {
        _ = try await h.apply(byReferences(from: "petr@example.ru", messageID: "p1@example.ru"))
        _ = try await h.apply(byReferences(from: "PETR@example.ru", messageID: "p2@example.ru"))
        #expect(try await h.messages(one).map(\.fromNewParticipant) == [false, true, true])
        #expect(try await participants().count == 2)
        #expect(try await h.events(one).map(\.kind).filter { $0 == "participant.pending" }.count == 1)
    }

    @Test("a pending participant's [#N] does not thread: only confirmed participants' tags count")
    func pendingTagOpensNewTicket() async throws {
        // Given Petr is pending on #1
        _ = try await h.apply(byReferences(from: "petr@example.ru", messageID: "p1@example.ru"))

        // When he writes a fresh mail with the tag only
        let tagged = mail(
            from: "petr@example.ru", subject: "[#1] more", messageID: "p2@example.ru",
            hints: ThreadHints(subjectTag: one))

        // Then it opens a ticket of his own
        #expect(try await h.apply(tagged) == .created(TicketNumber(2)))
    }

    @Test("once an operator adds the address, its References and [#N] mail count as a participant's")
    func operatorConfirms() async throws {
        // Given Petr is pending on #1
        _ = try await h.apply(byReferences(from: "petr@example.ru", messageID: "p1@example.ru"))

        // When an operator adds him
        let workflow = ParticipantWorkflow(environment: h.world.environment)
        let change = try await h.store.write { tx in
            try workflow.add(address: "Petr@Example.ru", name: nil, to: TicketNumber(1), by: "operator:test", in: tx)
        }

        // Then he is confirmed (the stored spelling stays), a recipient, and the log says who did it
        #expect(change == .confirmed)
        #expect(try await participants().map(\.state) == [.confirmed, .confirmed])
        #expect(try await participants().last?.addedBy == "operator:test")
        #expect(try await recipients().map(\.address) == ["ivan@example.ru", "petr@example.ru"])
        let event = try #require(try await h.events(one).last)
        #expect(event.kind == "participant.confirmed" && event.detail.contains("operator:test"))

        // And his next mail by References is a participant's: unmarked, and it reopens the waiting ticket
        _ = try await h.apply(byReferences(from: "petr@example.ru", messageID: "p2@example.ru"))
        #expect(try await h.messages(one).last?.fromNewParticipant == false)
        #expect(try await h.ticket(one)?.status == .open)

        // And adding him again changes nothing
        let again = try await h.store.write { tx in
            try workflow.add(address: "petr@example.ru", name: nil, to: TicketNumber(1), by: "operator:test", in: tx)
        }
        #expect(again == .unchanged)
    }

    @Test("an operator can add someone who never wrote")
    func operatorAddsNewAddress() async throws {
        let workflow = ParticipantWorkflow(environment: h.world.environment)
        let change = try await h.store.write { tx in
            try workflow.add(address: " boss@example.ru ", name: "Boss", to: TicketNumber(1), by: "operator:x", in: tx)
        }
        #expect(change == .added)
        #expect(
            try await participants().last
                == Participant(
                    person: Person(name: "Boss", address: "boss@example.ru"), state: .confirmed, addedBy: "operator:x",
                    createdAt: h.world.now))
    }

    @Test(
        "an address that is not one plain mailbox is refused before it can become a recipient",
        arguments: [
            "", "boss", "@example.ru", "boss@", "a@b@c", "boss@example.ru\r\nBcc: x@evil.test",
            "Boss <boss@example.ru>",
            "boss@example.ru, x@evil.test", "bo ss@example.ru", "boss@.example.ru", "boss@example..ru",
            "boss@example.ru\u{2028}", String(repeating: "a", count: 250) + "@x.ru",
        ]
    )
    func invalidAddress(address: String) async throws {
        let workflow = ParticipantWorkflow(environment: h.world.environment)
        await #expect(throws: WorkflowError.self) {
            try await h.store.write { tx in
                try workflow.add(address: address, name: nil, to: TicketNumber(1), by: "operator:x", in: tx)
            }
        }
        #expect(try await participants().count == 1)
    }

    @Test("adding to a ticket that does not exist is an error")
    func missingTicket() async throws {
        let workflow = ParticipantWorkflow(environment: h.world.environment)
        await #expect(throws: WorkflowError.self) {
            try await h.store.write { tx in
                try workflow.add(address: "boss@example.ru", name: nil, to: TicketNumber(9), by: "operator:x", in: tx)
            }
        }
    }
}
