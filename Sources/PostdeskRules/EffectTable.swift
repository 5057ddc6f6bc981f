/// The effects of a prepared set's actions, numbered: a pass adds effects by number and copies an ``Effect`` (its
/// strings and arrays) only for the few that survive, at the end.
///
/// Each action keeps its own effect, byte for byte; effects that are equal (Swift's `==`, under which "é" and
/// "e\u{301}" are the same) share a ``keys`` entry, so two notifications or replies are the same exactly when their
/// keys are, as the ledger compared them before it worked on numbers.
struct EffectTable: Sendable {
    /// By number: the effect of one action, as that action wrote it.
    private(set) var effects: [Effect] = []
    /// By number: equal effects have equal keys.
    private(set) var keys: [Int32] = []
    private var keyOf: [Effect: Int32] = [:]

    /// Adds `effect` (one action's) and returns its number.
    mutating func number(of effect: Effect) -> Int32 {
        let key: Int32
        if let known = keyOf[effect] {
            key = known
        } else {
            key = Int32(keyOf.count)
            keyOf[effect] = key
        }
        effects.append(effect)
        keys.append(key)
        return Int32(effects.count - 1)
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
