import Foundation
import PostdeskCore
import PostdeskStore
import Testing

@Suite struct TicketStoreTests {
    let db: TemporaryStore
    init() throws { db = try TemporaryStore() }

    @Test("customer upsert finds the address case-insensitively and fills in a missing name only")
    func customerUpsertIsCaseInsensitive() async throws {
        // Given a customer first seen without a name
        let ids = try await db.store.write { tx in
            [
                try tx.upsertCustomer(Person(name: nil, address: "Ivan@Example.RU"), at: Fixture.now),
                // When the same address writes in other case, with a name, and later with another name
                try tx.upsertCustomer(Person(name: "Иван", address: "ivan@example.ru"), at: Fixture.now),
                try tx.upsertCustomer(Person(name: "Someone Else", address: "IVAN@EXAMPLE.RU"), at: Fixture.now),
                try tx.upsertCustomer(Person(name: "Anna", address: "anna@example.ru"), at: Fixture.now),
            ]
        }
        // Then it is one customer, named by the first name that arrived
        #expect(ids[0] == ids[1] && ids[1] == ids[2])
        #expect(ids[3] != ids[0])
        let ticket = try await db.store.write { tx in
            try tx.createTicket(subject: "s", customer: ids[0], priority: .normal, portalToken: "tok", at: Fixture.now)
        }
        #expect(ticket.customer == Person(name: "Иван", address: "Ivan@Example.RU"))
    }

    @Test("a new ticket is numbered by the store, `new`, and readable by number, ID and portal token")
    func createAndRead() async throws {
        // Given two tickets
        let (first, second) = try await db.store.write { tx in
            (
                try tx.seedTicket(subject: "One", token: "token-one"),
                try tx.seedTicket(subject: "Two", token: "token-two")
            )
        }

        // Then they are numbered in order, with the defaults of a fresh ticket
        #expect(second.number.rawValue == first.number.rawValue + 1)
        #expect(first.status == .new && first.priority == .normal && first.team == nil && first.assignee == nil)
        #expect(first.tags.isEmpty && first.messageCount == 0)
        #expect(first.createdAt == Fixture.now && first.updatedAt == Fixture.now)

        // And every lookup finds the same ticket
        let found = try await db.store.read { q in
            (
                try q.ticket(number: first.number), try q.ticket(id: first.id), try q.ticket(portalToken: "token-one"),
                try q.ticket(portalToken: "token-none"), try q.ticket(number: TicketNumber(999))
            )
        }
        #expect(found.0 == first && found.1 == first && found.2 == first)
        #expect(found.3 == nil && found.4 == nil)

        // And the list is newest first
        let list = try await db.store.read { q in try q.tickets(limit: 10) }
        #expect(list.map(\.subject) == ["Two", "One"])
        #expect(try await db.store.read { q in try q.tickets(limit: 1) }.map(\.subject) == ["Two"])
    }

    @Test("update saves status, priority, team, tags, subject and updatedAt")
    func updateSavesMutableFields() async throws {
        var ticket = try await db.store.write { tx in try tx.seedTicket() }
        ticket.status = .solved
        ticket.priority = .urgent
        ticket.team = "billing"
        ticket.tags = ["vip", "счёт"]
        ticket.subject = "Printer still on fire"
        ticket.updatedAt = Fixture.now + 60
        try await db.store.write { [ticket] tx in try tx.update(ticket) }
        let reread = try await db.store.read { [ticket] q in try q.ticket(id: ticket.id) }
        #expect(reread == ticket)
    }

    @Test("messages keep their fields and attachments; internal notes are left out unless asked for")
    func messagesAndInternalNotes() async throws {
        // Given a ticket with a customer mail carrying an attachment, and an internal note
        let attachment = AttachmentRef(
            filename: "счёт.pdf", contentType: "application/pdf", size: 1234, sha256: Fixture.fakeSHA("pdf"),
            contentID: nil, isInline: false
        )
        let ticket = try await db.store.write { tx in
            let ticket = try tx.seedTicket()
            var mail = Fixture.customerMessage(ticket: ticket.id, text: "See attached", messageID: "c1@example.ru")
            mail.attachments = [attachment]
            mail.html = "<p>See attached</p>"
            _ = try tx.append(mail)
            _ = try tx.append(
                TicketMessage(
                    ticketID: ticket.id, authorKind: .operator,
                    author: Person(name: "Olga", address: "olga@support.test"),
                    isInternal: true, via: .portal, text: "customer is a VIP", html: nil, reply: "customer is a VIP",
                    messageIDHeader: nil, inboundID: nil, attachments: [], createdAt: Fixture.now + 1
                ))
            return ticket
        }

        // When the conversation is read with and without internal notes
        let (publicOnly, all, count) = try await db.store.read { q in
            (
                try q.messages(of: ticket.id, includeInternal: false),
                try q.messages(of: ticket.id, includeInternal: true),
                try q.ticket(id: ticket.id)?.messageCount
            )
        }

        // Then the public view has only the customer's mail, complete
        #expect(publicOnly.count == 1)
        let mail = try #require(publicOnly.first)
        #expect(mail.text == "See attached" && mail.html == "<p>See attached</p>" && mail.reply == "See attached")
        #expect(mail.authorKind == .customer && mail.via == .mail && !mail.isInternal)
        #expect(mail.author == Person(name: "Ivan", address: "ivan@example.ru"))
        #expect(mail.messageIDHeader == "c1@example.ru" && mail.createdAt == Fixture.now)
        #expect(mail.attachments == [attachment])
        #expect(mail.id != nil)
        // And the full view adds the note, in order
        #expect(all.map(\.isInternal) == [false, true])
        #expect(all.last?.authorKind == .operator && all.last?.via == .portal)
        #expect(count == 2)
    }

    @Test("events come back in the order they were written")
    func eventsInOrder() async throws {
        let ticket = try await db.store.write { tx in
            let ticket = try tx.seedTicket()
            try tx.append(
                TicketEvent(ticketID: ticket.id, kind: "ticket.created", at: Fixture.now, detail: "from mail"))
            try tx.append(TicketEvent(ticketID: ticket.id, kind: "mail.queued", at: Fixture.now, detail: "ack"))
            return ticket
        }
        let events = try await db.store.read { q in try q.events(of: ticket.id) }
        #expect(
            events == [
                TicketEvent(ticketID: ticket.id, kind: "ticket.created", at: Fixture.now, detail: "from mail"),
                TicketEvent(ticketID: ticket.id, kind: "mail.queued", at: Fixture.now, detail: "ack"),
            ])
    }
}

/// Thread matching's store side: who is a participant, and which ticket a Message-ID belongs to.
@Suite struct ParticipantAndMessageIDTests {
    let db: TemporaryStore
    let ticket: TicketID
    let other: TicketID

    init() async throws {
        db = try TemporaryStore()
        (ticket, other) = try await db.store.write { tx in
            let ticket = try tx.seedTicket(customer: "ivan@example.ru")
            let other = try tx.seedTicket(customer: "anna@example.ru")
            // A colleague wrote on Ivan's ticket; the ack went out to a CC'd address.
            _ = try tx.append(
                Fixture.customerMessage(ticket: ticket.id, from: "petr@example.ru", messageID: "petr-1@example.ru"))
            _ = try tx.enqueue(
                Fixture.outbox(ticket: ticket.id, to: "boss@example.ru", messageID: "postdesk.ack.1.x@support.test"))
            return (ticket.id, other.id)
        }
    }

    @Test(
        "participants are the confirmed ones, in any case: writing on a ticket or being mailed does not make one",
        arguments: [
            ("ivan@example.ru", true), ("IVAN@Example.Ru", true), ("petr@example.ru", false),
            ("Boss@Example.ru", false),
            ("anna@example.ru", false), ("stranger@evil.test", false), ("", false),
        ]
    )
    func isParticipant(address: String, expected: Bool) async throws {
        let result = try await db.store.read { [ticket] q in try q.isParticipant(address, of: ticket) }
        #expect(result == expected)
    }

    @Test("participation is per ticket")
    func participationIsPerTicket() async throws {
        let (annaOnHers, ivanOnAnnas) = try await db.store.read { [other] q in
            (try q.isParticipant("anna@example.ru", of: other), try q.isParticipant("ivan@example.ru", of: other))
        }
        #expect(annaOnHers && !ivanOnAnnas)
    }

    @Test("ticketID(forMessageIDs:) finds a ticket by our outbox Message-ID and by a stored inbound one")
    func ticketByMessageID() async throws {
        let found = try await db.store.read { q in
            [
                try q.ticketID(forMessageIDs: ["postdesk.ack.1.x@support.test"]),
                try q.ticketID(forMessageIDs: ["petr-1@example.ru"]),
                try q.ticketID(forMessageIDs: ["unknown@x", "petr-1@example.ru"]),
                try q.ticketID(forMessageIDs: ["unknown@x"]),
                try q.ticketID(forMessageIDs: []),
            ]
        }
        #expect(found == [ticket, ticket, ticket, nil, nil])
    }

    @Test("hasInboundMessage is true only for Message-IDs that came in as mail from the same sender")
    func hasInboundMessage() async throws {
        // Given an inbound mail stored as a message, and a portal message with a Message-ID but no inbound row
        try await db.store.write { [other] tx in
            guard case .recorded(let inbound) = try tx.recordInbound(Fixture.inbound(uid: 1, body: "x")) else { return }
            _ = try tx.append(
                Fixture.customerMessage(
                    ticket: other, from: "anna@example.ru", messageID: "anna-1@example.ru", inbound: inbound))
        }
        let (inbound, notInbound, unknown, otherSender) = try await db.store.read { q in
            (
                try q.hasInboundMessage(messageID: "anna-1@example.ru", from: "ANNA@example.ru"),
                try q.hasInboundMessage(messageID: "petr-1@example.ru", from: "petr@example.ru"),
                try q.hasInboundMessage(messageID: "nobody@x", from: "anna@example.ru"),
                // A stranger who copies Anna's Message-ID is not Anna's mail arriving twice
                try q.hasInboundMessage(messageID: "anna-1@example.ru", from: "mallory@example.net")
            )
        }
        #expect(inbound && !notInbound && !unknown && !otherSender)
    }
}
