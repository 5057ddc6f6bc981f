/// A ``Condition`` made ready to run: words folded, patterns compiled, and each node's explanation path
/// (`any[1].text.contains_any`) spelled once, when the set is prepared, so a pass allocates no path text.
struct PreparedCondition: Sendable {
    /// Where this node sits in the rule's `if:`, e.g. `any[1].text.contains_any`.
    let path: String
    let test: Test

    indirect enum Test: Sendable {
        case all([PreparedCondition])
        case any([PreparedCondition])
        case not(PreparedCondition)
        case equals(RuleField, FoldedWord)
        case containsAny(RuleField, [FoldedWord])
        case matches(RuleField, RulePattern)
        case isIn(RuleField, [FoldedWord])
        case isSet(RuleField, Bool)
        case withinBusinessHours(Bool)
        case hasTag(FoldedWord)
    }

    /// Prepares `condition` found at `prefix`; throws the first pattern that breaks the limits or does not compile.
    init(_ condition: Condition, prefix: String = "") throws(RulePattern.Problem) {
        switch condition {
        case .all(let children):
            path = prefix + "all"
            test = .all(try Self.prepare(children, prefix: path))
        case .any(let children):
            path = prefix + "any"
            test = .any(try Self.prepare(children, prefix: path))
        case .not(let child):
            let child = try PreparedCondition(child, prefix: prefix + "not.")
            path = child.path
            test = .not(child)
        case .field(let field, let fieldTest):
            path = prefix + field.rawValue + "." + fieldTest.yamlName
            switch fieldTest {
            case .equals(let word): test = .equals(field, FoldedWord(word))
            case .containsAny(let words): test = .containsAny(field, words.map(FoldedWord.init))
            case .matches(let pattern): test = .matches(field, try RulePattern(pattern))
            case .isIn(let words): test = .isIn(field, words.map(FoldedWord.init))
            case .isSet(let wanted): test = .isSet(field, wanted)
            }
        case .withinBusinessHours(let wanted):
            path = prefix + "within_business_hours"
            test = .withinBusinessHours(wanted)
        case .hasTag(let tag):
            path = prefix + "has_tag"
            test = .hasTag(FoldedWord(tag))
        }
    }

    private static func prepare(
        _ children: [Condition], prefix: String
    ) throws(RulePattern.Problem) -> [PreparedCondition] {
        var prepared: [PreparedCondition] = []
        prepared.reserveCapacity(children.count)
        for (index, child) in children.enumerated() {
            prepared.append(try PreparedCondition(child, prefix: "\(prefix)[\(index)]."))
        }
        return prepared
    }

    /// The outcome of a subtree: its truth, the path of the node that decided it, and the rule's value that
    /// decided it.
    struct Decided {
        var result: Bool
        var path: String
        var value: String?
    }

    /// Evaluates the subtree against `facts`, short-circuiting like `&&` and `||`. A `not` is decided by its child
    /// (its path is the child's, under `not.`); an `all` that holds and an `any` that does not are decided by the
    /// node itself.
    func decide(_ facts: inout SnapshotFacts) -> Decided {
        switch test {
        case .all(let children):
            for child in children {
                let decided = child.decide(&facts)
                if !decided.result { return decided }
            }
            return Decided(result: true, path: path, value: nil)
        case .any(let children):
            for child in children {
                let decided = child.decide(&facts)
                if decided.result { return decided }
            }
            return Decided(result: false, path: path, value: nil)
        case .not(let child):
            var decided = child.decide(&facts)
            decided.result.toggle()
            return decided
        case .equals(let field, let word):
            let found = facts.folded(field).contains { $0 == word.folded }
            return Decided(result: found, path: path, value: found ? word.original : nil)
        case .containsAny(let field, let words):
            let values = facts.folded(field)
            let found = words.first { word in values.contains { TextFold.contains($0, word.folded) } }
            return Decided(result: found != nil, path: path, value: found?.original)
        case .matches(let field, let pattern):
            let found = field.values(in: facts.snapshot).contains(where: pattern.matches)
            return Decided(result: found, path: path, value: found ? pattern.source : nil)
        case .isIn(let field, let words):
            let values = facts.folded(field)
            let found = words.first { word in values.contains { $0 == word.folded } }
            return Decided(result: found != nil, path: path, value: found?.original)
        case .isSet(let field, let wanted):
            let isSet = !field.values(in: facts.snapshot).isEmpty
            return Decided(result: isSet == wanted, path: path, value: nil)
        case .withinBusinessHours(let wanted):
            let known = facts.snapshot.withinBusinessHours
            return Decided(
                result: known == wanted, path: path, value: known.map { $0 ? "within" : "outside" } ?? "unknown")
        case .hasTag(let tag):
            let found = facts.folded(.tags).contains { $0 == tag.folded }
            return Decided(result: found, path: path, value: found ? tag.original : nil)
        }
    }
}

/// A word of a rule, kept as written (for explanations) and folded (for comparing).
struct FoldedWord: Sendable {
    let original: String
    let folded: [UInt8]

    init(_ original: String) {
        self.original = original
        folded = TextFold.fold(original)
    }
}

/// The snapshot with each field folded at most once per pass, however many rules read it.
struct SnapshotFacts {
    let snapshot: RuleSnapshot
    private var cache: [[[UInt8]]?] = []

    init(_ snapshot: RuleSnapshot) {
        self.snapshot = snapshot
    }

    mutating func folded(_ field: RuleField) -> [[UInt8]] {
        if cache.isEmpty { cache = Array(repeating: nil, count: RuleField.allCases.count) }
        if let values = cache[field.slot] { return values }
        let values: [[UInt8]] =
            switch field.values(in: snapshot) {
            case .absent: []
            case .one(let value): [TextFold.fold(value)]
            case .many(let values): values.map(TextFold.fold)
            }
        cache[field.slot] = values
        return values
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
