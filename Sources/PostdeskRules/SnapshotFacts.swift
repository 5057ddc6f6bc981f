/// The snapshot with each field folded at most once per pass, however many rules read it.
struct SnapshotFacts {
    let snapshot: RuleSnapshot
    private var cache: [Folded?] = []

    /// A field's values folded (``TextFold``), and whether every value was simple (``TextFold/foldNoting(_:)``).
    struct Folded {
        var values: [[UInt8]]
        var simple: Bool
    }

    init(_ snapshot: RuleSnapshot) {
        self.snapshot = snapshot
    }

    mutating func folded(_ field: RuleField) -> Folded {
        if cache.isEmpty { cache = Array(repeating: nil, count: RuleField.allCases.count) }
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
