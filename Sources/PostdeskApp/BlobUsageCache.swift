import Foundation
import Synchronization

/// The attachment store's size for the quota, measured at most every ``maxAge`` instead of on every upload: walking
/// the blob directory costs a stat per file (seconds at a million files), and a request must not pay it. Bytes the
/// web writes are added as they are written (``add(_:)``), so the quota sees them at once; inbound mail's files
/// show at the next measure.
final class BlobUsageCache: Sendable {
    let maxAge: TimeInterval
    let measure: @Sendable () -> Int64
    let now: @Sendable () -> Date

    private struct State {
        var bytes: Int64 = 0
        var measuredAt: Date?
        var measuring = false
        /// Bytes added while a measure runs: the walk may have passed their directory already.
        var addedWhileMeasuring: Int64 = 0
    }
    private let state = Mutex(State())

    /// - Parameters:
    ///   - maxAge: how old a measure may be before the next call walks again.
    ///   - measure: the walk (``BlobDiskUsage/bytes(under:)``).
    init(
        maxAge: TimeInterval = 60, now: @escaping @Sendable () -> Date = { Date() },
        measure: @escaping @Sendable () -> Int64
    ) {
        self.maxAge = maxAge
        self.measure = measure
        self.now = now
    }

    /// The bytes stored: the last measure plus what was added since, measured again when it is older than
    /// ``maxAge`` (or when `fresh`, as the admin page asks). While one caller measures, the others get the previous
    /// figure rather than a walk of their own; nil when there is none yet (the first walk still runs): the bytes
    /// added so far are not the store's size, and a quota checked against them would let everything through.
    func bytes(fresh: Bool = false) -> Int64? {
        let date = now()
        let due = state.withLock { state -> Bool in
            let recent = state.measuredAt.map { date.timeIntervalSince($0) < maxAge && $0 <= date } ?? false
            guard fresh || !recent, !state.measuring else { return false }
            state.measuring = true
            state.addedWhileMeasuring = 0
            return true
        }
        guard due else { return state.withLock { $0.measuredAt == nil ? nil : $0.bytes } }
        let measured = measure()
        return state.withLock { state in
            // Counted twice when the walk did see them: the figure errs high, never low, until the next measure.
            state.bytes = measured + state.addedWhileMeasuring
            state.measuredAt = date
            state.measuring = false
            return state.bytes
        }
    }

    /// Counts bytes just written.
    func add(_ bytes: Int64) {
        state.withLock { state in
            state.bytes += max(0, bytes)
            if state.measuring { state.addedWhileMeasuring += max(0, bytes) }
        }
    }
}
