import Foundation
import PostdeskCore
import PostdeskRules
import Testing

/// `RuleSet.shippedDefaults` tells the operators issue 8's fixed notifications told, with the same templates.
///
/// The rules name recipients (`assignee`, `team`, `watchers`); `resolve` below does what the rule runner does with
/// them, with the rules the defaults leave to it (not the actor, not disabled operators, one mail per operator).
@Suite struct ShippedDefaultsTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)
    static func account(_ id: Int64, teams: [String], disabled: Bool = false) -> OperatorAccount {
        OperatorAccount(
            id: OperatorID(id), name: nil, role: .operator, addresses: ["op\(id)@example.test"], teams: teams,
            isDisabled: disabled, createdAt: now)
    }
    static let operators = [
        account(1, teams: ["billing"]), account(2, teams: ["billing", "support"]), account(3, teams: ["support"]),
        account(4, teams: ["billing"], disabled: true), account(5, teams: []),
    ]

    struct Scenario: Sendable, CustomStringConvertible {
        var description: String
        var event: RuleEvent
        var team: String?
        var assignee: Int64?
        var actor: Int64?
        var watchers: [Int64] = []
        /// Who hears of it, in order, with which template: issue 8's notifications, now the shipped rules.
        var expected: [Int64]
        var template: String
    }

    static let scenarios: [Scenario] = [
        Scenario(
            description: "new ticket with a team: its enabled members", event: .ticketCreated, team: "billing",
            expected: [1, 2], template: "operator_new_ticket"),
        Scenario(
            description: "new ticket with no team: every enabled operator", event: .ticketCreated, team: nil,
            expected: [1, 2, 3, 5], template: "operator_new_ticket"),
        Scenario(
            description: "assigned: the assignee", event: .assigneeChanged, team: "support", assignee: 3, actor: 1,
            expected: [3], template: "operator_assigned"),
        Scenario(
            description: "self-assigned: nobody", event: .assigneeChanged, team: nil, assignee: 3, actor: 3,
            expected: [], template: "operator_assigned"),
        Scenario(
            description: "customer wrote, assigned: the assignee", event: .customerMessage, team: "billing",
            assignee: 2, expected: [2], template: "operator_customer_reply"),
        Scenario(
            description: "customer wrote, unassigned: the team", event: .customerMessage, team: "support",
            expected: [2, 3], template: "operator_customer_reply"),
        Scenario(
            description: "customer wrote, unassigned, no team: every operator", event: .customerMessage, team: nil,
            expected: [1, 2, 3, 5], template: "operator_customer_reply"),
        Scenario(
            description: "operator reply: watchers, then the assignee, not the actor", event: .operatorMessage,
            team: "billing", assignee: 1, actor: 2, watchers: [2, 3], expected: [3, 1], template: "operator_activity"),
        Scenario(
            description: "internal note: enabled watchers", event: .internalNote, team: nil, actor: 5,
            watchers: [1, 4], expected: [1], template: "operator_activity"),
        Scenario(
            description: "assignee away: nobody hears of the event itself (the new assignee hears of the assignment)",
            event: .assigneeAway, team: "billing", assignee: 1, expected: [], template: "operator_assigned"),
    ]

    @Test("the shipped default rules notify whom issue 8 notified", arguments: scenarios)
    func sameRecipients(_ scenario: Scenario) throws {
        // Given a ticket as the scenario describes it
        let assignee = scenario.assignee.flatMap { id in Self.operators.first { $0.id.rawValue == id } }
        let ticket = Ticket(
            id: TicketID(1), number: TicketNumber(1), subject: "s", status: .open, priority: .normal,
            team: scenario.team, customer: Person(name: nil, address: "ivan@example.ru"), assignee: assignee?.person,
            tags: [], createdAt: Self.now, updatedAt: Self.now, messageCount: 1, assigneeID: assignee?.id)
        let actor = scenario.actor.map(OperatorID.init)
        let watchers = scenario.watchers.map(OperatorID.init)
        // When the shipped rules decide
        let facts = RuleSnapshot(
            status: ticket.status, priority: ticket.priority, team: ticket.team, tags: ticket.tags,
            assignee: assignee?.primaryAddress, mailbox: nil, subject: ticket.subject, text: nil,
            customer: EmailAddress(ticket.customer.address), withinBusinessHours: nil, now: Self.now)
        let evaluation = RuleEngine.evaluate(
            event: scenario.event, snapshot: facts, rules: try PreparedRuleSet(RuleSet.shippedDefaults))
        let actual = resolve(evaluation.effects, ticket: ticket, actor: actor, watchers: watchers)
        // Then exactly the expected operators hear of it, in order, with the template
        #expect(actual.map(\.id.rawValue) == scenario.expected)
        #expect(actual.allSatisfy { $0.template == scenario.template })
    }

    @Test(
        "an away assignee's ticket is assigned round-robin within its team, whatever its team",
        arguments: ["billing", nil] as [String?])
    func awayHandsBack(_ team: String?) throws {
        // Given a ticket of `team` whose assignee was marked away
        let facts = RuleSnapshot(
            status: .open, priority: .normal, team: team, tags: [], assignee: "op1@example.test", mailbox: nil,
            subject: "s", text: nil, customer: EmailAddress("ivan@example.ru"), withinBusinessHours: nil, now: Self.now)
        // When the shipped rules hear ticket.assignee_away
        let evaluation = RuleEngine.evaluate(
            event: .assigneeAway, snapshot: facts, rules: try PreparedRuleSet(RuleSet.shippedDefaults))
        // Then the only effect is a round-robin assignment (the runner picks among the team's eligible operators)
        #expect(evaluation.effects == [.assign(.roundRobin)])
        #expect(RuleEvent.assigneeAway.yamlName == "ticket.assignee_away")
    }

    @Test("the shipped defaults pass the check and round-trip through their Codable shape")
    func valid() throws {
        #expect(RuleCheck.problems(in: .shippedDefaults).isEmpty)
        let json = try JSONEncoder().encode(RuleSet.shippedDefaults)
        #expect(try JSONDecoder().decode(RuleSet.self, from: json) == .shippedDefaults)
    }

    /// What the notification sender does with `notify` effects: words to operators, then its own rules.
    private func resolve(
        _ effects: [Effect], ticket: Ticket, actor: OperatorID?, watchers: [OperatorID]
    ) -> [(id: OperatorID, template: String)] {
        var result: [(id: OperatorID, template: String)] = []
        let byID = Dictionary(uniqueKeysWithValues: Self.operators.map { ($0.id, $0) })
        for case .notify(let target, let template) in effects {
            let accounts: [OperatorAccount] =
                switch target {
                case .assignee: ticket.assigneeID.flatMap { byID[$0] }.map { [$0] } ?? []
                case .team:
                    ticket.team.map { team in Self.operators.filter { $0.isMember(of: team) } } ?? Self.operators
                case .watchers: watchers.compactMap { byID[$0] }
                case .customer, .address: []
                }
            for account in accounts
            where !account.isDisabled && account.id != actor && !result.contains(where: { $0.id == account.id }) {
                result.append((account.id, template))
            }
        }
        return result
    }
}
