/// A store failure that is not SQLite's own (those arrive as GRDB's `DatabaseError`).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable {
            case corrupt, notFound, conflict, fileSystem, missingDatabase, schemaBehind
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        /// A row holds a value this version cannot read. Retrying will not help.
        public static let corrupt = Code(.corrupt)
        /// The row asked for does not exist.
        public static let notFound = Code(.notFound)
        /// A uniqueness rule was hit.
        public static let conflict = Code(.conflict)
        /// A file or directory could not be created, written or synced (a full disk, an I/O error, permissions).
        /// Retrying may help once the cause is fixed.
        public static let fileSystem = Code(.fileSystem)
        /// There is no database file where one was expected. `postdesk migrate` creates it; retrying will not help.
        public static let missingDatabase = Code(.missingDatabase)
        /// The database lacks migrations this version needs. `postdesk migrate` applies them; retrying will not help.
        public static let schemaBehind = Code(.schemaBehind)
        public var description: String { "\(value)" }
    }

    public var code: Code
    public var message: String
    public var isTransient: Bool { code == .fileSystem }

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
