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

    @Test("throwaway customers from one client share that client's allowance; another client is untouched")
    func perClient() throws {
        // Given an allowance of 3 files an hour
        let allowance = UploadAllowance(limits: UploadAllowanceLimits(files: 3, bytes: 1_000_000), now: { Date() })
        // When one client uploads a file as each of three fresh customers
        for index in 1...3 {
            try allowance.take(files: 1, bytes: 10, for: "throwaway\(index)@example.ru", client: "192.0.2.7")
        }
        // Then a fourth fresh customer from that client is refused
        #expect(throws: WebActionError.self) {
            try allowance.take(files: 1, bytes: 10, for: "throwaway4@example.ru", client: "192.0.2.7")
        }
        // And neither that customer's nor the client's allowance was taken by the refusal: another client works
        try allowance.take(files: 3, bytes: 10, for: "throwaway4@example.ru", client: "2001:db8:1:2::/64")
        // And bytes count per client too
        let bytes = UploadAllowance(limits: UploadAllowanceLimits(files: 100, bytes: 100), now: { Date() })
        try bytes.take(files: 1, bytes: 60, for: "a@example.ru", client: "192.0.2.8")
        #expect(throws: WebActionError.self) {
            try bytes.take(files: 1, bytes: 60, for: "b@example.ru", client: "192.0.2.8")
        }
    }

    @Test("the portal hands the client to the allowance: a reply and a new ticket spend it")
    func portalPassesClient() async throws {
        // Given an allowance of 2 files an hour
        let blobs = MemoryBlobStore()
        var portal = h.portal(blobs: blobs)
        portal.allowance = UploadAllowance(
            limits: UploadAllowanceLimits(files: 2, bytes: 1000), now: h.world.environment.now)
        let ticket = try #require(try await h.store.read { q in try q.ticket(number: TicketNumber(1)) })
        // When Ivan's client sends 2 files, then the link's holder from the same client sends 1 more
        _ = try await portal.reply(
            "two", files: [file(10), file(11)], on: one, as: ivan, client: "192.0.2.9", in: h.store)
        // Then it is refused
        let refused = await #expect(throws: WebActionError.self) {
            _ = try await portal.reply(
                "one more", files: [file(12)], on: one, as: .portalLink(ticket.id), client: "192.0.2.9", in: h.store)
        }
        #expect(refused?.code == .uploadLimit)
    }

    @Test("above the sweep mark the table is swept at most once per interval, not on every upload")
    func sweepIsRare() throws {
        // Given an allowance that sweeps above 100 keys, at most once a minute
        let clock = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        let allowance = UploadAllowance(
            limits: UploadAllowanceLimits(files: 5, bytes: 1_000_000, window: 3600), sweepAbove: 100,
            sweepInterval: 60, now: { clock.withLock { $0 } })
        // When 1,000 customers upload within half a minute
        for index in 0..<1000 {
            try allowance.take(files: 1, bytes: 1, for: "c\(index)@example.ru")
            if index % 100 == 0 { clock.withLock { $0 += 3 } }
        }
        // Then the table was swept once (the first upload past the mark), not 900 times
        #expect(allowance.sweeps == 1)
        // When the window has passed and a minute more, the next upload sweeps the old uses away
        clock.withLock { $0 += 3700 }
        try allowance.take(files: 1, bytes: 1, for: "late@example.ru")
        #expect(allowance.sweeps == 2)
        // And a customer still at their limit stays limited between sweeps
        for _ in 0..<5 { try allowance.take(files: 1, bytes: 1, for: "busy@example.ru") }
        #expect(throws: WebActionError.self) { try allowance.take(files: 1, bytes: 1, for: "busy@example.ru") }
    }
}
