extension SQLiteMigrations {
    /// Issue 9: the rule set in force (every imported version kept, so old evaluations stay explainable), one
    /// recorded evaluation per rule pass, and each team's round-robin position.
    static let v9 = """
        CREATE TABLE rule_document (
            version INTEGER PRIMARY KEY AUTOINCREMENT,
            json TEXT NOT NULL,
            imported_at TEXT NOT NULL
        );
        CREATE TABLE rule_evaluation (
            id INTEGER PRIMARY KEY,
            ticket_id INTEGER NOT NULL REFERENCES ticket(id),
            at TEXT NOT NULL,
            rule_version INTEGER NOT NULL,
            data BLOB NOT NULL
        );
        CREATE INDEX rule_evaluation_ticket ON rule_evaluation(ticket_id, id);
        CREATE TABLE round_robin (
            team TEXT PRIMARY KEY COLLATE NOCASE,
            operator_id INTEGER NOT NULL REFERENCES operator(id)
        );
        CREATE INDEX ticket_open_assignee ON ticket(assignee_id, status);
        """
}
