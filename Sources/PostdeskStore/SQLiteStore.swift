import Foundation
public import GRDB
public import PostdeskCore

/// ``TicketStore`` on one SQLite file in WAL mode: one writer, concurrent readers (the CLI reads while `serve` runs).
public final class SQLiteStore: TicketStore {
    let pool: DatabasePool

    /// How a command may use an existing database (``openExisting(path:access:)``).
    public enum Access: Sendable {
        /// Reads only: SQLite opens the file read-only, and every write fails.
        case readOnly
        /// Reads and writes rows, but never changes the schema.
        case readWrite
    }

    /// Opens (creating if needed) the database at `path`. Call ``migrate()`` before use.
    ///
    /// The file is created with mode 0600 and an existing one loses any permission for others: it holds every mail
    /// and ticket. SQLite gives the `-wal` and `-shm` files the mode of the database file.
    public convenience init(path: String) throws {
        try PrivateFiles.prepareDatabase(at: path)
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
            // The writer's statement journals (one per savepoint, one per mail of a batch) stay in memory instead
            // of a temporary file each; readers keep large sorts on disk.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA temp_store = MEMORY") }
        }
        pool = try DatabasePool(path: path, configuration: configuration)
    }

    /// SQLite's default: a checkpoint once the write-ahead log passes this many pages.
    static let checkpointPages = 1000
    /// During a ``batch(_:)``: large enough that a backlog of thousands of mails does not stop for checkpoints,
    /// bounded so a huge one cannot grow the log without end.
    static let batchCheckpointPages = 16384
    private let batches = BatchCount()

    /// Raises the checkpoint threshold while `work` runs, then checkpoints once (passively: readers never wait).
    /// Nested and concurrent batches share the raised threshold until the last one ends.
    public func batch<T>(_ work: () async throws -> T) async throws -> T {
        try await adjustBatches(by: 1)
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await work())
        } catch {
            outcome = .failure(error)
        }
        // The end runs in a task of its own: it does not inherit this one's cancellation, which would make the
        // store refuse the write and leave the threshold raised for good.
        let end = Task { try await self.adjustBatches(by: -1) }
        let ended = await end.result
        let value = try outcome.get()
        try ended.get()
        return value
    }

    /// Batches open now (for tests).
    var openBatches: Int { batches.current }

    private func adjustBatches(by change: Int) async throws {
        try await pool.writeWithoutTransaction { [batches] db in
            // On the writer's queue: the count and the pragma change together. A batch counts only once its
            // pragma took: one that failed to start is never ended, so it must not be counted either.
            if change > 0 {
                if batches.current == 0 {
                    try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.batchCheckpointPages)")
                }
                _ = batches.add(change)
            } else if batches.add(change) == 0 {
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.checkpointPages)")
                _ = try db.checkpoint(.passive)
            }
        }
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

/// How many ``SQLiteStore/batch(_:)`` calls are running.
private final class BatchCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var current: Int { lock.withLock { count } }

    /// Adds `change` and returns the new count.
    func add(_ change: Int) -> Int {
        lock.withLock {
            count += change
            return count
        }
    }
}
