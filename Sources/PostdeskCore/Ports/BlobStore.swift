/// Content-addressed storage for attachment bytes, keyed by lowercase hex SHA-256.
public protocol BlobStore: Sendable {
    /// Stores `bytes` under `sha256` unless already there, durably before it returns. Idempotent.
    func put(_ bytes: [UInt8], sha256: String) throws
    func get(sha256: String) throws -> [UInt8]?
    /// Writes `bytes` under `sha256` without waiting for the disk: a batch of mails stages its attachments and
    /// makes them durable together with ``makeDurable(_:)``, which must return before any commit references them.
    /// Returns nil when there is nothing left to make durable (stores without staging write through at once).
    func stage(_ bytes: [UInt8], sha256: String) throws -> StagedBlob?
    /// Makes staged blobs durable (contents, then names) and readable under their SHA-256.
    func makeDurable(_ staged: [StagedBlob]) throws
    /// Forgets staged blobs whose batch failed before ``makeDurable(_:)``.
    func discard(_ staged: [StagedBlob])
}

extension BlobStore {
    public func stage(_ bytes: [UInt8], sha256: String) throws -> StagedBlob? {
        try put(bytes, sha256: sha256)
        return nil
    }

    public func makeDurable(_ staged: [StagedBlob]) throws {}

    public func discard(_ staged: [StagedBlob]) {}
}

/// A blob written by ``BlobStore/stage(_:sha256:)`` and not yet durable. Only the store that made it reads it.
public struct StagedBlob: Sendable, Hashable {
    /// Where the bytes wait, if they still have to get their name; nil when the name exists already.
    public var temporary: String?
    /// The name the bytes end up under.
    public var destination: String
    /// Directories whose entries this blob changes (its own, and any it had to create): synced once per batch.
    public var directories: [String]

    public init(temporary: String?, destination: String, directories: [String]) {
        self.temporary = temporary
        self.destination = destination
        self.directories = directories
    }
}
