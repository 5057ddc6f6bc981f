import Foundation
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

    @Test("something that is not a SHA-256 never becomes a path", arguments: ["../../etc/passwd", "abc", ""])
    func rejectsNonDigests(name: String) {
        let blobs = FileBlobStore(root: db.directory)
        #expect(throws: StoreError.self) { try blobs.put([1], sha256: name) }
        #expect(throws: StoreError.self) { try blobs.get(sha256: name) }
    }
}
