public import PostdeskCore
import PostdeskStore

extension PostdeskConfig {
    /// The SQLite file in the data directory.
    public var databasePath: String { "\(dataDir)/postdesk.sqlite" }

    /// How a command uses the database of an existing installation.
    public enum DatabaseAccess: Sendable {
        /// Reads only (`tickets`, `inbound list`): SQLite opens the file read-only.
        case readOnly
        /// Changes rows but never the schema (`outbox retry`).
        case readWrite
    }

    /// The database of an existing installation, opened without creating a file or directory and without migrating:
    /// only `serve`, `migrate` (and the mail intake, `ingest` and `poll`) set a database up, through ``Postdesk``.
    /// - Parameter access: read-only, or rows but not schema.
    /// - Throws: ``ConfigError`` saying to run `postdesk migrate` when there is no database or it is older than this
    ///   version; SQLite's own errors otherwise.
    public func existingDatabase(_ access: DatabaseAccess) throws -> any TicketStore {
        do {
            return try SQLiteStore.openExisting(
                path: databasePath, access: access == .readOnly ? .readOnly : .readWrite)
        } catch let error as StoreError where error.code == .missingDatabase || error.code == .schemaBehind {
            throw ConfigError(message: error.message)
        }
    }
}
