/// The snapshot with each field folded at most once per pass, and each pattern run at most once per field, however
/// many rules read them.
struct SnapshotFacts {
    let snapshot: RuleSnapshot
    private var cache: [Folded?] = []
    /// By pattern id and field: 0 not run yet, 1 not found, 2 found.
    private var patterns: [UInt8] = []
    private let patternCount: Int
    /// By word id and field, for `contains_any`: 0 not looked for yet, 1 not found, 2 found.
    private var words: [UInt8] = []
    private let wordCount: Int

    /// A field's values folded (``TextFold``), and whether every value was simple (``TextFold/foldNoting(_:)``).
    struct Folded {
        var values: [[UInt8]]
        var simple: Bool
    }

    init(_ snapshot: RuleSnapshot, patternCount: Int, wordCount: Int) {
        self.snapshot = snapshot
        self.patternCount = patternCount
        self.wordCount = wordCount
    }

    /// Whether word `id` occurs in some value of `field`, if it was looked for earlier in this pass.
    func known(word id: Int, in field: RuleField) -> Bool? {
        let slot = id * RuleField.slotCount + field.slot
        guard words.indices.contains(slot), words[slot] != 0 else { return nil }
        return words[slot] == 2
    }

    /// Whether the folded word `bytes` (number `id`) occurs in some value of `field`; remembered for the pass.
    mutating func lookFor(_ bytes: [UInt8], id: Int, in field: RuleField) -> Bool {
        if words.isEmpty { words = Array(repeating: 0, count: wordCount * RuleField.slotCount) }
        let slot = id * RuleField.slotCount + field.slot
        let found = folded(field).values.contains { TextFold.contains($0, bytes) }
        if words.indices.contains(slot) { words[slot] = found ? 2 : 1 }
        return found
    }

    /// What pattern `id` found in `field` earlier in this pass; nil if it has not run on it.
    func pattern(_ id: Int, on field: RuleField) -> Bool? {
        let slot = id * RuleField.slotCount + field.slot
        guard patterns.indices.contains(slot), patterns[slot] != 0 else { return nil }
        return patterns[slot] == 2
    }

    mutating func setPattern(_ id: Int, on field: RuleField, _ found: Bool) {
        if patterns.isEmpty { patterns = Array(repeating: 0, count: patternCount * RuleField.slotCount) }
        let slot = id * RuleField.slotCount + field.slot
        guard patterns.indices.contains(slot) else { return }
        patterns[slot] = found ? 2 : 1
    }

    mutating func folded(_ field: RuleField) -> Folded {
        if cache.isEmpty { cache = Array(repeating: nil, count: RuleField.slotCount) }
        if let folded = cache[field.slot] { return folded }
        var folded = Folded(values: [], simple: true)
        func add(_ value: String) {
            let (bytes, simple) = TextFold.foldNoting(value)
            folded.values.append(bytes)
            folded.simple = folded.simple && simple
        }
        switch field.values(in: snapshot) {
        case .absent: break
        case .one(let value): add(value)
        case .many(let values): values.forEach(add)
        }
        cache[field.slot] = folded
        return folded
    }
}

extension RuleField {
    /// How many slots ``slot`` numbers (the cases; `allCases` would build an array per call).
    static let slotCount = 10

    /// A dense index for per-pass caches.
    var slot: Int {
        switch self {
        case .subject: 0
        case .text: 1
        case .status: 2
        case .priority: 3
        case .team: 4
        case .tags: 5
        case .assignee: 6
        case .mailbox: 7
        case .customer: 8
        case .customerDomain: 9
        }
    }
}
