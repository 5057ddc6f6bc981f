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
    /// - Parameters:
    ///   - event: what happened.
    ///   - snapshot: the facts rules read, as of the event.
    ///   - rules: the prepared set.
    ///   - depth: 0 for an event from outside; one more than the pass whose effects caused it.
    ///   - maxDepth: passes at this depth or deeper run no rule and return no effects.
    /// - Returns: the effects, conflicts resolved (the last single-valued effect wins), and one trace per rule.
    public static func evaluate(
        event: RuleEvent, snapshot: RuleSnapshot, rules: PreparedRuleSet, depth: Int = 0,
        maxDepth: Int = defaultMaxDepth
    ) -> Evaluation {
        guard depth < maxDepth else {
            return Evaluation(
                event: event, depth: depth, effects: [],
                explanation: rules.rules.map { RuleTrace(rule: $0.reference, outcome: .skippedDepthLimit) },
                halt: .depthLimit(depth: depth, maxDepth: maxDepth))
        }
        var facts = SnapshotFacts(snapshot)
        var pass = EffectLedger()
        var traces: [RuleTrace] = []
        traces.reserveCapacity(rules.rules.count)
        var stoppedBy: RuleReference? = nil

        for rule in rules.rules {
            if let stoppedBy {
                traces.append(RuleTrace(rule: rule.reference, outcome: .skippedAfterStop(stoppedBy)))
                continue
            }
            guard rule.events.contains(event) else {
                traces.append(RuleTrace(rule: rule.reference, outcome: .notListening))
                continue
            }
            let decision: ConditionDecision
            if let condition = rule.condition {
                let decided = condition.decide(&facts)
                decision = ConditionDecision(path: decided.path, value: decided.value, result: decided.result)
            } else {
                decision = ConditionDecision(path: "always", value: nil, result: true)
            }
            guard decision.result else {
                traces.append(RuleTrace(rule: rule.reference, outcome: .notMatched, decidedBy: decision))
                continue
            }
            traces.append(RuleTrace(rule: rule.reference, outcome: .matched, decidedBy: decision))
            let traceIndex = traces.count - 1
            var stopActionMet = false
            for (action, effect) in rule.actions {
                if stopActionMet {
                    traces[traceIndex].actions.append(ActionTrace(action: action, effect: nil, ran: false))
                    continue
                }
                traces[traceIndex].actions.append(ActionTrace(action: action, effect: effect))
                if let effect {
                    let actionIndex = traces[traceIndex].actions.count - 1
                    pass.add(effect, from: rule.reference, trace: traceIndex, action: actionIndex, traces: &traces)
                } else if action == .stop {
                    stopActionMet = true
                }
            }
            if rule.stop || stopActionMet {
                traces[traceIndex].stoppedPass = true
                stoppedBy = rule.reference
            }
        }
        return Evaluation(
            event: event, depth: depth, effects: pass.effects, explanation: traces,
            halt: stoppedBy.map(Evaluation.Halt.stoppedBy))
    }
}
