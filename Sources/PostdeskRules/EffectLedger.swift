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
    /// The effects added, each with its action and ``Effect/conflictGroup``, in three parallel arrays: the search
    /// for conflicts reads only the groups, never copying an effect.
    private var slotEffects: [Effect?] = []
    private var slotActions: [ActionRef] = []
    private var slotGroups: [UInt8] = []
    /// Every resolution, in order; nil unless the ledger was made to explain.
    private(set) var notes: [Note]?

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
    var effects: [Effect] { slotEffects.compactMap { $0 } }

    mutating func add(_ effect: Effect, from action: ActionRef) {
        let group = effect.conflictGroup
        // Most effects meet nothing they conflict with: compare the group first, the values only within it, and
        // copy an earlier effect only to write it into an explanation.
        switch group {
        case 0...3:
            // set_team, set_priority, set_status, assign: a group holds one kind, so the later replaces.
            for index in slotGroups.indices where slotGroups[index] == group && slotEffects[index] != nil {
                if notes != nil, let earlier = slotEffects[index] {
                    let earlierRef = slotActions[index]
                    notes?.append(.overridden(earlierRef, byRule: action.rule, remaining: nil))
                    notes?.append(.overrides(action, effect: earlier, rule: earlierRef.rule))
                }
                slotEffects[index] = nil
            }
        case 4, 5:
            // notify, reply: the same one twice is kept once.
            for index in slotGroups.indices where slotGroups[index] == group && slotEffects[index] == effect {
                notes?.append(.duplicate(action, ofRule: slotActions[index].rule))
                return
            }
        case 6:
            for index in slotGroups.indices where slotGroups[index] == group {
                guard let earlier = slotEffects[index] else { continue }
                let earlierRef = slotActions[index]
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
                    slotEffects[index] = remaining
                default:
                    continue
                }
            }
        default:
            // add_note always adds.
            break
        }
        if slotEffects.isEmpty {
            slotEffects.reserveCapacity(8)
            slotActions.reserveCapacity(8)
            slotGroups.reserveCapacity(8)
        }
        slotEffects.append(effect)
        slotActions.append(action)
        slotGroups.append(group)
    }

    private static func sameKind(as effect: Effect, _ tags: [String]) -> Effect {
        if case .addTags = effect { .addTags(tags) } else { .removeTags(tags) }
    }
}

extension Effect {
    /// Effects that may conflict share a group: each single-valued kind, notifications, replies, and tags (added or
    /// removed); every note is its own.
    fileprivate var conflictGroup: UInt8 {
        switch self {
        case .setTeam: 0
        case .setPriority: 1
        case .setStatus: 2
        case .assign: 3
        case .notify: 4
        case .reply: 5
        case .addTags, .removeTags: 6
        case .addNote: 7
        }
    }
}
