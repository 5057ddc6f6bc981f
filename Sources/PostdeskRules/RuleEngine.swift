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
        var stopper: Int? = nil
        // The set's arrays as buffers for the whole pass: nothing in the loop retains or follows a reference.
        rules.entries.withUnsafeBufferPointer { entries in
            rules.ruleEffects.withUnsafeBufferPointer { effects in
                rules.program.withPass { pass in
                    for index in listeners {
                        let entry = entries[index]
                        let decided = entry.root < 0 ? .always : pass.decide(entry.root, &facts)
                        decisions.append(
                            RuleDecision(
                                rule: index, matched: decided.result, node: Int(decided.node),
                                value: decided.value < 0 ? nil : Int(decided.value)))
                        guard decided.result else { continue }
                        // The actions up to the first `stop` run (``Evaluation/explanation(in:)`` replays the same).
                        for at in Int(entry.effectStart)..<Int(entry.effectEnd) {
                            let effect = effects[at]
                            ledger.add(
                                effect.effect, group: effect.group,
                                from: .init(rule: index, action: Int(effect.action)), in: rules.effectTable)
                        }
                        if entry.stops {
                            stopper = index
                            break
                        }
                    }
                }
            }
        }
        let halt = stopper.map { Evaluation.Halt.stoppedBy(rules.rules[$0].reference) }
        return Evaluation(
            event: event, depth: depth, effects: ledger.effects(in: rules.effectTable), decisions: decisions,
            halt: halt,
            ruleSetFingerprint: rules.fingerprint)
    }
}
