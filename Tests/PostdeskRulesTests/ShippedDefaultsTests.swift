import Foundation
import PostdeskCore
import PostdeskRules
import PostdeskWorkflow
import Testing

/// `RuleSet.shippedDefaults` tells the same operators as issue 8's `DefaultNotifications`, with the same templates.
///
/// The rules name recipients (`assignee`, `team`, `watchers`); `resolve` below does what the notification sender
/// will do with them, with the rules the defaults leave to it (not the actor, not disabled operators, one mail per
/// operator). Reasons are worded differently and are not compared.
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
        var trigger: NotificationTrigger
        var team: String?
        var assignee: Int64?
        var actor: Int64?
        var watchers: [Int64] = []
    }

    static let scenarios: [Scenario] = [
        Scenario(description: "new ticket with a team", trigger: .ticketCreated, team: "billing"),
        Scenario(description: "new ticket with no team", trigger: .ticketCreated, team: nil),
        Scenario(description: "assigned", trigger: .assigned(OperatorID(3)), team: "support", assignee: 3, actor: 1),
        Scenario(description: "self-assigned", trigger: .assigned(OperatorID(3)), team: nil, assignee: 3, actor: 3),
        Scenario(description: "customer wrote, assigned", trigger: .customerMessage, team: "billing", assignee: 2),
        Scenario(description: "customer wrote, unassigned, team", trigger: .customerMessage, team: "support"),
        Scenario(description: "customer wrote, unassigned, no team", trigger: .customerMessage, team: nil),
        Scenario(
            description: "operator reply", trigger: .operatorMessage(internal: false), team: "billing", assignee: 1,
            actor: 2, watchers: [2, 3]),
        Scenario(
            description: "internal note, unassigned", trigger: .operatorMessage(internal: true), team: nil,
            actor: 5, watchers: [1, 4]),
    ]

    @Test("the shipped default rules notify whom DefaultNotifications notifies", arguments: scenarios)
    func sameRecipients(_ scenario: Scenario) throws {
        // Given a ticket as the scenario describes it
        let assignee = scenario.assignee.flatMap { id in Self.operators.first { $0.id.rawValue == id } }
        let ticket = Ticket(
            id: TicketID(1), number: TicketNumber(1), subject: "s", status: .open, priority: .normal,
            team: scenario.team, customer: Person(name: nil, address: "ivan@example.ru"), assignee: assignee?.person,
            tags: [], createdAt: Self.now, updatedAt: Self.now, messageCount: 1, assigneeID: assignee?.id)
        let actor = scenario.actor.map(OperatorID.init)
        let watchers = scenario.watchers.map(OperatorID.init)
        // When issue 8's defaults and the shipped rules each decide
        let expected = DefaultNotifications.notifications(
            for: [scenario.trigger], ticket: ticket, actor: actor, operators: Self.operators, watchers: watchers)
        let event: RuleEvent =
            switch scenario.trigger {
            case .ticketCreated: .ticketCreated
            case .assigned: .assigneeChanged
            case .customerMessage: .customerMessage
            case .operatorMessage(let isInternal): isInternal ? .internalNote : .operatorMessage
            }
        let facts = RuleSnapshot(
            status: ticket.status, priority: ticket.priority, team: ticket.team, tags: ticket.tags,
            assignee: assignee?.primaryAddress, mailbox: nil, subject: ticket.subject, text: nil,
            customer: EmailAddress(ticket.customer.address), withinBusinessHours: nil, now: Self.now)
        let evaluation = RuleEngine.evaluate(
            event: event, snapshot: facts, rules: try PreparedRuleSet(RuleSet.shippedDefaults))
        let actual = resolve(evaluation.effects, ticket: ticket, actor: actor, watchers: watchers)
        // Then the same operators hear of it, in the same order, with the same templates
        #expect(actual.map(\.id) == expected.map(\.recipient.id))
        #expect(actual.map(\.template) == expected.map(\.template))
        #expect(!actual.isEmpty || scenario.actor == scenario.assignee)
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
