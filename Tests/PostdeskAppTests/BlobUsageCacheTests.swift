import Foundation
import PostdeskWorkflow
import Synchronization
import Testing

@testable import PostdeskApp

/// The quota's measure of the attachment store: walked at most once per refresh interval, never per request.
@Suite struct BlobUsageCacheTests {
    final class Clock: Sendable {
        let now = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        func advance(_ seconds: TimeInterval) { now.withLock { $0 += seconds } }
    }

    @Test("a thousand uploads within a minute walk the store once; written bytes count at once; a minute on, it walks")
    func walksOncePerInterval() {
        // Given a store of 5,000 bytes, measured by a walk that is counted
        let clock = Clock()
        let walks = Mutex(0)
        let onDisk = Mutex<Int64>(5000)
        let cache = BlobUsageCache(
            maxAge: 60, now: { clock.now.withLock { $0 } },
            measure: {
                walks.withLock { $0 += 1 }
                return onDisk.withLock { $0 }
            })
        // When the quota is asked a thousand times in a minute while uploads write 1,000 bytes
        for index in 0..<1000 {
            #expect(cache.bytes() == 5000 + Int64(index))
            cache.add(1)
            onDisk.withLock { $0 += 1 }
            if index % 100 == 0 { clock.advance(5) }
        }
        // Then the store was walked once, and the figure kept up with the writes
        #expect(walks.withLock { $0 } == 1)
        #expect(cache.bytes() == 6000)
        // When inbound mail adds files and a minute passes, the next ask walks again and sees them
        onDisk.withLock { $0 += 70_000 }
        clock.advance(61)
        #expect(cache.bytes() == 76_000)
        #expect(walks.withLock { $0 } == 2)
        // And the admin page may ask for a fresh figure at any time
        onDisk.withLock { $0 += 1 }
        #expect(cache.bytes(fresh: true) == 76_001)
        #expect(walks.withLock { $0 } == 3)
    }

    @Test("while the first walk runs, nobody else is told a size: the quota refuses rather than sees 0 bytes")
    func unmeasuredIsUnknown() async throws {
        // Given a store of 5,000 bytes whose first walk takes a while
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let cache = BlobUsageCache(
            maxAge: 60,
            measure: {
                started.signal()
                release.wait()
                return 5000
            })
        let quota = AttachmentQuota(limitBytes: 6000, usedBytes: { cache.bytes() })
        // When one upload starts the first walk
        let first = Thread { _ = cache.bytes() }
        first.start()
        started.wait()
        // Then another caller learns no size, and its upload is refused instead of passing against 0 bytes
        cache.add(100)
        #expect(cache.bytes() == nil)
        #expect(throws: WebActionError.self) { try quota.check(adding: 5000) }
        // When the walk ends, the figure is known and counts what was added meanwhile
        release.signal()
        while cache.bytes() == nil { try await Task.sleep(for: .milliseconds(5)) }
        #expect(cache.bytes() == 5100)
        #expect(throws: WebActionError.self) { try quota.check(adding: 5000) }
        try quota.check(adding: 10)
    }

    @Test("a clock that went back does not keep an old figure forever")
    func clockBack() {
        let clock = Clock()
        let walks = Mutex(0)
        let cache = BlobUsageCache(
            maxAge: 60, now: { clock.now.withLock { $0 } },
            measure: {
                walks.withLock { $0 += 1 }; return 1
            })
        _ = cache.bytes()
        clock.advance(-3600)
        _ = cache.bytes()
        #expect(walks.withLock { $0 } == 2)
    }
}
