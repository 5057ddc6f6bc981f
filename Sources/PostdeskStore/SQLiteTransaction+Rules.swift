import Foundation
import GRDB
import PostdeskCore

/// The rule set, recorded evaluations and round-robin positions (``RuleQueries``, ``RuleTransaction``).
extension SQLiteTransaction {
    func ruleDocument() throws -> StoredRuleDocument? {
        try Row.fetchOne(try cached("SELECT * FROM rule_document ORDER BY version DESC LIMIT 1")).map(Self.document)
    }

    func ruleDocument(version: Int64) throws -> StoredRuleDocument? {
        try Row.fetchOne(try cached("SELECT * FROM rule_document WHERE version = ?"), arguments: [version])
            .map(Self.document)
    }

    func ruleDocumentVersion() throws -> Int64 {
        try Int64.fetchOne(try cached("SELECT MAX(version) FROM rule_document")) ?? 0
    }

    func evaluations(of ticket: TicketID) throws -> [StoredEvaluation] {
        try Row.fetchAll(
            try cached("SELECT * FROM rule_evaluation WHERE ticket_id = ? ORDER BY id"), arguments: [ticket.rawValue]
        ).map { row in
            StoredEvaluation(ticketID: ticket, at: row["at"], ruleVersion: row["rule_version"], data: row["data"])
        }
    }

    func roundRobinPosition(team: String) throws -> OperatorID? {
        try Int64.fetchOne(try cached("SELECT operator_id FROM round_robin WHERE team = ?"), arguments: [team])
            .map(OperatorID.init)
    }

    func openTicketCounts() throws -> [OperatorID: Int] {
        let rows = try Row.fetchAll(
            try cached(
                """
                SELECT assignee_id, COUNT(*) AS n FROM ticket
                WHERE assignee_id IS NOT NULL AND status IN ('new', 'open', 'pending') GROUP BY assignee_id
                """))
        return Dictionary(uniqueKeysWithValues: rows.map { (OperatorID($0["assignee_id"]), $0["n"] as Int) })
    }

    func lastAutomaticMail(to address: String, ticket: TicketID) throws -> Date? {
        try Date.fetchOne(
            try cached(
                """
                SELECT MAX(created_at) FROM outbox WHERE ticket_id = ? AND recipient_address = ? AND automatic = 1
                AND state IN ('queued', 'sending', 'sent')
                """),
            arguments: [ticket.rawValue, address])
    }

    func saveRuleDocument(json: Data, at date: Date) throws -> Int64 {
        try cached("INSERT INTO rule_document (json, imported_at) VALUES (?, ?)").execute(arguments: [
            String(decoding: json, as: UTF8.self), date,
        ])
        return db.lastInsertedRowID
    }

    func append(_ evaluation: StoredEvaluation) throws {
        try cached("INSERT INTO rule_evaluation (ticket_id, at, rule_version, data) VALUES (?, ?, ?, ?)").execute(
            arguments: [
                evaluation.ticketID.rawValue, StoredDate(evaluation.at), evaluation.ruleVersion, evaluation.data,
            ])
    }

    func setRoundRobinPosition(_ position: OperatorID, team: String) throws {
        try cached(
            """
            INSERT INTO round_robin (team, operator_id) VALUES (?, ?)
            ON CONFLICT (team) DO UPDATE SET operator_id = excluded.operator_id
            """
        ).execute(arguments: [team, position.rawValue])
    }

    private static func document(_ row: Row) -> StoredRuleDocument {
        StoredRuleDocument(
            version: row["version"], json: Data((row["json"] as String).utf8), importedAt: row["imported_at"])
    }
}
