/// The result of one pass: the effects to commit and, for every rule that listened, what decided it.
///
/// Codable, and compact (``RuleDecision`` is a few indexes; paths and words stay in the rule set), so that the caller
/// can store one with each event of a ticket. ``explanation(in:)`` spells it out against the set that ran, found by
/// ``ruleSetFingerprint``, for `rules explain` months later.
public struct Evaluation: Hashable, Sendable {
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
    /// One decision per rule that listened and ran, in rule order. Rules not listed did not listen, or came after
    /// the rule that stopped the pass (``halt``).
    public var decisions: [RuleDecision]
    public var halt: Halt?
    /// ``PreparedRuleSet/fingerprint`` of the set that ran: the one to explain this evaluation with.
    public var ruleSetFingerprint: String

    public init(
        event: RuleEvent, depth: Int, effects: [Effect], decisions: [RuleDecision], halt: Halt?,
        ruleSetFingerprint: String
    ) {
        self.event = event
        self.depth = depth
        self.effects = effects
        self.decisions = decisions
        self.halt = halt
        self.ruleSetFingerprint = ruleSetFingerprint
    }
}

/// What decided one rule in a pass, as positions in the rule set that ran: the rule, whether it matched, the
/// condition node that decided it and which of that node's values did.
///
/// ``Evaluation/explanation(in:)`` turns it into a ``RuleTrace`` with the node's path and the rule's own word.
public struct RuleDecision: Hashable, Sendable {
    /// 0-based position of the rule in the set.
    public var rule: Int
    public var matched: Bool
    /// The deciding node: its position in the rule's `if:` tree, counted in pre-order from 0 at the root (0 also for
    /// a rule without `if:`).
    public var node: Int
    /// Which of the node's values decided: the position of the word in its list (`equals`, `contains_any`, `in`,
    /// `has_tag`), 0 for the pattern of `matches`, 0/1/2 for `within_business_hours` (within, outside, unknown);
    /// nil when no single value decided.
    public var value: Int?

    public init(rule: Int, matched: Bool, node: Int, value: Int?) {
        self.rule = rule
        self.matched = matched
        self.node = node
        self.value = value
    }
}
