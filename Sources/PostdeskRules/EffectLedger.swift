/// The effects of one pass as they accumulate, with conflicts resolved and every resolution written into the traces.
///
/// - `set_team`, `set_priority`, `set_status` and `assign` hold one value: a later one replaces the earlier (the
///   earlier action's trace says by whom, the later one's says what it replaced).
/// - `add_tags` and `remove_tags` of the same tag: the later wins for that tag only.
/// - The same notification (recipient and template) or the same reply twice: kept once; the second is a duplicate.
/// - `add_note` always adds.
struct EffectLedger {
    private var slots: [Slot] = []

    private struct Slot {
        var effect: Effect?
        var rule: RuleReference
        var trace: Int
        var action: Int
    }

    /// The surviving effects, in the order their actions ran.
    var effects: [Effect] { slots.compactMap(\.effect) }

    mutating func add(_ effect: Effect, from rule: RuleReference, trace: Int, action: Int, traces: inout [RuleTrace]) {
        for index in slots.indices {
            guard let earlier = slots[index].effect else { continue }
            switch (earlier, effect) {
            case (.setTeam, .setTeam), (.setPriority, .setPriority), (.setStatus, .setStatus), (.assign, .assign):
                replace(index, by: rule, traces: &traces)
                traces[trace].actions[action].overrides.append(.init(effect: earlier, rule: slots[index].rule))
                slots[index].effect = nil
            case (.notify, .notify), (.reply, .reply):
                if earlier == effect {
                    traces[trace].actions[action].effect = nil
                    traces[trace].actions[action].duplicateOf = slots[index].rule
                    return
                }
            case (.addTags(let tags), .removeTags(let removed)), (.removeTags(let tags), .addTags(let removed)):
                let kept = tags.filter { !removed.contains($0) }
                guard kept.count != tags.count else { continue }
                let remaining: Effect? =
                    if kept.isEmpty { nil } else if case .addTags = earlier { .addTags(kept) } else {
                        .removeTags(kept)
                    }
                replace(index, by: rule, traces: &traces)
                traces[slots[index].trace].actions[slots[index].action].effect = remaining
                traces[trace].actions[action].overrides.append(
                    .init(effect: Self.sameKind(as: earlier, tags.filter(removed.contains)), rule: slots[index].rule))
                slots[index].effect = remaining
            default:
                continue
            }
        }
        slots.append(Slot(effect: effect, rule: rule, trace: trace, action: action))
    }

    /// Marks the earlier slot's action as replaced by `rule`.
    private mutating func replace(_ index: Int, by rule: RuleReference, traces: inout [RuleTrace]) {
        let slot = slots[index]
        traces[slot.trace].actions[slot.action].overriddenBy = rule
        switch slot.effect {
        case .addTags?, .removeTags?: break  // the caller sets what is left of the tags
        default: traces[slot.trace].actions[slot.action].effect = nil
        }
    }

    private static func sameKind(as effect: Effect, _ tags: [String]) -> Effect {
        if case .addTags = effect { .addTags(tags) } else { .removeTags(tags) }
    }
}
