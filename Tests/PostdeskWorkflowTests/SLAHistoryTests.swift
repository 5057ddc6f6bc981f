import Foundation
import PostdeskCore
import PostdeskRules
import PostdeskWorkflow
import Testing

/// What SLA clocks read from a ticket's stored messages and event log (issue 9 point 5). Pure.
@Suite struct SLAHistoryTests {
    static let created = Date(timeIntervalSince1970: 1_796_032_800)  // 2026-11-30 10:00 UTC

    static let ticket = Ticket(
        id: TicketID(7), number: TicketNumber(7), subject: "Printer", status: .open, priority: .normal, team: nil,
        customer: Person(name: "Ivan", address: "ivan@example.ru"), assignee: nil, tags: [], createdAt: created,
        updatedAt: created, messageCount: 0)

    static func minute(_ m: Double) -> Date { created.addingTimeInterval(m * 60) }

    static func message(
        _ kind: AuthorKind, internal isInternal: Bool = false, newParticipant: Bool = false, at m: Double
    ) -> TicketMessage {
        TicketMessage(
            ticketID: ticket.id, authorKind: kind, author: Person(name: nil, address: "someone@example.test"),
            isInternal: isInternal, via: .mail, text: "x", html: nil, reply: "x", messageIDHeader: nil, inboundID: nil,
            attachments: [], createdAt: minute(m), fromNewParticipant: newParticipant)
    }

    static func event(_ kind: String, _ detail: String, at m: Double) -> TicketEvent {
        TicketEvent(ticketID: ticket.id, kind: kind, at: minute(m), detail: detail)
    }

    @Test(
        "each stored row becomes the SLA fact it stands for, or none",
        arguments: [
            (message(.customer, at: 0), [SLAEvent.customerMessage(at: minute(0))]),
            (message(.operator, at: 5), [.operatorReply(at: minute(5))]),
            // Internal notes are not replies, whoever wrote them
            (message(.operator, internal: true, at: 5), []),
            (message(.customer, internal: true, at: 5), []),
            // Our own system messages answer no one
            (message(.system, at: 5), []),
            // A mail from an unconfirmed address changes no status, so it starts no clock either
            (message(.customer, newParticipant: true, at: 5), []),
        ] as [(TicketMessage, [SLAEvent])])
    func messages(row: TicketMessage, expected: [SLAEvent]) {
        let history = SLAHistory.events(of: Self.ticket, messages: [row], events: [])
        #expect(history == [.created(at: Self.created)] + expected)
    }

    @Test(
        "a status change is read from the arrow in its detail; anything else in the log is not an SLA fact",
        arguments: [
            (event("status.changed", "open → pending", at: 1), [SLAEvent.statusChanged(to: .pending, at: minute(1))]),
            (
                event("status.changed", "pending → open by anna@example.test", at: 2),
                [.statusChanged(to: .open, at: minute(2))]
            ),
            (event("status.changed", "open → solved", at: 3), [.statusChanged(to: .solved, at: minute(3))]),
            (
                event("status.changed", "solved → closed by x → pending", at: 4),
                [.statusChanged(to: .closed, at: minute(4))]
            ),
            // Unreadable details are skipped, not guessed at
            (event("status.changed", "pending", at: 5), []),
            (event("status.changed", "open → lunch", at: 5), []),
            (event("status.changed", "open →pending", at: 5), []),
            (event("status.changed", "", at: 5), []),
            // Other kinds never count, whatever their detail says
            (event("message.received", "open → pending", at: 5), []),
            (event("ticket.sla_breach", "first_response breached", at: 5), []),
        ] as [(TicketEvent, [SLAEvent])])
    func statusEvents(row: TicketEvent, expected: [SLAEvent]) {
        let history = SLAHistory.events(of: Self.ticket, messages: [], events: [row])
        #expect(history == [.created(at: Self.created)] + expected)
    }

    @Test("a whole conversation reads in order: creation, messages, then status changes")
    func conversation() {
        // Given a customer mail, a reply that made the ticket pending, and the customer writing again
        let messages = [
            Self.message(.customer, at: 0), Self.message(.operator, at: 30), Self.message(.customer, at: 90),
        ]
        let events = [
            Self.event("ticket.created", "from mail", at: 0), Self.event("reply.sent", "reply", at: 30),
            Self.event("status.changed", "new → pending by anna@example.test", at: 30),
            Self.event("status.changed", "pending → open", at: 90),
        ]

        // When the history is derived
        let history = SLAHistory.events(of: Self.ticket, messages: messages, events: events)

        // Then it holds exactly those facts
        #expect(
            history == [
                .created(at: Self.created), .customerMessage(at: Self.minute(0)), .operatorReply(at: Self.minute(30)),
                .customerMessage(at: Self.minute(90)), .statusChanged(to: .pending, at: Self.minute(30)),
                .statusChanged(to: .open, at: Self.minute(90)),
            ])
    }
}
