/// Content-addressed storage for attachment bytes, keyed by lowercase hex SHA-256.
public protocol BlobStore: Sendable {
    /// Stores `bytes` under `sha256` unless already there. Idempotent.
    func put(_ bytes: [UInt8], sha256: String) throws
    func get(sha256: String) throws -> [UInt8]?
}
