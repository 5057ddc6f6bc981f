import Foundation
public import GRDB
public import PostdeskCore

/// ``TicketStore`` on one SQLite file in WAL mode: one writer, concurrent readers (the CLI reads while `serve` runs).
public final class SQLiteStore: TicketStore {
    private let pool: DatabasePool

    /// Opens (creating if needed) the database at `path`. Call ``migrate()`` before use.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Another process (the CLI, a second `ingest`) may hold the write lock for a moment.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
    }

    /// Applies the migrations that this database has not seen yet.
    public func migrate() throws {
        try SQLiteMigrations.migrator.migrate(pool)
    }

    /// The identifiers of the migrations already applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try SQLiteMigrations.migrator.appliedMigrations(db) }
    }

    public func write<T: Sendable>(_ work: @escaping @Sendable (any TicketTransaction) throws -> T) async throws -> T {
        try await pool.write { db in try work(SQLiteTransaction(db: db)) }
    }

    public func read<T: Sendable>(_ work: @escaping @Sendable (any TicketQueries) throws -> T) async throws -> T {
        try await pool.read { db in try work(SQLiteTransaction(db: db)) }
    }
}
