public import Foundation
import Synchronization

/// How many files and bytes one customer may upload through the portal per window (`uploads.files_per_hour`,
/// `uploads.mb_per_hour`): a signed-in customer and whoever holds their tickets' mailed links share one allowance,
/// so a leaked link or a script cannot fill the attachment store within the quota's reach.
public struct UploadAllowanceLimits: Sendable, Hashable {
    public var files: Int
    public var bytes: Int64
    public var window: TimeInterval

    /// 100 files and 200 MB an hour: four full 50 MB replies, far beyond what a person sends.
    public init(files: Int = 100, bytes: Int64 = 200_000_000, window: TimeInterval = 3600) {
        self.files = files
        self.bytes = bytes
        self.window = window
    }
}

/// The uploads each customer, and each client address, made in the last window, in memory: the check and the
/// record are one step under a lock, so parallel requests cannot both pass a check neither has recorded. Per
/// process, and forgotten at a restart (a restart gives at most one more window's worth).
///
/// The client's allowance (its IP, an IPv6 client by its /64, as the sign-in limit counts) has the same limits:
/// without it one client signing up throwaway customers would get a full allowance with each.
public final class UploadAllowance: Sendable {
    public let limits: UploadAllowanceLimits
    let now: @Sendable () -> Date
    /// How many keys the table may hold before old uses are swept, and how often at most a sweep runs: a sweep
    /// walks every key, so it must not run on every request once an hour's clients pass the mark.
    let sweepAbove: Int
    let sweepInterval: TimeInterval

    private struct Use {
        var at: Date
        var files: Int
        var bytes: Int64
    }
    private struct State {
        var uses: [String: [Use]] = [:]
        var lastSweep: Date = .distantPast
        var sweeps = 0
    }
    private let state = Mutex(State())

    public init(
        limits: UploadAllowanceLimits = UploadAllowanceLimits(), sweepAbove: Int = 10_000,
        sweepInterval: TimeInterval = 60, now: @escaping @Sendable () -> Date
    ) {
        self.limits = limits
        self.now = now
        self.sweepAbove = sweepAbove
        self.sweepInterval = sweepInterval
    }

    /// How many sweeps of the whole table have run (for tests and metrics).
    public var sweeps: Int { state.withLock { $0.sweeps } }

    /// Takes `files` files of `bytes` bytes from the customer's allowance and the client's, or refuses and takes
    /// nothing from either.
    /// - Parameters:
    ///   - customer: the customer's address (ASCII case ignored).
    ///   - client: the client's limit key (the web's `IPRange.limitKey`); nil: unknown, the customer's only.
    /// - Throws: ``WebActionError`` ``WebActionError/Code/uploadLimit``.
    public func take(files: Int, bytes: Int64, for customer: String, client: String? = nil) throws {
        guard files > 0 else { return }
        let keys = ["customer:" + customer.lowercased()] + (client.map { ["client:" + $0] } ?? [])
        let date = now()
        let since = date.addingTimeInterval(-limits.window)
        let limits = self.limits
        let (sweepAbove, sweepInterval) = (self.sweepAbove, self.sweepInterval)
        let allowed = state.withLock { state -> Bool in
            // Everyone's old uses go once the table grows, at most every `sweepInterval`: it stays about as large
            // as the window's customers and clients, and a request pays for a walk only that often.
            if state.uses.count > sweepAbove,
                date.timeIntervalSince(state.lastSweep) >= sweepInterval
                    || date < state.lastSweep
            {
                state.uses = state.uses.compactMapValues { list in list.last!.at >= since ? list : nil }
                state.lastSweep = date
                state.sweeps += 1
            }
            var lists = keys.map { key in (state.uses[key] ?? []).filter { $0.at >= since } }
            let fits = lists.allSatisfy { list in
                list.reduce(0) { $0 + $1.files } + files <= limits.files
                    && list.reduce(Int64(0)) { $0 + $1.bytes } + bytes <= limits.bytes
            }
            for index in lists.indices {
                if fits { lists[index].append(Use(at: date, files: files, bytes: bytes)) }
                state.uses[keys[index]] = lists[index].isEmpty ? nil : lists[index]
            }
            return fits
        }
        guard allowed else {
            throw WebActionError(
                code: .uploadLimit,
                message: "more than \(limits.files) files or \(limits.bytes) bytes within \(Int(limits.window)) s")
        }
    }
}
