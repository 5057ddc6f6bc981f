/// Runs a prepared rule set against one event: a pure function of its arguments.
///
/// One pass, in rule order: a rule that listens to the event and whose condition holds contributes its actions'
/// effects; `stop` ends the pass. Every rule reads the same snapshot, so the effects of a pass never re-trigger rules
/// in that pass. The caller commits the effects; the changes they make (a new team, an assignment) are events for a
/// next pass at `depth + 1`, and a pass at `depth >= maxDepth` runs nothing, which ends loops between rules that
/// keep changing each other's fields.
public enum RuleEngine {
    /// How many passes one outside event may cause, itself included.
    public static let defaultMaxDepth = 5

    /// Evaluates `rules` for `event`.
    ///
    /// Only the rules that listen to `event` run (the set indexes them by event), each field is folded once for all
    /// of them, and what decided each rule is kept as indexes (``RuleDecision``); ``Evaluation/explanation(in:)``
    /// spells it out when asked.
    /// - Parameters:
    ///   - event: what happened.
    ///   - snapshot: the facts rules read, as of the event.
    ///   - rules: the prepared set.
    ///   - depth: 0 for an event from outside; one more than the pass whose effects caused it.
    ///   - maxDepth: passes at this depth or deeper run no rule and return no effects.
    /// - Returns: the effects, conflicts resolved (the last single-valued effect wins), and one decision per rule
    ///   that listened.
    public static func evaluate(
        event: RuleEvent, snapshot: RuleSnapshot, rules: PreparedRuleSet, depth: Int = 0,
        maxDepth: Int = defaultMaxDepth
    ) -> Evaluation {
        guard depth < maxDepth else {
            return Evaluation(
                event: event, depth: depth, effects: [], decisions: [],
                halt: .depthLimit(depth: depth, maxDepth: maxDepth), ruleSetFingerprint: rules.fingerprint)
        }
        let listeners = rules.listeners(of: event)
        var facts = SnapshotFacts(snapshot, tables: rules.tables)
        var ledger = EffectLedger()
        var decisions: [RuleDecision] = []
        decisions.reserveCapacity(listeners.count)
        var halt: Evaluation.Halt? = nil

        for index in listeners {
            let rule = rules.rules[index]
            let decided = rule.condition?.decide(&facts) ?? PreparedCondition.Decided(result: true, node: 0, value: -1)
            decisions.append(
                RuleDecision(
                    rule: index, matched: decided.result, node: Int(decided.node),
                    value: decided.value < 0 ? nil : Int(decided.value)))
            guard decided.result else { continue }
            // The actions up to the first `stop` run (``Evaluation/explanation(in:)`` replays the same).
            for position in 0..<(rule.stopAction ?? rule.effects.count) {
                if let effect = rule.effects[position] {
                    ledger.add(effect, from: .init(rule: index, action: position))
                }
            }
            if rule.stop || rule.stopAction != nil {
                halt = .stoppedBy(rule.reference)
                break
            }
        }
        return Evaluation(
            event: event, depth: depth, effects: ledger.effects, decisions: decisions, halt: halt,
            ruleSetFingerprint: rules.fingerprint)
    }
}
