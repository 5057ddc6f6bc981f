import Foundation
public import PostdeskCore

/// Attachment bytes on disk under `root/ab/cd/abcdef…` (the SHA-256), written atomically, never rewritten.
///
/// Directories are created 0700 and files 0600 (``PrivateFiles``): attachments are customers' mail.
public struct FileBlobStore: BlobStore {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    public func put(_ bytes: [UInt8], sha256: String) throws {
        let url = try path(for: sha256)
        if FileManager.default.fileExists(atPath: url.path) { return }
        let shard = url.deletingLastPathComponent()
        for directory in [root, shard.deletingLastPathComponent(), shard] {
            try PrivateFiles.makeDirectory(directory.path)
        }
        try PrivateFiles.write(bytes, to: url.path)
    }

    public func get(sha256: String) throws -> [UInt8]? {
        let url = try path(for: sha256)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return [UInt8](try Data(contentsOf: url))
    }

    private func path(for sha256: String) throws -> URL {
        let hex = sha256.lowercased()
        guard hex.count == 64, hex.allSatisfy(\.isHexDigit) else {
            throw StoreError(code: .notFound, message: "not a SHA-256: \(sha256.prefix(80))")
        }
        return root.appendingPathComponent(String(hex.prefix(2)))
            .appendingPathComponent(String(hex.dropFirst(2).prefix(2)))
            .appendingPathComponent(hex)
    }
}
