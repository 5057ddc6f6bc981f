import Foundation
import PostdeskCore
import PostdeskStore
import Testing

@Suite struct FileBlobStoreTests {
    let db: TemporaryStore
    init() throws { db = try TemporaryStore(migrate: false) }

    @Test("bytes are stored under their SHA-256, once, and read back")
    func putGet() throws {
        // Given a blob store in a temporary directory
        let blobs = FileBlobStore(root: db.directory.appendingPathComponent("blobs"))
        let sha = String(repeating: "ab", count: 32)

        // When the same digest is put twice with different bytes (it never is, but a rewrite must not happen)
        try blobs.put([1, 2, 3], sha256: sha)
        try blobs.put([9, 9, 9], sha256: sha.uppercased())

        // Then the first bytes stay, under root/ab/ab/<sha>
        #expect(try blobs.get(sha256: sha) == [1, 2, 3])
        let file = db.directory.appendingPathComponent("blobs/ab/ab/\(sha)").path
        #expect(FileManager.default.fileExists(atPath: file))
        #expect(try blobs.get(sha256: String(repeating: "cd", count: 32)) == nil)
    }

    @Test("staged files a crash left are removed after 10 minutes; fresh ones and blobs stay")
    func staleTemporaries() throws {
        // Given a blob, a staged file from a crash an hour ago, and one being staged right now
        let blobs = FileBlobStore(root: db.directory.appendingPathComponent("blobs"))
        let sha = String(repeating: "ab", count: 32)
        try blobs.put([1, 2, 3], sha256: sha)
        let old = try #require(try blobs.stage([4, 5], sha256: String(repeating: "cd", count: 32)))
        let fresh = try #require(try blobs.stage([6], sha256: String(repeating: "ce", count: 32)))
        let now = Date()
        try FileManager.default.setAttributes(
            [.modificationDate: now.addingTimeInterval(-3600)], ofItemAtPath: try #require(old.temporary))
        // When the store is opened
        let removed = blobs.removeStaleTemporaries(now: now)
        // Then only the old staged file is gone
        #expect(removed == 1)
        #expect(!FileManager.default.fileExists(atPath: try #require(old.temporary)))
        #expect(FileManager.default.fileExists(atPath: try #require(fresh.temporary)))
        #expect(try blobs.get(sha256: sha) == [1, 2, 3])
    }

    @Test("a blob in a shard another batch just created syncs the shard's parent and the root too")
    func syncsParents() throws {
        // Given a shard created by a first batch
        let root = db.directory.appendingPathComponent("blobs")
        let blobs = FileBlobStore(root: root)
        _ = try blobs.stage([1], sha256: "abcd" + String(repeating: "0", count: 60))
        // When a second batch stages into that shard, and one stages a blob already stored
        let second = try #require(try blobs.stage([2], sha256: "abcd" + String(repeating: "1", count: 60)))
        try blobs.put([3], sha256: "abce" + String(repeating: "2", count: 60))
        let existing = try #require(try blobs.stage([3], sha256: "abce" + String(repeating: "2", count: 60)))
        // Then each would sync the shard, its parent and the root
        for staged in [second, existing] {
            #expect(Set(staged.directories).isSuperset(of: [root.appendingPathComponent("ab").path, root.path]))
        }
        #expect(second.directories.contains(root.appendingPathComponent("ab/cd").path))
    }

    @Test("something that is not a SHA-256 never becomes a path", arguments: ["../../etc/passwd", "abc", ""])
    func rejectsNonDigests(name: String) {
        let blobs = FileBlobStore(root: db.directory)
        #expect(throws: StoreError.self) { try blobs.put([1], sha256: name) }
        #expect(throws: StoreError.self) { try blobs.get(sha256: name) }
    }
}

@Suite struct PrivateFileModeTests {
    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
    }

    @Test("blobs are written 0600 in 0700 directories, whatever the umask lets through")
    func blobModes() throws {
        // Given a blob store in a fresh directory
        let db = try TemporaryStore(migrate: false)
        let root = db.directory.appendingPathComponent("blobs")
        let sha = String(repeating: "ef", count: 32)

        // When a blob is stored
        try FileBlobStore(root: root).put([1, 2, 3], sha256: sha)

        // Then no one else can list or read it
        #expect(try Self.mode(root.path) == 0o700)
        #expect(try Self.mode(root.appendingPathComponent("ef").path) == 0o700)
        #expect(try Self.mode(root.appendingPathComponent("ef/ef").path) == 0o700)
        #expect(try Self.mode(root.appendingPathComponent("ef/ef/\(sha)").path) == 0o600)
        // And no temporary file is left beside it
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("ef/ef").path) == [sha])
    }

    @Test("the database and its -wal and -shm files are 0600; an old world-readable file is tightened")
    func databaseModes() async throws {
        // Given a new store that has written something (so the WAL exists)
        let db = try TemporaryStore()
        _ = try await db.store.write { tx in try tx.seedTicket() }

        // Then the database files are private
        for suffix in ["", "-wal", "-shm"] {
            #expect(try Self.mode(db.path + suffix) == 0o600, "postdesk.sqlite\(suffix)")
        }

        // Given a database file left 0644 by an older version
        let old = db.directory.appendingPathComponent("old.sqlite").path
        #expect(FileManager.default.createFile(atPath: old, contents: nil, attributes: [.posixPermissions: 0o644]))

        // When it is opened
        _ = try SQLiteStore(path: old)

        // Then others lose their access
        #expect(try Self.mode(old) == 0o640)
    }
}

@Suite struct StagedBlobTests {
    let db: TemporaryStore
    init() throws { db = try TemporaryStore(migrate: false) }

    static func sha(_ byte: UInt8) -> String {
        String(repeating: String(format: "%02x", byte), count: 32)
    }

    @Test("staged blobs get their names only when made durable, all together")
    func stageThenDurable() throws {
        // Given a batch of three blobs, one of them in a shard that already exists
        let root = db.directory.appendingPathComponent("blobs")
        let blobs = FileBlobStore(root: root)
        try blobs.put([0], sha256: Self.sha(0xa1))
        let staged = try [0xa1, 0xb2, 0xc3].compactMap { try blobs.stage([$0], sha256: Self.sha(UInt8($0))) }

        // When staged, nothing new is readable yet (a reader must never see a name whose bytes may be lost)
        #expect(try blobs.get(sha256: Self.sha(0xb2)) == nil)
        #expect(try blobs.get(sha256: Self.sha(0xa1)) == [0])

        // When the batch is made durable
        try blobs.makeDurable(staged)

        // Then every blob is there, with its first bytes, 0600 in 0700 directories, and no temporary file is left
        #expect(try blobs.get(sha256: Self.sha(0xa1)) == [0])
        #expect(try blobs.get(sha256: Self.sha(0xb2)) == [0xb2])
        #expect(try blobs.get(sha256: Self.sha(0xc3)) == [0xc3])
        #expect(try PrivateFileModeTests.mode(root.appendingPathComponent("b2/b2").path) == 0o700)
        #expect(try PrivateFileModeTests.mode(root.appendingPathComponent("c3/c3/\(Self.sha(0xc3))").path) == 0o600)
        for shard in ["a1/a1", "b2/b2", "c3/c3"] {
            let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(shard).path)
            #expect(files.count == 1, "\(shard): \(files)")
        }
        // And the directories synced are each named once: files' shards and the parents of new directories
        #expect(Set(staged.flatMap(\.directories)).contains(root.path))
    }

    @Test("a discarded batch leaves no file behind")
    func discard() throws {
        // Given a staged blob
        let root = db.directory.appendingPathComponent("blobs")
        let blobs = FileBlobStore(root: root)
        let staged = try #require(try blobs.stage([1, 2], sha256: Self.sha(0xd4)))

        // When its batch fails and discards it
        blobs.discard([staged])

        // Then neither the blob nor its temporary file exists
        #expect(try blobs.get(sha256: Self.sha(0xd4)) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("d4/d4").path) == [])
    }
}
