/// Every SLA clock of one ticket at one instant: what `tickets show --json` prints under `"sla"`.
public struct SLAReport: Hashable, Sendable, Codable {
    /// The policy measured.
    public var policy: String
    /// The first-response clock, if the policy sets that target.
    public var firstResponse: SLATargetState?
    /// The latest next-response clock (earlier cycles appear in `breaches` if they breached).
    public var nextResponse: SLATargetState?
    /// The resolution clock, if the policy sets that target.
    public var resolution: SLATargetState?
    /// Every clock that breached, including earlier next-response cycles, in the order they breached.
    public var breaches: [SLATargetState]

    /// The clocks currently shown: first response, latest next response, resolution.
    public var current: [SLATargetState] { [firstResponse, nextResponse, resolution].compactMap { $0 } }

    enum CodingKeys: String, CodingKey {
        case policy, resolution
        case firstResponse = "first_response"
        case nextResponse = "next_response"
        case breaches = "breached"
    }
}
