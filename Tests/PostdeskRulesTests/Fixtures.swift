import Foundation
import PostdeskCore
import PostdeskRules

/// A snapshot of an ordinary new ticket; tests change only the fields they are about.
func snapshot(
    status: TicketStatus = .new, priority: TicketPriority = .normal, team: String? = nil, tags: [String] = [],
    assignee: String? = nil, mailbox: String? = "support", subject: String = "Hello", text: String? = "Hi there",
    customer: String? = "ivan@example.ru", withinBusinessHours: Bool? = nil
) -> RuleSnapshot {
    RuleSnapshot(
        status: status, priority: priority, team: team, tags: tags, assignee: assignee, mailbox: mailbox,
        subject: subject, text: text, customer: customer.flatMap(EmailAddress.init),
        withinBusinessHours: withinBusinessHours, now: Date(timeIntervalSince1970: 1_796_000_000))
}

/// Prepares rules that the test knows are valid.
func prepared(_ rules: [Rule]) throws -> PreparedRuleSet {
    try PreparedRuleSet(RuleSet(rules: rules))
}

/// Whether `condition` holds on `snapshot`, through a one-rule set (the public way in).
func holds(_ condition: Condition, on snapshot: RuleSnapshot) throws -> Bool {
    let set = try prepared([Rule(name: "r", on: [.ticketCreated], if: condition, then: [.addTags(["hit"])])])
    return RuleEngine.evaluate(event: .ticketCreated, snapshot: snapshot, rules: set).effects == [.addTags(["hit"])]
}
