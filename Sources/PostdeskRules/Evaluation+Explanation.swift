extension Evaluation {
    /// The full explanation, one trace per rule of the set in order: listened or not, matched or not, the
    /// condition that decided (path and the rule's value), and what each action of a matched rule became.
    ///
    /// Spelled out from ``decisions`` and `rules`, which must be the set that ran (the same
    /// ``PreparedRuleSet/fingerprint``): the paths and words come from it, and the actions' conflicts are resolved
    /// again exactly as the pass resolved them.
    /// - Throws: ``ExplanationError`` when `rules` is another set, or the decisions do not fit it (a damaged
    ///   record); explaining with the same set cannot help, the set the pass ran with can.
    public func explanation(in rules: PreparedRuleSet) throws(ExplanationError) -> [RuleTrace] {
        guard rules.fingerprint == ruleSetFingerprint else {
            throw ExplanationError(
                recordedRuleSet: ruleSetFingerprint, givenRuleSet: rules.fingerprint,
                reason: "the pass ran with another rule set")
        }
        let references = rules.rules.map(\.reference)
        if case .depthLimit = halt {
            return references.map { RuleTrace(rule: $0, outcome: .skippedDepthLimit) }
        }
        func damaged(_ reason: String) -> ExplanationError {
            ExplanationError(recordedRuleSet: ruleSetFingerprint, givenRuleSet: rules.fingerprint, reason: reason)
        }
        var traces = references.map { RuleTrace(rule: $0, outcome: .notListening) }
        var ledger = EffectLedger(explaining: true)
        var previous = -1
        for decision in decisions {
            guard decision.rule > previous, decision.rule < references.count else {
                throw damaged("rule \(decision.rule + 1) is not in the set, or out of order")
            }
            previous = decision.rule
            let rule = rules.rules[decision.rule]
            let index = decision.rule
            if let condition = rule.condition {
                let decided = ConditionProgram.Decided(
                    result: decision.matched, node: Int32(clamping: decision.node),
                    value: Int32(clamping: decision.value ?? -1))
                guard
                    let decidedBy = rules.program.decision(
                        decided, root: condition.root, nodeCount: condition.nodeCount)
                else {
                    throw damaged("\(references[index]) has no condition node \(decision.node) with that value")
                }
                traces[index].decidedBy = decidedBy
            } else {
                traces[index].decidedBy = ConditionDecision(path: "always", value: nil, result: decision.matched)
            }
            guard decision.matched else {
                traces[index].outcome = .notMatched
                continue
            }
            traces[index].outcome = .matched
            var stopActionMet = false
            for (position, prepared) in rule.actions.enumerated() {
                if stopActionMet {
                    traces[index].actions.append(ActionTrace(action: prepared.action, effect: nil, ran: false))
                    continue
                }
                traces[index].actions.append(ActionTrace(action: prepared.action, effect: prepared.effect))
                if let effect = prepared.effect, let number = prepared.number {
                    ledger.add(
                        number, group: effect.conflictGroup, from: .init(rule: index, action: position),
                        in: rules.effectTable)
                } else if prepared.action == .stop {
                    stopActionMet = true
                }
            }
        }
        for note in ledger.notes ?? [] {
            switch note {
            case .overridden(let action, let rule, let remaining):
                traces[action.rule].actions[action.action].overriddenBy = references[rule]
                traces[action.rule].actions[action.action].effect = remaining
            case .overrides(let action, let effect, let rule):
                traces[action.rule].actions[action.action].overrides.append(
                    .init(effect: effect, rule: references[rule]))
            case .duplicate(let action, let rule):
                traces[action.rule].actions[action.action].effect = nil
                traces[action.rule].actions[action.action].duplicateOf = references[rule]
            }
        }
        if case .stoppedBy(let stopper) = halt {
            guard traces.indices.contains(stopper.index), traces[stopper.index].outcome == .matched else {
                throw damaged("\(stopper) did not match, so it cannot have stopped the pass")
            }
            traces[stopper.index].stoppedPass = true
            for later in (stopper.index + 1)..<traces.count {
                traces[later].outcome = .skippedAfterStop(stopper)
            }
        }
        return traces
    }
}

/// An evaluation explained with a rule set it did not run with (or a damaged record of one).
public struct ExplanationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// ``Evaluation/ruleSetFingerprint``.
    public var recordedRuleSet: String
    /// ``PreparedRuleSet/fingerprint`` of the set given.
    public var givenRuleSet: String
    public var reason: String

    public init(recordedRuleSet: String, givenRuleSet: String, reason: String) {
        self.recordedRuleSet = recordedRuleSet
        self.givenRuleSet = givenRuleSet
        self.reason = reason
    }

    /// Never with the same set: explain with the set whose fingerprint the evaluation recorded.
    public var isTransient: Bool { false }

    public var description: String {
        "cannot explain: \(reason) (recorded set \(recordedRuleSet), given set \(givenRuleSet))"
    }
}
