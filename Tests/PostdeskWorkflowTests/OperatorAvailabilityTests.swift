import Foundation
import PostdeskCore
import PostdeskRules
import PostdeskWorkflow
import Testing

/// Issue 9 points 2 and 3: assignment sees who is away and on shift; going away hands tickets back; operators'
/// opt-outs and quiet hours hold notifications back, each with an event saying why.
@Suite struct OperatorAvailabilityTests {
    let h: WorkflowHarness

    init() throws {
        // The harness clock: Tuesday 2023-11-14 22:13:20 UTC, 23:13 in Berlin, Wednesday 07:13 in Tokyo.
        h = try WorkflowHarness()
    }

    static let supportInTurn = Rule(
        name: "Support assigns in turn", on: [.ticketCreated], then: [.setTeam("support"), .assign(.roundRobin)])

    func importRules(_ rules: [Rule]) async throws {
        let json = try JSONEncoder().encode(RuleDocument(rules: RuleSet(rules: rules)))
        let date = h.world.now
        _ = try await h.store.write { tx in try tx.saveRuleDocument(json: json, at: date) }
    }

    @discardableResult
    func set(_ account: OperatorAccount, _ availability: OperatorAvailability) async throws -> Bool {
        try await h.store.write { tx in try tx.setAvailability(availability, of: account.id) }
    }

    func assignees(_ count: Int) async throws -> [OperatorID?] {
        var result: [OperatorID?] = []
        for n in 1...count { result.append(try await h.ticket(TicketNumber(Int64(n)))?.assigneeID) }
        return result
    }

    @Test("round-robin skips away and off-shift operators; hours are read in each operator's zone")
    func roundRobinSkips() async throws {
        // Given four support operators: Anna works Berlin office hours (23:13 there: off shift), Boris has no hours,
        // Carl is away, Dora works Tokyo mornings (07:13 there: on shift)
        let anna = try await h.addOperator("anna@example.test", teams: ["support"])
        let boris = try await h.addOperator("boris@example.test", teams: ["support"])
        let carl = try await h.addOperator("carl@example.test", teams: ["support"])
        let dora = try await h.addOperator("dora@example.test", teams: ["support"])
        try await set(anna, OperatorAvailability(timeZone: "Europe/Berlin", week: "mon-fri 09:00-17:00"))
        try await set(carl, OperatorAvailability(isAway: true))
        try await set(dora, OperatorAvailability(timeZone: "Asia/Tokyo", week: "mon-fri 07:00-16:00"))
        try await importRules([Self.supportInTurn])

        // When four tickets come in
        for n in 0..<4 { _ = try await h.apply(mail(subject: "Q\(n)", messageID: "q\(n)@example.ru")) }

        // Then only Boris and Dora get them, in turn, and the events say who was passed over and why
        #expect(try await assignees(4) == [boris.id, dora.id, boris.id, dora.id])
        let detail = try #require(try await h.events(TicketNumber(1)).first { $0.kind == "assignee.changed" }?.detail)
        #expect(detail.contains("of 2 eligible"), "\(detail)")

        // And when Anna's shift starts (Wednesday 09:00 Berlin = 08:00 UTC) she is in the rotation again
        h.world.advance(by: 10 * 3600)
        _ = try await h.apply(mail(subject: "Q4", messageID: "q4@example.ru"))
        _ = try await h.apply(mail(subject: "Q5", messageID: "q5@example.ru"))
        #expect(try await assignees(6).suffix(2) == [anna.id, boris.id])
    }

    @Test("nobody eligible: the assignment fails with every reason and the ticket stays unassigned")
    func nobodyEligible() async throws {
        let anna = try await h.addOperator("anna@example.test", teams: ["support"])
        try await set(anna, OperatorAvailability(isAway: true))
        try await importRules([Self.supportInTurn])

        _ = try await h.apply(mail())

        #expect(try await h.ticket(TicketNumber(1))?.assigneeID == nil)
        let failed = try await h.events(TicketNumber(1)).filter { $0.kind == "assignment.failed" }.map(\.detail)
        #expect(failed == ["nobody eligible (anna@example.test is away) (rule “Support assigns in turn”)"])
    }

    @Test("user away hands each open ticket round-robin to the rest of the team; solved ones stay")
    func awayReassigns() async throws {
        // Given Anna, Boris and Carl in support, with the shipped rules after a round-robin routing rule
        let anna = try await h.addOperator("anna@example.test", teams: ["support"])
        let boris = try await h.addOperator("boris@example.test", teams: ["support"])
        let carl = try await h.addOperator("carl@example.test", teams: ["support"])
        try await importRules([Self.supportInTurn] + RuleSet.shippedDefaults.rules)
        for n in 0..<7 { _ = try await h.apply(mail(subject: "Q\(n)", messageID: "q\(n)@example.ru")) }
        #expect(try await assignees(7) == [anna.id, boris.id, carl.id, anna.id, boris.id, carl.id, anna.id])
        // And Anna's ticket 4 is solved
        try await h.setStatus(.solved, of: TicketNumber(4))

        // When Anna goes away
        h.world.advance(by: 3600)
        let workflow = h.workflow
        let handover = try await h.store.write { tx in try workflow.markAway(operator: "ANNA@example.test", in: tx) }

        // Then her open tickets 1 and 7 go round-robin to Boris and Carl (the turn after Anna), ticket 4 stays hers
        #expect(handover?.account.availability.isAway == true)
        #expect(handover?.tickets.map(\.number.rawValue) == [1, 7])
        #expect(handover?.tickets.map(\.assignee) == ["boris@example.test", "carl@example.test"])
        #expect(try await assignees(7) == [boris.id, boris.id, carl.id, anna.id, boris.id, carl.id, carl.id])
        let changed = try await h.events(TicketNumber(1)).filter { $0.kind == "assignee.changed" }.map(\.detail)
        #expect(
            changed.last?.hasPrefix(
                "anna@example.test → boris@example.test by rule “Hand an away operator's tickets to the team”")
                == true, "\(changed)")
        // And the new assignees are told; Anna is not
        #expect(
            try await h.outbox(TicketNumber(1), template: "operator_assigned").map(\.item.recipient.address)
                .last == "boris@example.test")
        let explained = try await h.store.read { q in try q.evaluations(of: TicketID(1)) }
        #expect(explained.count >= 2)
        // And she stays away: new tickets skip her
        _ = try await h.apply(mail(subject: "Q7", messageID: "q7@example.ru"))
        #expect(try await h.ticket(TicketNumber(8))?.assigneeID != anna.id)
    }

    @Test("user away with nobody else eligible hands the ticket back to its team, unassigned, saying why")
    func awayWithNobodyElse() async throws {
        let anna = try await h.addOperator("anna@example.test", teams: ["support"])
        _ = try await h.addOperator("boris@example.test", teams: ["support"], disabled: true)
        try await importRules([Self.supportInTurn] + RuleSet.shippedDefaults.rules)
        _ = try await h.apply(mail())
        #expect(try await h.ticket(TicketNumber(1))?.assigneeID == anna.id)

        let workflow = h.workflow
        let handover = try await h.store.write { tx in try workflow.markAway(operator: "anna@example.test", in: tx) }

        #expect(handover?.tickets.map(\.assignee) == [nil])
        let ticket = try #require(try await h.ticket(TicketNumber(1)))
        #expect(ticket.assigneeID == nil && ticket.team == "support")
        let events = try await h.events(TicketNumber(1))
        #expect(events.contains { $0.kind == "assignment.failed" && $0.detail.contains("anna@example.test is away") })
        #expect(
            events.last { $0.kind == "assignee.changed" }?.detail
                == "anna@example.test → nobody: anna@example.test is away and no rule reassigned the ticket; it is "
                + "back with team support")
        // And an unknown address changes nothing
        #expect(try await h.store.write { tx in try workflow.markAway(operator: "nobody@example.test", in: tx) } == nil)
    }

    @Test("an opt-out, quiet hours and being away each hold a notification back, with an event naming who and why")
    func preferencesSuppress() async throws {
        // Given four operators with no team: Anna opted out of new-ticket mail, Boris is in his quiet hours
        // (22:00-07:00 UTC; it is 22:13), Carl is away, Dora hears everything
        let anna = try await h.addOperator("anna@example.test")
        let boris = try await h.addOperator("boris@example.test")
        let carl = try await h.addOperator("carl@example.test")
        _ = try await h.addOperator("dora@example.test")
        try await set(anna, OperatorAvailability(mutedTemplates: ["operator_new_ticket"]))
        try await set(boris, OperatorAvailability(quietHours: "22:00-07:00"))
        try await set(carl, OperatorAvailability(isAway: true))

        // When a new ticket comes in under the shipped rules (the team hears of it: every operator)
        _ = try await h.apply(mail())

        // Then only Dora gets the mail
        let sent = try await h.outbox(TicketNumber(1), template: "operator_new_ticket")
        #expect(sent.map(\.item.recipient.address) == ["dora@example.test"])
        // And the three others are listed as suppressed, each with the template, the rule and the reason
        let suppressed = try await h.events(TicketNumber(1)).filter { $0.kind == "notification.suppressed" }
            .map(\.detail)
        let rule = "(rule “Tell the team about a new ticket”)"
        #expect(
            suppressed == [
                "operator_new_ticket not sent to anna@example.test \(rule): anna@example.test opted out of "
                    + "operator_new_ticket",
                "operator_new_ticket not sent to boris@example.test \(rule): quiet hours 22:00-07:00 (UTC) of "
                    + "boris@example.test",
                "operator_new_ticket not sent to carl@example.test \(rule): carl@example.test is away",
            ])

        // And after Boris's quiet hours he hears of the next ticket again
        h.world.advance(by: 9 * 3600)
        _ = try await h.apply(mail(subject: "Second", messageID: "second@example.ru"))
        #expect(
            try await h.outbox(TicketNumber(2), template: "operator_new_ticket").map(\.item.recipient.address)
                == ["boris@example.test", "dora@example.test"])
    }

    @Test("an assignment notification goes through quiet hours; an opt-out of it holds the whole mail back")
    func assignmentThroughQuietHours() async throws {
        // Given Boris in his quiet hours (23:13 in Berlin) and a rule giving him every new ticket
        let boris = try await h.addOperator("boris@example.test")
        try await set(boris, OperatorAvailability(timeZone: "Europe/Berlin", quietHours: "22:00-07:00"))
        let toBoris = Rule(
            name: "Boris takes it", on: [.ticketCreated], then: [.assign(.address("boris@example.test"))])
        try await importRules([toBoris] + RuleSet.shippedDefaults.rules)

        // When a ticket comes in, Then he gets one mail, the assignment one, with both reasons
        _ = try await h.apply(mail())
        let first = try await h.outbox(TicketNumber(1)).filter { $0.item.recipient.address == "boris@example.test" }
        #expect(first.map(\.item.template) == ["operator_assigned"])
        #expect(try await h.events(TicketNumber(1)).allSatisfy { $0.kind != "notification.suppressed" })

        // When he opts out of operator_assigned, Then the next ticket sends him nothing (the new-ticket mail is in
        // his quiet hours) and the event names both templates and the quiet hours
        try await set(
            boris,
            OperatorAvailability(
                timeZone: "Europe/Berlin", quietHours: "22:00-07:00", mutedTemplates: ["operator_assigned"]))
        _ = try await h.apply(mail(subject: "Second", messageID: "second@example.ru"))
        #expect(try await h.outbox(TicketNumber(2)).allSatisfy { $0.item.recipient.address != "boris@example.test" })
        let held = try await h.events(TicketNumber(2)).filter { $0.kind == "notification.suppressed" }.map(\.detail)
        #expect(held.count == 1)
        #expect(
            held.first?.hasPrefix("operator_new_ticket, operator_assigned not sent to boris@example.test") == true,
            "\(held)")
        #expect(held.first?.hasSuffix("quiet hours 22:00-07:00 (Europe/Berlin) of boris@example.test") == true)
    }
}
