import Foundation
import PostdeskCore
import PostdeskWorkflow
import Synchronization
import Testing

/// Each customer's hourly upload allowance, and the quota's view of bytes the web writes.
@Suite struct UploadAllowanceTests {
    let h: WorkflowHarness
    let one = TicketNumber(1)
    let ivan = Viewer.customer(Person(name: "Ivan", address: "ivan@example.ru"), isDisabled: false)

    /// Given Ivan's ticket #1, answered by Anna.
    init() async throws {
        h = try WorkflowHarness()
        try await PortalWorkflowTests.seed(h)
    }

    func file(_ size: Int) -> Upload {
        Upload(filename: "f.bin", contentType: "application/octet-stream", bytes: Array(repeating: 7, count: size))
    }

    @Test("a customer's files per hour are limited across their session and their tickets' links; the next hour works")
    func perCustomer() async throws {
        // Given an allowance of 3 files or 1,000 bytes an hour
        let blobs = MemoryBlobStore()
        var portal = h.portal(blobs: blobs)
        portal.allowance = UploadAllowance(
            limits: UploadAllowanceLimits(files: 3, bytes: 1000), now: h.world.environment.now)
        let ticket = try #require(try await h.store.read { q in try q.ticket(number: TicketNumber(1)) })
        let messages = try await h.messages(one).count

        // When Ivan sends 2 files signed in, then the holder of his mailed link 2 more
        _ = try await portal.reply("two", files: [file(10), file(11)], on: one, as: ivan, in: h.store)
        let refused = await #expect(throws: WebActionError.self) {
            _ = try await portal.reply(
                "two more", files: [file(12), file(13)], on: one, as: .portalLink(ticket.id), in: h.store)
        }
        #expect(refused?.code == .uploadLimit)
        // Then the second is refused, no file is stored for it and no message written; a text reply still goes
        #expect(blobs.count == 2)
        #expect(try await h.messages(one).count == messages + 1)
        _ = try await portal.reply("just text", files: [], on: one, as: .portalLink(ticket.id), in: h.store)
        // And bytes count as files do
        let big = await #expect(throws: WebActionError.self) {
            _ = try await portal.reply("big", files: [file(990)], on: one, as: ivan, in: h.store)
        }
        #expect(big?.code == .uploadLimit)
        // When an hour has passed, the link may send its files
        h.world.advance(by: 3601)
        _ = try await portal.reply(
            "two more", files: [file(12), file(13)], on: one, as: .portalLink(ticket.id), in: h.store)
        #expect(blobs.count == 4)
    }

    @Test("parallel uploads cannot together pass the allowance: 20 at once, 5 allowed, 5 taken")
    func parallel() async throws {
        let allowance = UploadAllowance(limits: UploadAllowanceLimits(files: 5, bytes: 1_000_000), now: { Date() })
        let taken = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask { (try? allowance.take(files: 1, bytes: 10, for: "IVAN@example.ru")) != nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(taken == 5)
        // Another customer is untouched; the address's case does not make a new customer
        #expect(throws: Never.self) { try allowance.take(files: 5, bytes: 10, for: "olga@example.ru") }
        #expect(throws: WebActionError.self) { try allowance.take(files: 1, bytes: 1, for: "ivan@EXAMPLE.ru") }
    }

    @Test("the quota hears of every byte an upload writes, so a cached measure is never behind the web's own files")
    func quotaHearsWrites() throws {
        // Given a quota whose measure is counted, not walked
        let written = Mutex<Int64>(0)
        let quota = AttachmentQuota(
            limitBytes: 100, usedBytes: { written.withLock { $0 } },
            wrote: { bytes in written.withLock { $0 += bytes } })
        let uploads = UploadStore(blobs: MemoryBlobStore(), sha256: testDigest, quota: quota)
        // When 60 bytes are stored, then 50 more are asked for
        _ = try uploads.store([file(60)])
        // Then the second is refused at once, without a new walk of the store
        #expect(written.withLock { $0 } == 60)
        #expect(throws: WebActionError.self) { _ = try uploads.store([file(50)]) }
        #expect(throws: Never.self) { _ = try uploads.store([file(40)]) }
    }
}
