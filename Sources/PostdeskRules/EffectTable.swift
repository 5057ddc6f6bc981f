/// Every distinct effect of a prepared set, once, numbered: a pass adds effects by number and copies an ``Effect``
/// (its strings and arrays) only for the few that survive, at the end.
///
/// Equal effects get the same number, so two notifications or replies are the same exactly when their numbers are.
struct EffectTable: Sendable {
    private(set) var effects: [Effect] = []
    private var numbers: [Effect: Int32] = [:]

    /// The number of `effect`, added when it is new.
    mutating func number(of effect: Effect) -> Int32 {
        if let number = numbers[effect] { return number }
        let number = Int32(effects.count)
        effects.append(effect)
        numbers[effect] = number
        return number
    }
}

/// An effect of a rule's action as a pass adds it: plain values, read from one array for the whole set.
struct RuleEffect: Sendable {
    /// In the set's ``EffectTable``.
    var effect: Int32
    /// The action's position in its rule.
    var action: Int32
    /// ``Effect/conflictGroup``.
    var group: UInt8
}

extension Effect {
    /// Effects that may conflict share a group: each single-valued kind, notifications, replies, and tags (added or
    /// removed); every note is its own.
    var conflictGroup: UInt8 {
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
