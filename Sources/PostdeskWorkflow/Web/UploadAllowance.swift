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

/// The uploads each customer made in the last window, in memory: the check and the record are one step under a
/// lock, so parallel requests cannot both pass a check neither has recorded. Per process, and forgotten at a
/// restart (a restart gives at most one more window's worth).
public final class UploadAllowance: Sendable {
    public let limits: UploadAllowanceLimits
    let now: @Sendable () -> Date

    private struct Use {
        var at: Date
        var files: Int
        var bytes: Int64
    }
    private let uses = Mutex<[String: [Use]]>([:])

    public init(limits: UploadAllowanceLimits = UploadAllowanceLimits(), now: @escaping @Sendable () -> Date) {
        self.limits = limits
        self.now = now
    }

    /// Takes `files` files of `bytes` bytes from the customer's allowance, or refuses and takes nothing.
    /// - Parameter customer: the customer's address (ASCII case ignored).
    /// - Throws: ``WebActionError`` ``WebActionError/Code/uploadLimit``.
    public func take(files: Int, bytes: Int64, for customer: String) throws {
        guard files > 0 else { return }
        let key = customer.lowercased()
        let date = now()
        let since = date.addingTimeInterval(-limits.window)
        let limits = self.limits
        let allowed = uses.withLock { uses -> Bool in
            // Everyone's old uses go on the way once the table grows: it stays as large as an hour's customers.
            if uses.count > 10_000 { uses = uses.compactMapValues { list in list.last!.at >= since ? list : nil } }
            var list = (uses[key] ?? []).filter { $0.at >= since }
            let usedFiles = list.reduce(0) { $0 + $1.files }
            let usedBytes = list.reduce(Int64(0)) { $0 + $1.bytes }
            guard usedFiles + files <= limits.files, usedBytes + bytes <= limits.bytes else {
                uses[key] = list.isEmpty ? nil : list
                return false
            }
            list.append(Use(at: date, files: files, bytes: bytes))
            uses[key] = list
            return true
        }
        guard allowed else {
            throw WebActionError(
                code: .uploadLimit,
                message: "more than \(limits.files) files or \(limits.bytes) bytes within \(Int(limits.window)) s")
        }
    }
}
