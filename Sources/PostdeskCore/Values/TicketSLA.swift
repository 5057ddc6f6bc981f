import Foundation

/// A ticket's SLA as last measured: the policy, when each target falls due, and which targets breached or warned.
///
/// Targets are named by their stable spelling (`first_response`, `next_response`, `resolution`), the one the JSON and
/// the database use: the SLA types themselves live in `PostdeskRules`, above this module.
public struct TicketSLA: Hashable, Codable, Sendable {
    /// The policy measured, by name.
    public var policy: String
    /// When the first response is due; nil when the policy sets no such target, or the clock is paused or met.
    public var firstResponseDue: Date?
    /// When the latest next response is due; nil when none is awaited, or the clock is paused or met.
    public var nextResponseDue: Date?
    /// When resolution is due; nil when the policy sets no such target, or the clock is paused or met.
    public var resolutionDue: Date?
    /// Targets that breached, each once, in the order they breached.
    public var breached: [String]
    /// Targets whose warning fired for the clock now running, each once.
    public var warned: [String]

    /// A measured SLA.
    /// - Parameters:
    ///   - policy: the policy's name.
    ///   - breached: target spellings, each once.
    ///   - warned: target spellings, each once.
    public init(
        policy: String, firstResponseDue: Date? = nil, nextResponseDue: Date? = nil, resolutionDue: Date? = nil,
        breached: [String] = [], warned: [String] = []
    ) {
        self.policy = policy
        self.firstResponseDue = firstResponseDue
        self.nextResponseDue = nextResponseDue
        self.resolutionDue = resolutionDue
        self.breached = breached
        self.warned = warned
    }

    /// The due time stored for a target spelling, or nil.
    public func due(of target: String) -> Date? {
        switch target {
        case "first_response": firstResponseDue
        case "next_response": nextResponseDue
        case "resolution": resolutionDue
        default: nil
        }
    }
}
