import Foundation
import PostdeskCore
import PostdeskRules
import PostdeskStore
import PostdeskWorkflow
import Testing

/// `SLAUpdate.refresh` against a real SQLite store: due times and breaches land on the ticket, timers follow the
/// clocks, and a pending ticket's clocks stop and move their due times (issue 9 point 5).
///
/// The desk works Monday to Friday 09:00-17:00 UTC; the policy wants a first response within 2 business hours and a
/// resolution within 8, warning at half. Ticket #1 is created on Monday 2026-11-30 at 10:00.
@Suite struct SLAUpdateTests {
    let h: WorkflowHarness
    let ticket: TicketID
    static let policy = try! SLAPolicy(
        name: "standard", targets: [.firstResponse: .hours(2), .resolution: .hours(8)], warnAtPercent: 50)
    static let calendar: BusinessCalendar = {
        let day = [try! BusinessCalendarInterval(parsing: "09:00-17:00")]
        return try! BusinessCalendar(
            timeZone: "UTC", week: [.monday: day, .tuesday: day, .wednesday: day, .thursday: day, .friday: day])
    }()

    /// `"Mon 10:30"` or `"Tue 09:30"` in the week of 2026-11-30, UTC.
    static func at(_ text: String) -> Date {
        let parts = text.split(separator: " ")
        let day = ["Mon": 0, "Tue": 1, "Wed": 2][String(parts[0])]!
        let clock = parts[1].split(separator: ":").map { Double($0)! }
        return Date(timeIntervalSince1970: 1_795_996_800 + Double(day) * 86_400 + clock[0] * 3600 + clock[1] * 60)
    }

    init() async throws {
        h = try WorkflowHarness()
        let created = Self.at("Mon 10:00")
        ticket = try await h.store.write { tx in
            let customer = try tx.upsertCustomer(Person(name: "Ivan", address: "ivan@example.ru"), at: created)
            let ticket = try tx.createTicket(
                subject: "Printer", customer: customer, priority: .normal, portalToken: "portal-token-1", at: created)
            _ = try tx.append(Self.message(.customer, ticket: ticket.id, at: created))
            return ticket.id
        }
    }

    static func message(_ kind: AuthorKind, ticket: TicketID, at date: Date) -> TicketMessage {
        TicketMessage(
            ticketID: ticket, authorKind: kind, author: Person(name: nil, address: "someone@example.test"),
            isInternal: false, via: .mail, text: "x", html: nil, reply: "x", messageIDHeader: nil, inboundID: nil,
            attachments: [], createdAt: date)
    }

    /// Applies the status changes (as the workflows log them), then refreshes at `now` and reads what was stored.
    func refresh(changes: [(String, TicketStatus)], now: String, policy: Bool = true) async throws
        -> (TicketSLA?, [SLATimerEntry])
    {
        let now = Self.at(now)
        return try await h.store.write { [ticket] tx in
            for (when, status) in changes {
                guard var row = try tx.ticket(id: ticket) else { throw CancellationError() }
                try tx.append(
                    TicketEvent(
                        ticketID: ticket, kind: "status.changed", at: Self.at(when),
                        detail: "\(row.status.rawValue) → \(status.rawValue)"))
                row.status = status
                try tx.update(row)
            }
            try SLAUpdate().refresh(
                ticket: ticket, policy: policy ? (Self.policy, Self.calendar) : nil, in: tx, at: now)
            return (try tx.slaState(of: ticket), try tx.slaTimers(of: ticket).filter { $0.firedAt == nil })
        }
    }

    @Test(
        "pending stops the clocks and moves their due times by the business time it lasted",
        arguments: [
            // changes, now, first response due, resolution due, breached
            ([], "Mon 10:30", "Mon 12:00", "Tue 10:00", []),
            // An hour pending: both due an hour later
            ([("Mon 10:30", .pending), ("Mon 11:30", .open)], "Mon 11:31", "Mon 13:00", "Tue 11:00", []),
            // Still pending: no due time while stopped
            ([("Mon 10:30", .pending)], "Mon 12:00", nil, nil, []),
            // Pending overnight costs nothing outside business hours, and a breach before the pause stays
            (
                [("Mon 16:00", .pending), ("Tue 09:30", .open)], "Tue 09:31", "Mon 12:00", "Tue 11:30",
                ["first_response"]
            ),
            // Solved without a reply: first response stops unmet, resolution is met
            ([("Mon 11:00", .solved)], "Mon 12:00", nil, nil, []),
            // Reopened the next morning: resolution resumes where it stopped (1h used)
            ([("Mon 11:00", .solved), ("Tue 09:00", .open)], "Tue 09:01", "Tue 10:00", "Tue 16:00", []),
        ] as [([(String, TicketStatus)], String, String?, String?, [String])])
    func pendingMovesDueTimes(
        changes: [(String, TicketStatus)], now: String, firstDue: String?, resolutionDue: String?, breached: [String]
    ) async throws {
        // When the ticket goes through the changes and its SLA is refreshed
        let (state, _) = try await refresh(changes: changes, now: now)

        // Then the stored due times and breaches are the clocks'
        let sla = try #require(state)
        #expect(sla.policy == "standard")
        #expect(sla.firstResponseDue == firstDue.map(Self.at))
        #expect(sla.resolutionDue == resolutionDue.map(Self.at))
        #expect(sla.nextResponseDue == nil)
        #expect(sla.breached == breached)
    }

    @Test("timers follow the clocks: scheduled while running, moved by a pause, dropped while pending")
    func timersFollow() async throws {
        // Given a fresh ticket, refreshed at 10:30
        let (_, fresh) = try await refresh(changes: [], now: "Mon 10:30")

        // Then a warning and a breach are pending for each target
        #expect(fresh.count == 4)
        #expect(
            Set(fresh.map { [$0.target, $0.kind] }) == [
                ["first_response", "warning"], ["first_response", "breach"], ["resolution", "warning"],
                ["resolution", "breach"],
            ])
        #expect(fresh.first { $0.target == "first_response" && $0.kind == "breach" }?.due == Self.at("Mon 12:00"))
        #expect(fresh.first { $0.target == "first_response" && $0.kind == "warning" }?.due == Self.at("Mon 11:00"))

        // When the ticket goes pending at 10:45
        let (_, paused) = try await refresh(changes: [("Mon 10:45", .pending)], now: "Mon 10:46")

        // Then no timer is pending
        #expect(paused.isEmpty)

        // When it is opened again at 11:45
        let (_, resumed) = try await refresh(changes: [("Mon 11:45", .open)], now: "Mon 11:46")

        // Then the breach is an hour later than first scheduled, under a new id
        let breach = try #require(resumed.first { $0.target == "first_response" && $0.kind == "breach" })
        #expect(breach.due == Self.at("Mon 13:00"))
        #expect(
            breach.id == "\(ticket.rawValue)/first_response/breach/\(Int64(Self.at("Mon 13:00").timeIntervalSince1970))"
        )
    }

    @Test("a public reply meets the first response: its timers go, the resolution ones stay")
    func replyMeets() async throws {
        // Given a fresh ticket answered at 11:00
        _ = try await refresh(changes: [], now: "Mon 10:30")
        try await h.store.write { [ticket] tx in
            _ = try tx.append(Self.message(.operator, ticket: ticket, at: Self.at("Mon 11:00")))
        }

        // When it is refreshed after the reply
        let (state, timers) = try await refresh(changes: [], now: "Mon 11:01")

        // Then first response is met (no due time), and only resolution timers are pending
        #expect(state?.firstResponseDue == nil && state?.resolutionDue == Self.at("Tue 10:00"))
        #expect(Set(timers.map(\.target)) == ["resolution"])
    }

    @Test("without a policy the SLA row and the pending timers go")
    func noPolicy() async throws {
        // Given a measured ticket
        _ = try await refresh(changes: [], now: "Mon 10:30")

        // When it is refreshed with no policy
        let (state, timers) = try await refresh(changes: [], now: "Mon 10:31", policy: false)

        // Then nothing is measured or scheduled
        #expect(state == nil && timers.isEmpty)
    }

    @Test("an unknown ticket is refused")
    func unknownTicket() async throws {
        await #expect(throws: WorkflowError.self) {
            try await h.store.write { tx in
                try SLAUpdate().refresh(
                    ticket: TicketID(999), policy: (Self.policy, Self.calendar), in: tx, at: Self.at("Mon 10:00"))
            }
        }
    }
}
