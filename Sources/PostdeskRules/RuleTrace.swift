/// A rule by position and name, as explanations cite it.
public struct RuleReference: Hashable, Sendable, Codable, CustomStringConvertible {
    /// 0-based position in the set.
    public var index: Int
    public var name: String

    public init(index: Int, name: String) {
        self.index = index
        self.name = name
    }

    /// `rule 2 "Billing mail"`: the name in plain double quotes (`debugDescription` would escape apostrophes).
    public var description: String { "rule \(index + 1) \"\(name)\"" }
}

/// The part of a condition that decided a rule: a path from the `if:` root, e.g. `any[1].text.contains_any`, and
/// the rule's own value that decided it (the word found, the list item equal, the pattern that matched).
///
/// The value comes from the rule, never from the mail, so a stored explanation holds no customer text.
/// When nothing single decided (`any` with no child holding, `all` with every child holding) the path ends at that
/// node and the value is nil; with no `if:` the path is `always`.
public struct ConditionDecision: Hashable, Sendable, Codable, CustomStringConvertible {
    public var path: String
    public var value: String?
    /// What the condition came to: true when the rule matched.
    public var result: Bool

    public init(path: String, value: String?, result: Bool) {
        self.path = path
        self.value = value
        self.result = result
    }

    public var description: String {
        "\(path)\(value.map { " \($0.debugDescription)" } ?? "") is \(result)"
    }
}

/// What one action of a matched rule contributed to the pass.
public struct ActionTrace: Hashable, Sendable, Codable {
    /// An earlier effect this action replaced (last wins), and the rule it came from.
    public struct Override: Hashable, Sendable, Codable {
        public var effect: Effect
        public var rule: RuleReference

        public init(effect: Effect, rule: RuleReference) {
            self.effect = effect
            self.rule = rule
        }
    }

    public var action: RuleAction
    /// The effect it left in ``Evaluation/effects``; nil for `stop`, for an effect a later action replaced, and for
    /// a duplicate of an earlier effect.
    public var effect: Effect?
    /// Earlier effects this one replaced.
    public var overrides: [Override]
    /// The later rule whose action replaced this one's effect (wholly, or for some tags).
    public var overriddenBy: RuleReference?
    /// The earlier rule that already asked for the same thing (the same notification or reply).
    public var duplicateOf: RuleReference?
    /// False for actions after a `stop` in the same rule: they never ran.
    public var ran: Bool

    public init(action: RuleAction, effect: Effect?, ran: Bool = true) {
        self.action = action
        self.effect = effect
        self.overrides = []
        self.overriddenBy = nil
        self.duplicateOf = nil
        self.ran = ran
    }
}

/// One rule's part in a pass: listened or not, matched or not and why, and what each action did.
public struct RuleTrace: Hashable, Sendable, Codable {
    public enum Outcome: Hashable, Sendable, Codable {
        /// The rule does not listen to the event.
        case notListening
        /// The condition held; see ``RuleTrace/actions``.
        case matched
        /// The condition did not hold.
        case notMatched
        /// An earlier rule stopped the pass before this one.
        case skippedAfterStop(RuleReference)
        /// The pass ran past the depth limit, so no rule ran.
        case skippedDepthLimit
    }

    public var rule: RuleReference
    public var outcome: Outcome
    /// Which condition decided the outcome; nil when the condition was not evaluated.
    public var decidedBy: ConditionDecision?
    /// Every action of a matched rule, in order; empty otherwise.
    public var actions: [ActionTrace]
    /// Whether this rule ended the pass (`stop: true` or a `stop` action).
    public var stoppedPass: Bool

    public init(
        rule: RuleReference, outcome: Outcome, decidedBy: ConditionDecision? = nil, actions: [ActionTrace] = [],
        stoppedPass: Bool = false
    ) {
        self.rule = rule
        self.outcome = outcome
        self.decidedBy = decidedBy
        self.actions = actions
        self.stoppedPass = stoppedPass
    }

    /// Whether the rule listens to the event of the pass (skipped rules are reported as not having listened).
    public var listened: Bool {
        switch outcome {
        case .matched, .notMatched: true
        case .notListening, .skippedAfterStop, .skippedDepthLimit: false
        }
    }
}
