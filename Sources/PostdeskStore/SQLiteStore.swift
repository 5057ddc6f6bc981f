import Foundation
public import GRDB
public import PostdeskCore

/// ``TicketStore`` on one SQLite file in WAL mode: one writer, concurrent readers (the CLI reads while `serve` runs).
public final class SQLiteStore: TicketStore {
    private let pool: DatabasePool

    /// How a command may use an existing database (``openExisting(path:access:)``).
    public enum Access: Sendable {
        /// Reads only: SQLite opens the file read-only, and every write fails.
        case readOnly
        /// Reads and writes rows, but never changes the schema.
        case readWrite
    }

    /// Opens (creating if needed) the database at `path`. Call ``migrate()`` before use.
    public convenience init(path: String) throws {
        try self.init(path: path, readonly: false)
    }

    private init(path: String, readonly: Bool) throws {
        var configuration = Configuration()
        configuration.readonly = readonly
        configuration.foreignKeysEnabled = true
        // Another process (the CLI, a second `ingest`) may hold the write lock for a moment.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
    }

    /// Opens the database at `path` only if it exists and has every migration of this version applied: creates no
    /// file or directory and changes no schema. Commands that only look (or change rows, not the schema) use this, so
    /// that running them against an older database, or the wrong data directory, leaves everything as it was.
    ///
    /// SQLite itself may add its `-wal` and `-shm` companions beside an existing file while it is open; the database
    /// file is not written.
    /// - Parameters:
    ///   - path: the database file.
    ///   - access: read-only, or rows but not schema.
    /// - Throws: ``StoreError`` `.missingDatabase` or `.schemaBehind`, both saying to run `postdesk migrate`.
    public static func openExisting(path: String, access: Access) throws -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(code: .missingDatabase, message: "no database at \(path); run postdesk migrate")
        }
        // The schema is checked on a read-only connection first: a writable GRDB pool writes a little on opening (it
        // makes sure the write-ahead log exists), and an older database must stay exactly as it was.
        let reader = try SQLiteStore(path: path, readonly: true)
        let current = try reader.pool.read { db in try SQLiteMigrations.migrator.hasCompletedMigrations(db) }
        guard current else {
            let applied = try reader.appliedMigrations()
            throw StoreError(
                code: .schemaBehind,
                message: "the database at \(path) is at schema \(applied.last.map { "'\($0)'" } ?? "none"), "
                    + "this postdesk needs '\(SQLiteMigrations.latest)'; run postdesk migrate")
        }
        guard access == .readWrite else { return reader }
        try reader.close()
        return try SQLiteStore(path: path, readonly: false)
    }

    /// Applies the migrations that this database has not seen yet.
    public func migrate() throws {
        try SQLiteMigrations.migrator.migrate(pool)
    }

    /// Applies the migrations up to and including `identifier`, and no later one: builds the schema an older
    /// version left behind (tests of upgrades).
    public func migrate(upTo identifier: String) throws {
        try SQLiteMigrations.migrator.migrate(pool, upTo: identifier)
    }

    /// Closes the connections now rather than when the value goes away; the last one to close folds the write-ahead
    /// log into the database file. The store cannot be used afterwards.
    public func close() throws {
        try pool.close()
    }

    /// The identifiers of every migration this version knows, oldest first.
    public static var knownMigrations: [String] { SQLiteMigrations.migrator.migrations }

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
