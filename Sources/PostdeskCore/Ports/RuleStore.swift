public import Foundation

/// A rules document as imported: the whole file's model as JSON, under the version it got. Older versions are kept,
/// so `rules explain` can read an evaluation with the rule set it was made with.
public struct StoredRuleDocument: Sendable, Hashable {
    /// 1, 2, …; 0 stands for the shipped defaults, which are never stored.
    public var version: Int64
    /// The document (`RuleDocument` in PostdeskRules) encoded as JSON.
    public var json: Data
    public var importedAt: Date

    public init(version: Int64, json: Data, importedAt: Date) {
        self.version = version
        self.json = json
        self.importedAt = importedAt
    }
}

/// One recorded rule pass on a ticket: the evaluation (PostdeskRules' `Evaluation`, compactly encoded) and the
/// version of the rule set it ran.
public struct StoredEvaluation: Sendable, Hashable {
    public var ticketID: TicketID
    public var at: Date
    public var ruleVersion: Int64
    public var data: Data

    public init(ticketID: TicketID, at: Date, ruleVersion: Int64, data: Data) {
        self.ticketID = ticketID
        self.at = at
        self.ruleVersion = ruleVersion
        self.data = data
    }
}

/// Reads of the rules area: the rule set in force, recorded evaluations, assignment state.
public protocol RuleQueries {
    /// The newest imported document; nil when none was ever imported (the shipped defaults apply).
    func ruleDocument() throws -> StoredRuleDocument?
    /// A given version; nil when there is none.
    func ruleDocument(version: Int64) throws -> StoredRuleDocument?
    /// The newest version's number, cheaply (0 when none): lets a cache of prepared rules stay valid.
    func ruleDocumentVersion() throws -> Int64
    /// Every recorded pass on `ticket`, oldest first.
    func evaluations(of ticket: TicketID) throws -> [StoredEvaluation]
    /// The operator a team's round-robin assigned last; nil before its first assignment.
    func roundRobinPosition(team: String) throws -> OperatorID?
    /// Open (new, open or pending) tickets per assignee.
    func openTicketCounts() throws -> [OperatorID: Int]
    /// When the newest automatic mail about `ticket` (a notification, an auto-reply) was queued for `address`,
    /// whatever became of it; nil when none was. The notification digest limit reads it.
    func lastAutomaticMail(to address: String, ticket: TicketID) throws -> Date?
}

/// Writes of the rules area.
public protocol RuleTransaction: RuleQueries {
    /// Stores `json` as the new rule set in force; returns its version.
    func saveRuleDocument(json: Data, at date: Date) throws -> Int64
    func append(_ evaluation: StoredEvaluation) throws
    func setRoundRobinPosition(_ position: OperatorID, team: String) throws
}
