/// The result of one pass: the effects to commit and, for every rule in order, why it did or did not contribute.
///
/// Codable so that the caller can store it with the ticket's events and `rules explain` can show it months later.
public struct Evaluation: Hashable, Sendable, Codable {
    /// Why a pass ended before the last rule, or did not run at all.
    public enum Halt: Hashable, Sendable, Codable {
        /// A rule stopped the pass (`stop: true` or a `stop` action).
        case stoppedBy(RuleReference)
        /// `depth` reached the limit: effects between passes keep re-triggering rules, so this pass runs nothing.
        case depthLimit(depth: Int, maxDepth: Int)
    }

    public var event: RuleEvent
    /// 0 for an event from outside; n + 1 for an event caused by the effects of a depth-n pass.
    public var depth: Int
    /// What to do, conflicts resolved, in the order the actions were met.
    public var effects: [Effect]
    /// One trace per rule of the set, in order.
    public var explanation: [RuleTrace]
    public var halt: Halt?

    public init(event: RuleEvent, depth: Int, effects: [Effect], explanation: [RuleTrace], halt: Halt?) {
        self.event = event
        self.depth = depth
        self.effects = effects
        self.explanation = explanation
        self.halt = halt
    }
}
