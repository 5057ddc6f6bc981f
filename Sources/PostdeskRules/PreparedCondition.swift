/// A ``Condition`` made ready to run: words folded and patterns compiled once, when the set is prepared.
indirect enum PreparedCondition: Sendable {
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

    /// Prepares `condition`; throws the first pattern that breaks the limits or does not compile.
    init(_ condition: Condition) throws(RulePattern.Problem) {
        switch condition {
        case .all(let children): self = .all(try Self.prepare(children))
        case .any(let children): self = .any(try Self.prepare(children))
        case .not(let child): self = .not(try PreparedCondition(child))
        case .field(let field, .equals(let word)): self = .equals(field, FoldedWord(word))
        case .field(let field, .containsAny(let words)): self = .containsAny(field, words.map(FoldedWord.init))
        case .field(let field, .matches(let pattern)): self = .matches(field, try RulePattern(pattern))
        case .field(let field, .isIn(let words)): self = .isIn(field, words.map(FoldedWord.init))
        case .field(let field, .isSet(let wanted)): self = .isSet(field, wanted)
        case .withinBusinessHours(let wanted): self = .withinBusinessHours(wanted)
        case .hasTag(let tag): self = .hasTag(FoldedWord(tag))
        }
    }

    private static func prepare(_ children: [Condition]) throws(RulePattern.Problem) -> [PreparedCondition] {
        var prepared: [PreparedCondition] = []
        prepared.reserveCapacity(children.count)
        for child in children { prepared.append(try PreparedCondition(child)) }
        return prepared
    }

    /// The outcome of a subtree: its truth, the child indices down to the node that decided it (innermost first,
    /// so that only the deciding chain allocates), and the rule's value that decided it.
    struct Decided {
        var result: Bool
        var steps: [Int]
        var value: String?
    }

    /// Evaluates the subtree against `facts`, short-circuiting like `&&` and `||`.
    func decide(_ facts: inout SnapshotFacts) -> Decided {
        switch self {
        case .all(let children):
            for (index, child) in children.enumerated() {
                var decided = child.decide(&facts)
                if !decided.result {
                    decided.steps.append(index)
                    return decided
                }
            }
            return Decided(result: true, steps: [], value: nil)
        case .any(let children):
            for (index, child) in children.enumerated() {
                var decided = child.decide(&facts)
                if decided.result {
                    decided.steps.append(index)
                    return decided
                }
            }
            return Decided(result: false, steps: [], value: nil)
        case .not(let child):
            var decided = child.decide(&facts)
            decided.result.toggle()
            return decided
        case .equals(let field, let word):
            let found = facts.folded(field).contains { $0 == word.folded }
            return Decided(result: found, steps: [], value: found ? word.original : nil)
        case .containsAny(let field, let words):
            let values = facts.folded(field)
            let found = words.first { word in values.contains { TextFold.contains($0, word.folded) } }
            return Decided(result: found != nil, steps: [], value: found?.original)
        case .matches(let field, let pattern):
            let found = field.values(in: facts.snapshot).contains(where: pattern.matches)
            return Decided(result: found, steps: [], value: found ? pattern.source : nil)
        case .isIn(let field, let words):
            let values = facts.folded(field)
            let found = words.first { word in values.contains { $0 == word.folded } }
            return Decided(result: found != nil, steps: [], value: found?.original)
        case .isSet(let field, let wanted):
            let isSet = !field.values(in: facts.snapshot).isEmpty
            return Decided(result: isSet == wanted, steps: [], value: nil)
        case .withinBusinessHours(let wanted):
            let known = facts.snapshot.withinBusinessHours
            return Decided(
                result: known == wanted, steps: [], value: known.map { $0 ? "within" : "outside" } ?? "unknown")
        case .hasTag(let tag):
            let found = facts.folded(.tags).contains { $0 == tag.folded }
            return Decided(result: found, steps: [], value: found ? tag.original : nil)
        }
    }

    /// The path of the deciding node, e.g. `any[1].text.contains_any`, following `steps` (outermost first).
    func path(_ steps: inout ArraySlice<Int>) -> String {
        switch self {
        case .all(let children), .any(let children):
            let word = if case .all = self { "all" } else { "any" }
            guard let index = steps.popFirst(), children.indices.contains(index) else { return word }
            return "\(word)[\(index)].\(children[index].path(&steps))"
        case .not(let child): return "not.\(child.path(&steps))"
        case .equals(let field, _): return "\(field.rawValue).equals"
        case .containsAny(let field, _): return "\(field.rawValue).contains_any"
        case .matches(let field, _): return "\(field.rawValue).matches"
        case .isIn(let field, _): return "\(field.rawValue).in"
        case .isSet(let field, _): return "\(field.rawValue).is_set"
        case .withinBusinessHours: return "within_business_hours"
        case .hasTag: return "has_tag"
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
