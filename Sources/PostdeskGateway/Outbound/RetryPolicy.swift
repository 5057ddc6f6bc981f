import Foundation

/// When to try a failed delivery again: exponential backoff from `base`, capped, until `giveUpAfter` attempts.
public struct RetryPolicy: Sendable, Hashable {
    public var base: Duration
    public var cap: Duration
    public var giveUpAfter: Int

    public init(base: Duration = .seconds(2), cap: Duration = .seconds(300), giveUpAfter: Int = 600) {
        self.base = base
        self.cap = cap
        self.giveUpAfter = giveUpAfter
    }

    public enum Decision: Sendable, Equatable {
        case retry(after: Duration)
        case giveUp
    }

    /// The decision after attempt number `attempts` (1-based) failed.
    public func decide(attempts: Int, transient: Bool) -> Decision {
        guard transient, attempts < giveUpAfter else { return .giveUp }
        let factor = 1 << min(max(attempts - 1, 0), 20)
        return .retry(after: min(base * factor, cap))
    }
}
