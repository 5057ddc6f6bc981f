import Foundation
import GRDB
import PostdeskCore
import Testing

@testable import PostdeskStore

/// The writer keeps its statement journals in memory and holds checkpoints back while a batch runs.
@Suite struct WriterTuningTests {
    let db: TemporaryStore
    init() throws { db = try TemporaryStore() }

    func pragma(_ name: String) throws -> Int? {
        try db.store.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    @Test("the writer's temporary files (statement journals of savepoints) live in memory")
    func tempStoreInMemory() throws {
        // 2 = MEMORY
        #expect(try pragma("temp_store") == 2)
    }

    @Test("a batch raises the checkpoint threshold, nested batches keep it, the last one restores and checkpoints")
    func batchCheckpoints() async throws {
        // Given no batch: SQLite's default
        #expect(try pragma("wal_autocheckpoint") == SQLiteStore.checkpointPages)

        // When two batches nest, writing in between
        try await db.store.batch {
            #expect(try pragma("wal_autocheckpoint") == SQLiteStore.batchCheckpointPages)
            try await db.store.batch { _ = try await db.store.write { tx in try tx.seedTicket() } }
            // Then the inner one's end leaves the outer one's threshold
            #expect(try pragma("wal_autocheckpoint") == SQLiteStore.batchCheckpointPages)
        }

        // Then the default is back, and the log was folded into the file
        #expect(try pragma("wal_autocheckpoint") == SQLiteStore.checkpointPages)
        let log = try db.store.pool.writeWithoutTransaction { db in try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint") }
        #expect(log?[1] as Int? == log?[2] as Int?)
    }

    @Test("a batch that throws still restores the threshold")
    func batchThrows() async throws {
        struct Boom: Error {}
        await #expect(throws: Boom.self) { try await db.store.batch { throw Boom() } }
        #expect(try pragma("wal_autocheckpoint") == SQLiteStore.checkpointPages)
    }

    @Test("a batch whose task is cancelled while it works still ends: the threshold is restored, nothing stays open")
    func batchCancelled() async throws {
        // Given a batch that works until it is cancelled
        let store = db.store
        let task = Task { try await store.batch { try await Task.sleep(for: .seconds(30)) } }
        while try pragma("wal_autocheckpoint") != SQLiteStore.batchCheckpointPages {
            try await Task.sleep(for: .milliseconds(5))
        }
        // When its task is cancelled
        task.cancel()
        let outcome = await task.result
        // Then the batch threw, and yet it ended
        #expect(throws: CancellationError.self) { try outcome.get() }
        #expect(store.openBatches == 0)
        #expect(try pragma("wal_autocheckpoint") == SQLiteStore.checkpointPages)
    }

    @Test("a batch started in an already cancelled task is not counted")
    func batchStartCancelled() async throws {
        let store = db.store
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await store.batch { 1 }
        }
        _ = await task.result
        #expect(store.openBatches == 0)
        #expect(try pragma("wal_autocheckpoint") == SQLiteStore.checkpointPages)
    }
}
