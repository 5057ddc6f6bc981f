public import Foundation

/// Where one SLA clock stands at `now`.
public struct SLATargetState: Hashable, Sendable, Codable {
    /// The clock's phase.
    public enum Phase: String, Hashable, Sendable, Codable {
        /// Counting; `due` is in the future.
        case running
        /// Stopped for now (ticket pending, solved or closed) before the target was used up; `due` is unknown.
        case paused
        /// Stopped (reply sent, ticket solved) within the target.
        case met
        /// The target ran out at `due`, whether or not the clock has stopped since.
        case breached
    }

    /// What is measured.
    public var target: SLATarget
    /// When the clock started (creation, or the unanswered customer message for `next_response`).
    public var startedAt: Date
    /// When the target runs (or ran) out. `nil` while paused, or when met before it was reached.
    public var due: Date?
    /// When the warning threshold is (or was) reached, if warnings are on and it is known.
    public var warningAt: Date?
    /// When the clock stopped for good (reply, or solved/closed now), if it has.
    public var stoppedAt: Date?
    /// The phase at `now`.
    public var phase: Phase
    /// Business seconds left at `now` (or at the stop); negative once breached.
    public var remainingSeconds: TimeInterval

    enum CodingKeys: String, CodingKey {
        case target, due, phase
        case startedAt = "started_at"
        case warningAt = "warning_at"
        case stoppedAt = "stopped_at"
        case remainingSeconds = "remaining_seconds"
    }
}
