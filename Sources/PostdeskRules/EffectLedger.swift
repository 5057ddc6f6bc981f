/// The effects of one pass as they accumulate, with conflicts resolved.
///
/// - `set_team`, `set_priority`, `set_status` and `assign` hold one value: a later one replaces the earlier (the
///   earlier action's trace says by whom, the later one's says what it replaced).
/// - `add_tags` and `remove_tags` of the same tag: the later wins for that tag only.
/// - The same notification (recipient and template) or the same reply twice: kept once; the second is a duplicate.
/// - `add_note` always adds.
///
/// A pass only needs the effects. An explanation replays the same matched rules' actions through a ledger that
/// also keeps ``notes``, the resolutions to write into the actions' traces; the replay decides exactly as the pass
/// did, since the ledger sees the same effects in the same order.
struct EffectLedger {
    /// The effects added, by number in the set's ``EffectTable``, in order, each with its action and group: the
    /// search for conflicts reads only groups and numbers, never copying an effect.
    private var slots: [Slot] = []
    /// The live slot of each single-valued group (0–3), -1 for none: there is at most one, the last.
    private var single = SIMD4<Int32>(repeating: -1)
    /// What a slot holds after a later `add_tags`/`remove_tags` took some of its tags away (rare).
    private var changed: [Int: Effect] = [:]
    /// Every resolution, in order; nil unless the ledger was made to explain.
    private(set) var notes: [Note]?

    private struct Slot {
        /// The number of the effect, or -1 once a later action replaced it wholly.
        var effect: Int32
        var group: UInt8
        var action: ActionRef
    }

    /// An action, by the rule's index in the set and the action's index in the rule.
    struct ActionRef: Hashable {
        var rule: Int
        var action: Int
    }

    /// A resolution to write into the traces.
    enum Note {
        /// `earlier` was replaced (wholly, or for some tags) by a later action of `rule`; what it still contributes is
        /// `remaining`.
        case overridden(ActionRef, byRule: Int, remaining: Effect?)
        /// `later` replaced `effect`, which came from `rule`.
        case overrides(ActionRef, effect: Effect, rule: Int)
        /// `later` asked for what `rule` already had; it contributes nothing.
        case duplicate(ActionRef, ofRule: Int)
    }

    init(explaining: Bool = false) {
        notes = explaining ? [] : nil
    }

    /// The surviving effects, in the order their actions ran.
    func effects(in table: EffectTable) -> [Effect] {
        var effects: [Effect] = []
        effects.reserveCapacity(slots.count)
        for (index, slot) in slots.enumerated() where slot.effect >= 0 {
            effects.append(changed[index] ?? table.effects[Int(slot.effect)])
        }
        return effects
    }

    /// What slot `index` holds now; nil when a later action replaced it.
    private func current(_ index: Int, in table: EffectTable) -> Effect? {
        slots[index].effect < 0 ? nil : changed[index] ?? table.effects[Int(slots[index].effect)]
    }

    /// Adds effect number `number` of `table`, whose ``Effect/conflictGroup`` is `group`.
    mutating func add(_ number: Int32, group: UInt8, from action: ActionRef, in table: EffectTable) {
        // Most effects meet nothing they conflict with: compare the group first, the numbers only within it, and
        // copy an earlier effect only to write it into an explanation or to take tags from it.
        switch group {
        case 0...3:
            // set_team, set_priority, set_status, assign: a group holds one kind, so the later replaces.
            let live = Int(single[Int(group)])
            if live >= 0 {
                if notes != nil, let earlier = current(live, in: table) {
                    let earlierRef = slots[live].action
                    notes?.append(.overridden(earlierRef, byRule: action.rule, remaining: nil))
                    notes?.append(.overrides(action, effect: earlier, rule: earlierRef.rule))
                }
                slots[live].effect = -1
            }
            single[Int(group)] = Int32(slots.count)
        case 4, 5:
            // notify, reply: the same one twice is kept once (equal effects have equal keys).
            let key = table.keys[Int(number)]
            for index in slots.indices
            where slots[index].group == group && slots[index].effect >= 0
                && table.keys[Int(slots[index].effect)] == key
            {
                notes?.append(.duplicate(action, ofRule: slots[index].action.rule))
                return
            }
        case 6:
            let effect = table.effects[Int(number)]
            for index in slots.indices where slots[index].group == group {
                guard let earlier = current(index, in: table) else { continue }
                let earlierRef = slots[index].action
                switch (earlier, effect) {
                case (.addTags(let tags), .removeTags(let removed)), (.removeTags(let tags), .addTags(let removed)):
                    let kept = tags.filter { !removed.contains($0) }
                    guard kept.count != tags.count else { continue }
                    let remaining: Effect? =
                        if kept.isEmpty { nil } else if case .addTags = earlier { .addTags(kept) } else {
                            .removeTags(kept)
                        }
                    notes?.append(.overridden(earlierRef, byRule: action.rule, remaining: remaining))
                    notes?.append(
                        .overrides(
                            action, effect: Self.sameKind(as: earlier, tags.filter(removed.contains)),
                            rule: earlierRef.rule))
                    if let remaining {
                        changed[index] = remaining
                    } else {
                        slots[index].effect = -1
                        changed[index] = nil
                    }
                default:
                    continue
                }
            }
        default:
            // add_note always adds.
            break
        }
        if slots.isEmpty { slots.reserveCapacity(8) }
        slots.append(Slot(effect: number, group: group, action: action))
    }

    private static func sameKind(as effect: Effect, _ tags: [String]) -> Effect {
        if case .addTags = effect { .addTags(tags) } else { .removeTags(tags) }
    }
}
