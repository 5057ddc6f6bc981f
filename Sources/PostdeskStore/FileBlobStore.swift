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
        guard let staged = try stage(bytes, sha256: sha256), staged.temporary != nil else { return }
        do {
            try makeDurable([staged])
        } catch {
            discard([staged])
            throw error
        }
    }

    /// Writes the bytes to a temporary file beside their final name, unsynced; the name comes in ``makeDurable(_:)``.
    public func stage(_ bytes: [UInt8], sha256: String) throws -> StagedBlob? {
        let url = try path(for: sha256)
        let shard = url.deletingLastPathComponent()
        // The shard, its parent and the root are always synced: another batch may have just created the shard (or
        // named this very blob) and not synced their entries yet, and our commit must not wait on theirs. A crash
        // would otherwise lose a directory our committed blob lies in. The set in ``makeDurable(_:)`` syncs each
        // once per batch.
        let always = [shard.path, shard.deletingLastPathComponent().path, root.path]
        if FileManager.default.fileExists(atPath: url.path) {
            return StagedBlob(temporary: nil, destination: url.path, directories: always)
        }
        let temporary = "\(url.path).\(getpid()).\(UInt32.random(in: .min ... .max))\(Self.temporarySuffix)"
        var directories = always
        // Only a new shard costs mkdirs: the common case creates the file straight away.
        if try !PrivateFiles.create(bytes, at: temporary) {
            for directory in [root, shard.deletingLastPathComponent(), shard]
            where try PrivateFiles.makeDirectory(directory.path) {
                directories.append(directory.deletingLastPathComponent().path)
            }
            guard try PrivateFiles.create(bytes, at: temporary) else {
                throw StoreError(code: .fileSystem, message: "cannot create \(temporary): its directory vanished")
            }
        }
        return StagedBlob(temporary: temporary, destination: url.path, directories: directories)
    }

    /// Syncs every staged file, names them, then syncs each directory involved once: a blob is durable, name and
    /// bytes, before this returns, so the commit that references it may follow.
    public func makeDurable(_ staged: [StagedBlob]) throws {
        let files = staged.compactMap(\.temporary)
        for file in files { try PrivateFiles.sync(file) }
        for blob in staged {
            guard let temporary = blob.temporary else { continue }
            try PrivateFiles.rename(temporary, to: blob.destination)
        }
        // Every synced directory holds only durable entries by now, so their order does not matter.
        var synced = Set<String>()
        for directory in staged.flatMap(\.directories) where synced.insert(directory).inserted {
            try PrivateFiles.sync(directory)
        }
    }

    /// What a staged file's name ends with until it is named.
    static let temporarySuffix = ".tmp"

    /// Deletes the staged files a crash left behind (between ``stage(_:sha256:)`` and ``makeDurable(_:)``) that are
    /// older than `age`: no batch stages for that long, and the quota counts them. Run once at start, off the
    /// request path (it lists every shard).
    /// - Returns: how many files it deleted.
    @discardableResult
    public func removeStaleTemporaries(olderThan age: TimeInterval = 600, now: Date = Date()) -> Int {
        guard
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.contentModificationDateKey, .isRegularFileKey])
        else { return 0 }
        var removed = 0
        for case let url as URL in walker where url.lastPathComponent.hasSuffix(Self.temporarySuffix) {
            guard let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .isRegularFileKey]),
                values.isRegularFile == true, let modified = values.contentModificationDate,
                now.timeIntervalSince(modified) > age
            else { continue }
            if unlink(url.path) == 0 { removed += 1 }
        }
        return removed
    }

    public func discard(_ staged: [StagedBlob]) {
        for file in staged.compactMap(\.temporary) { unlink(file) }
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
