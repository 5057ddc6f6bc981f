import Foundation
public import GRDB
public import PostdeskCore

/// ``TicketStore`` on one SQLite file in WAL mode: one writer, concurrent readers (the CLI reads while `serve` runs).
public final class SQLiteStore: TicketStore {
    private let pool: DatabasePool

    /// Opens (creating if needed) the database at `path`. Call ``migrate()`` before use.
    ///
    /// The file is created with mode 0600 and an existing one loses any permission for others: it holds every mail
    /// and ticket. SQLite gives the `-wal` and `-shm` files the mode of the database file.
    public init(path: String) throws {
        try PrivateFiles.prepareDatabase(at: path)
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
        let hadPlaintextTokens = try pool.read { db in
            try !SQLiteMigrations.migrator.appliedIdentifiers(db).contains(PortalLinkMigration.identifier)
        }
        try SQLiteMigrations.migrator.migrate(pool)
        if hadPlaintextTokens {
            // The WAL may still hold page images with plaintext portal tokens: copy it into the file (whose freed
            // pages `secure_delete` zeroed) and truncate it. Best effort: a busy database keeps its WAL until the
            // next checkpoint overwrites it.
            try? pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        }
    }

    /// Applies the migrations up to and including `identifier`: how an older version left the file (for tests of
    /// later migrations).
    public func migrate(upTo identifier: String) throws {
        try SQLiteMigrations.migrator.migrate(pool, upTo: identifier)
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
