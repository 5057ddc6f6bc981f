import Foundation
public import PostdeskCore
import PostdeskRules
import Yams

/// `rules import`: a rules file replaces the rule set in force, as a whole, once it checks clean.
public enum RulesFile {
    /// Checks `text` and stores it as the new version; returns that version. Nothing is stored when it has errors.
    @discardableResult
    public static func importText(_ text: String, into store: any TicketStore, at date: Date) async throws -> Int64 {
        let ruleSet = try YAMLDecoder().decode(RuleSet.self, from: text)
        _ = try PreparedRuleSet(ruleSet)
        let json = try JSONEncoder().encode(ruleSet)
        return try await store.write { tx in try tx.saveRuleDocument(json: json, at: date) }
    }
}
