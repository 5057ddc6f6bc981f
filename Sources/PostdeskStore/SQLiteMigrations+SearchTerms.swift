import GRDB

/// The vocabularies of the search indexes (issue 10 point 6), read to expand a prefix into its words
/// (``SQLiteTransaction/ftsMatch(_:)``). Frozen like every migration.
extension SQLiteMigrations {
    static let v19Identifier = "v19 search vocabularies"

    /// 'instance' vocabularies: they return rows as they read them, so a `term >= ? LIMIT 1` is a seek, whereas a
    /// 'row' vocabulary reads a word's whole doclist to count it. Virtual tables over the indexes: nothing stored.
    static let v19 = """
        CREATE VIRTUAL TABLE ticket_fts_terms USING fts5vocab(ticket_fts, 'instance');
        CREATE VIRTUAL TABLE message_fts_terms USING fts5vocab(message_fts, 'instance');
        """
}
