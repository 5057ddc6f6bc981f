import Foundation
import PostdeskCore
import PostdeskStore
import Testing

/// Who takes part in a ticket, and who may receive its mail.
@Suite struct ParticipantStoreTests {
    let db: TemporaryStore
    let ticket: TicketID

    /// Given Ivan's ticket.
    init() async throws {
        db = try TemporaryStore()
        ticket = try await db.store.write { tx in try tx.seedTicket(customer: "ivan@example.ru").id }
    }

    private func add(_ address: String, _ state: ParticipantState, by: String = "test") async throws
        -> ParticipantChange
    {
        try await db.store.write { [ticket] tx in
            try tx.addParticipant(
                Person(name: nil, address: address), to: ticket, state: state, addedBy: by, at: Fixture.now + 60)
        }
    }

    @Test("a new ticket's customer is its confirmed participant and only recipient")
    func customerConfirmed() async throws {
        let (participants, recipients) = try await db.store.read { [ticket] q in
            (try q.participants(of: ticket), try q.recipients(of: ticket))
        }
        #expect(
            participants == [
                Participant(
                    person: Person(name: "Ivan", address: "ivan@example.ru"), state: .confirmed,
                    addedBy: "ticket.created", createdAt: Fixture.now)
            ])
        #expect(recipients == [Person(name: "Ivan", address: "ivan@example.ru")])
    }

    @Test("pending participants are listed but never recipients, and not participants for [#N]")
    func pendingIsNoRecipient() async throws {
        #expect(try await add("petr@example.ru", .pending) == .added)
        let (participants, recipients, isParticipant) = try await db.store.read { [ticket] q in
            (
                try q.participants(of: ticket), try q.recipients(of: ticket),
                try q.isParticipant("petr@example.ru", of: ticket)
            )
        }
        #expect(participants.map(\.state) == [.confirmed, .pending])
        #expect(recipients.map(\.address) == ["ivan@example.ru"])
        #expect(!isParticipant)
    }

    @Test(
        "adding moves pending to confirmed only, never back, whatever the case of the address",
        arguments: [
            // existing state, then the state asked for, and what changes
            (ParticipantState?.none, ParticipantState.pending, ParticipantChange.added, ParticipantState.pending),
            (nil, .confirmed, .added, .confirmed),
            (.pending, .pending, .unchanged, .pending),
            (.pending, .confirmed, .confirmed, .confirmed),
            (.confirmed, .pending, .unchanged, .confirmed),
            (.confirmed, .confirmed, .unchanged, .confirmed),
        ]
    )
    func transitions(
        existing: ParticipantState?, asked: ParticipantState, change: ParticipantChange, final: ParticipantState
    ) async throws {
        if let existing { _ = try await add("petr@example.ru", existing, by: "first") }
        #expect(try await add("PETR@Example.RU", asked, by: "second") == change)
        let participants = try await db.store.read { [ticket] q in try q.participants(of: ticket) }
        #expect(participants.count == 2)
        #expect(participants.last?.state == final)
        #expect(participants.last?.person.address == "petr@example.ru" || existing == nil)
        #expect(participants.last?.addedBy == (change == .unchanged ? "first" : "second"))
    }

    @Test("participation is per ticket")
    func perTicket() async throws {
        _ = try await add("petr@example.ru", .confirmed)
        let other = try await db.store.write { tx in try tx.seedTicket(customer: "anna@example.ru").id }
        let recipients = try await db.store.read { q in try q.recipients(of: other) }
        #expect(recipients.map(\.address) == ["anna@example.ru"])
    }

    @Test("a message remembers whether it came from a new participant")
    func messageFlag() async throws {
        try await db.store.write { [ticket] tx in
            var message = Fixture.customerMessage(ticket: ticket, from: "petr@example.ru")
            message.fromNewParticipant = true
            _ = try tx.append(message)
            _ = try tx.append(Fixture.customerMessage(ticket: ticket))
        }
        let messages = try await db.store.read { [ticket] q in try q.messages(of: ticket, includeInternal: true) }
        #expect(messages.map(\.fromNewParticipant) == [true, false])
    }
}
