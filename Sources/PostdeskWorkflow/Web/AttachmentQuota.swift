/// How full the attachment store is against `attachments.quota_mb`.
public struct AttachmentUsage: Sendable, Hashable {
    /// How close the store is to its quota.
    public enum Level: String, Sendable, Hashable {
        /// Below 80 % (or no quota).
        case ok
        /// At 80 % or more: admin pages warn.
        case warning
        /// At 100 % or more: new web uploads are refused (inbound mail is still taken).
        case full
    }

    public var usedBytes: Int64
    /// nil: unlimited.
    public var limitBytes: Int64?

    public init(usedBytes: Int64, limitBytes: Int64?) {
        self.usedBytes = usedBytes
        self.limitBytes = limitBytes
    }

    /// Used bytes as a whole percentage of the quota (rounded down); nil without a quota.
    public var percent: Int? {
        guard let limitBytes, limitBytes > 0 else { return nil }
        return Int(min(Int64(Int.max / 2), usedBytes.multipliedReportingOverflow(by: 100).partialValue / limitBytes))
    }

    public var level: Level {
        guard let percent else { return .ok }
        if percent >= 100 { return .full }
        return percent >= 80 ? .warning : .ok
    }
}

/// The attachment store's quota as the web's uploads see it: a limit and a way to measure what is used (the
/// composition root measures the blob directory). Inbound mail never asks it: mail is never dropped for space.
public struct AttachmentQuota: Sendable {
    /// The quota in bytes; nil: unlimited.
    public var limitBytes: Int64?
    /// Bytes the store holds now (a cached measure: see `BlobUsageCache` in PostdeskApp); nil while the store has
    /// not been measured yet, when uploads are refused rather than let through against an unknown size.
    public var usedBytes: @Sendable () -> Int64?
    /// Told the bytes of each upload once they are written, so a cached measure counts them at once.
    public var wrote: @Sendable (Int64) -> Void

    public init(
        limitBytes: Int64?, usedBytes: @escaping @Sendable () -> Int64?,
        wrote: @escaping @Sendable (Int64) -> Void = { _ in }
    ) {
        self.limitBytes = limitBytes
        self.usedBytes = usedBytes
        self.wrote = wrote
    }

    /// The store's usage now.
    public func usage() -> AttachmentUsage {
        AttachmentUsage(usedBytes: limitBytes == nil ? 0 : usedBytes() ?? 0, limitBytes: limitBytes)
    }

    /// Refuses `bytes` more when the store is at its quota or they would take it past.
    /// - Throws: ``WebActionError`` with ``WebActionError/Code/quotaExceeded``.
    public func check(adding bytes: Int) throws {
        guard let limitBytes else { return }
        guard let used = usedBytes() else {
            throw WebActionError(
                code: .quotaExceeded,
                message: "the attachment store is still being measured after the start; try again in a minute")
        }
        guard used < limitBytes, used + Int64(bytes) <= limitBytes else {
            throw WebActionError(
                code: .quotaExceeded,
                message: "the attachment store is full (\(used) of \(limitBytes) bytes); ask an admin to free space")
        }
    }
}
