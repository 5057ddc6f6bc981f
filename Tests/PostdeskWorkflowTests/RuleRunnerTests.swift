import Foundation
import PostdeskCore
import PostdeskRules
import PostdeskWorkflow
import Testing

/// Issue 9: the rules in force act on every change, inside the mail's transaction.
@Suite struct RuleRunnerTests {
    let h: WorkflowHarness

    init() throws {
        // A clock with a fraction of a second: the store keeps milliseconds, and nothing may depend on exact equality.
        h = try WorkflowHarness()
        h.world.advance(by: 0.0006)
    }

    func importRules(_ document: RuleDocument) async throws {
        let json = try JSONEncoder().encode(document)
        let date = h.world.now
        _ = try await h.store.write { tx in try tx.saveRuleDocument(json: json, at: date) }
    }

    static let urgentWords = Rule(
        name: "Outages are urgent", on: [.ticketCreated],
        if: .field(.subject, .containsAny(["outage", "авария"])),
        then: [.setPriority(.urgent), .addTags(["outage"]), .addNote(text: "Call the customer back.")])

    @Test("a matching rule changes the new ticket, one event each, and its pass is recorded")
    func ruleActs() async throws {
        try await importRules(RuleDocument(rules: RuleSet(rules: [Self.urgentWords])))

        // When a mail about an outage arrives
        _ = try await h.apply(mail(subject: "АВАРИЯ: nothing works"))

        // Then the ticket is urgent and tagged, with a system note, one event per change, each naming the rule
        let ticket = try #require(try await h.ticket(TicketNumber(1)))
        #expect(ticket.priority == .urgent && ticket.tags == ["outage"])
        let note = try #require(try await h.messages(TicketNumber(1)).last)
        #expect(note.isInternal && note.authorKind == .system && note.text == "Call the customer back.")
        let events = try await h.events(TicketNumber(1))
        #expect(
            events.filter { $0.kind == "priority.changed" }.map(\.detail) == [
                "normal → urgent by rule “Outages are urgent”"
            ])
        // And every pass (the event and the ones its changes caused) is recorded with the rule set's version
        let recorded = try await h.store.read { q in try q.evaluations(of: ticket.id) }
        // (the passes its changes caused, ticket.priority and ticket.tags, had no rule listening: not recorded)
        #expect(recorded.count == 1)
        #expect(recorded.allSatisfy { $0.ruleVersion == 1 })
    }

    @Test("with an SLA policy, a new ticket has its due times at once, and its timers are scheduled")
    func slaOnCreation() async throws {
        let policy = try SLAPolicy(
            name: "standard",
            targets: [.firstResponse: try SLADuration(seconds: 3600), .resolution: try SLADuration(seconds: 8 * 3600)])
        try await importRules(RuleDocument(rules: .shippedDefaults, sla: [SLAPolicyEntry(policy: policy)]))

        _ = try await h.apply(mail(subject: "Printer"))

        let created = h.world.now
        let state = try await h.store.read { q in try q.slaState(of: TicketID(1)) }
        #expect(state?.policy == "standard")
        let due = try #require(state?.firstResponseDue)
        #expect(abs(due.timeIntervalSince(created) - 3600) < 1)
        let timers = try await h.store.read { q in try q.slaTimers(of: TicketID(1)) }
        #expect(timers.count >= 2)
    }

    @Test("round-robin assignment is fair across runs: the position is stored")
    func roundRobinPersists() async throws {
        let anna = try await h.addOperator("anna@example.test", name: "Anna", teams: ["support"])
        let boris = try await h.addOperator("boris@example.test", name: "Boris", teams: ["support"])
        let rule = Rule(
            name: "Support assigns in turn", on: [.ticketCreated],
            then: [.setTeam("support"), .assign(.roundRobin)])
        try await importRules(RuleDocument(rules: RuleSet(rules: [rule])))

        for n in 0..<4 { _ = try await h.apply(mail(subject: "Q\(n)", messageID: "q\(n)@example.ru")) }

        var assignees: [OperatorID?] = []
        for n in 1...4 { assignees.append(try await h.ticket(TicketNumber(Int64(n)))?.assigneeID) }
        #expect(assignees == [anna.id, boris.id, anna.id, boris.id])
    }

    @Test("a mail from an address not on the ticket tells operators but changes nothing and mails no one outside")
    func outsiderChangesNothing() async throws {
        // Given rules that solve a pending ticket on "thanks" and tell the team about customer mail
        let thanks = Rule(
            name: "Thanks solves", on: [.customerMessage], if: .field(.text, .containsAny(["thanks"])),
            then: [
                .setStatus(.solved), .reply(template: "auto_reply"),
                .notify(.team, template: "operator_customer_reply"),
            ])
        try await importRules(RuleDocument(rules: RuleSet(rules: [thanks])))
        _ = try await h.addOperator("anna@example.test", name: "Anna", teams: [])
        _ = try await h.apply(mail(subject: "Printer", messageID: "c1@example.ru"))

        // When a stranger who saw the Message-ID writes "thanks"
        _ = try await h.apply(
            mail(
                from: "mallory@evil.test", text: "thanks", messageID: "m1@evil.test",
                hints: ThreadHints(referencedMessageIDs: ["c1@example.ru"])))

        // Then the status stays, nobody outside is mailed, the operators hear of it, and the ticket says why
        #expect(try await h.ticket(TicketNumber(1))?.status == .new)
        #expect(try await h.outbox(TicketNumber(1), template: "auto_reply").isEmpty)
        #expect(try await h.outbox(TicketNumber(1), template: "operator_customer_reply").count == 1)
        let held = try await h.events(TicketNumber(1)).filter { $0.kind == "rule.held" }.map(\.detail)
        #expect(held.count == 2)
        #expect(held.first?.hasPrefix("rule “Thanks solves”: set_status: solved not applied") == true)
    }

    @Test("a stored rule set that no longer loads falls back to the last that does, and mail keeps flowing")
    func unloadableRuleSetFallsBack() async throws {
        try await importRules(RuleDocument(rules: RuleSet(rules: [Self.urgentWords])))
        let date = h.world.now
        _ = try await h.store.write { tx in try tx.saveRuleDocument(json: Data(#"{"rules": 42}"#.utf8), at: date) }

        let outcome = try await h.apply(mail(subject: "Outage in the server room"))

        #expect(outcome == .created(TicketNumber(1)))
        #expect(try await h.ticket(TicketNumber(1))?.priority == .urgent)  // version 1 ran
        let fallback = try #require(try await h.events(TicketNumber(1)).first { $0.kind == "rules.fallback" })
        #expect(fallback.detail.contains("version 2") && fallback.detail.hasSuffix("ran version 1"))
    }

    @Test("the digest limit sends one notification per recipient per ticket per interval, and says what it held")
    func digestLimit() async throws {
        // Given a 15-minute digest and Anna, the only operator
        let h = try WorkflowHarness(notificationDigest: 15 * 60)
        _ = try await h.addOperator("anna@example.test", name: "Anna", teams: [])
        _ = try await h.apply(mail(messageID: "c1@example.ru"))  // new ticket: Anna is told

        // When the customer writes twice within five minutes, and once more after the interval
        for (minutes, id) in [(2.0, "c2"), (3.0, "c3"), (16.0, "c4")] {
            h.world.advance(by: minutes * 60)
            _ = try await h.apply(
                mail(
                    subject: "Re: [#1] Printer on fire", messageID: "\(id)@example.ru",
                    hints: ThreadHints(referencedMessageIDs: ["c1@example.ru"])))
        }

        // Then Anna got the new-ticket mail and the one after the interval; the two in between are held, with why
        let sent = try await h.outbox(TicketNumber(1)).filter { $0.item.recipient.address == "anna@example.test" }
        #expect(sent.map(\.item.template) == ["operator_new_ticket", "operator_customer_reply"])
        let held = try await h.events(TicketNumber(1)).filter { $0.kind == "notification.suppressed" }
        #expect(held.count == 2 && held.allSatisfy { $0.detail.contains("digest limit: one mail per 15 minutes") })
    }
}
