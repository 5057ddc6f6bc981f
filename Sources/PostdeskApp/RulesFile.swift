import Foundation
public import PostdeskCore
public import PostdeskRules
import PostdeskWorkflow

/// `rules import` and `rules export`: a rules file replaces the rule set in force as a whole, once it checks clean;
/// the set in force prints back as the same YAML.
public enum RulesFile {
    /// Checks `text` (templates included, when given) and stores it as the new version; returns that version.
    /// Nothing is stored when it has an error: ``RuleDocumentYAMLError`` lists every one with its line.
    @discardableResult
    public static func importText(
        _ text: String, templates: Set<String>? = nil, into store: any TicketStore, at date: Date
    ) async throws -> Int64 {
        let document = try RuleDocumentYAML.load(text, templates: templates)
        let json = try JSONEncoder().encode(document)
        return try await store.write { tx in try tx.saveRuleDocument(json: json, at: date) }
    }

    /// The document in force: the newest import, or the shipped defaults when nothing was imported.
    public static func current(in store: any TicketStore) async throws -> (version: Int64, document: RuleDocument) {
        let stored = try await store.read { q in try q.ruleDocument() }
        guard let stored else { return (0, RuleDocument(rules: .shippedDefaults)) }
        return (stored.version, try JSONDecoder().decode(RuleDocument.self, from: stored.json))
    }

    /// `rules explain N`: the ticket's recorded passes, each read with the rule set it ran with.
    public static func explain(_ number: TicketNumber, in store: any TicketStore) async throws -> [String]? {
        try await store.read { q -> [String]? in
            guard let ticket = try q.ticket(number: number) else { return nil }
            let evaluations = try q.evaluations(of: ticket.id)
            var rules: [Int64: PreparedRuleSet] = [:]
            for version in Set(evaluations.map(\.ruleVersion)) {
                rules[version] = try? RuleBook.prepare(version: version, in: q).rules
            }
            return RuleExplanation.lines(
                ticket: ticket, evaluations: evaluations, rules: rules, events: try q.events(of: ticket.id),
                suppression: try q.suppression(of: ticket.customer.address, at: Date()))
        }
    }
}
