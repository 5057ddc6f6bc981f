/// Conditions made ready to run, several in one program: flattened into arrays in pre-order, words folded into one
/// byte array, patterns compiled, and each node's explanation path (`any[1].text.contains_any`) spelled once, when
/// the set is prepared.
///
/// A rule set keeps all its rules' conditions in one program, so that a pass reads a few dense arrays of plain
/// values instead of following a reference per rule and per array (those loads, cache misses and reference counts
/// were the larger part of a pass). A condition is named by its root node; a pass walks the arrays through
/// ``Pass`` and answers with indexes relative to that root (``Decided``): which node decided and which of its words
/// or values did. ``decision(_:root:nodeCount:)`` turns those indexes back into the path and the rule's own value
/// when someone asks for the explanation, which may be months later.
struct ConditionProgram: Sendable {
    /// The nodes of every condition in pre-order: a root is followed by its subtree.
    private var nodes: [Node] = []
    /// Where each node sits in its condition's `if:`, e.g. `any[1].text.contains_any`; a `not` has its child's path.
    private var paths: [String] = []
    /// The children of `all` and `any` nodes, as node indexes (each node names a range of this array).
    private var children: [Int32] = []
    /// The words of `equals`, `contains_any`, `in` and `has_tag` nodes (each node names a range of this array).
    private var words: [Word] = []
    /// Each word as the rule wrote it, by position in ``words``, for explanations.
    private var originals: [String] = []
    /// The folded bytes of every word, back to back (each ``Word`` names a range).
    private var wordBytes: [UInt8] = []
    private var patterns: [PreparedPattern] = []

    /// One node: what it tests and where its operands are.
    struct Node: Sendable {
        var test: Test
        var field: RuleField
        /// `all`/`any`: a range of ``children``; `not`: the child node; word tests: a range of ``words``;
        /// `matches`: an index of ``patterns``; `is_set`, `within_business_hours`: 1 for true, 0 for false.
        var start: Int32
        var end: Int32
    }

    enum Test: UInt8, Sendable {
        case all, any, not, equals, containsAny, matches, isIn, isSet, withinBusinessHours, hasTag
    }

    /// A folded word of a rule, as plain values: its bytes are a range of ``wordBytes``.
    struct Word: Sendable {
        /// The same for the same folded word throughout a set (``PreparationIDs``).
        var id: Int32
        var start: Int32
        var end: Int32
        /// ``TextFold/hash(_:)`` of the bytes.
        var hash: UInt64
    }

    /// The outcome of a condition, as indexes: its truth, the node that decided it (counted from the condition's
    /// root), and which of that node's words (or, for `within_business_hours`, which answer: 0 within, 1 outside,
    /// 2 unknown) decided it; -1 for none.
    struct Decided: Hashable, Sendable {
        var result: Bool
        var node: Int32
        var value: Int32

        /// A rule without `if:`.
        static let always = Decided(result: true, node: 0, value: -1)
    }

    /// How many nodes the program holds: the next condition added starts here.
    var nodeCount: Int32 { Int32(nodes.count) }

    /// Appends `condition` and returns its root; throws the first pattern that breaks the limits or does not compile.
    /// - Parameter ids: the set's patterns and words so far, so that one several rules use is looked for once per
    ///   pass (``SnapshotFacts``); new ones are added.
    mutating func add(_ condition: Condition, ids: inout PreparationIDs) throws(RulePattern.Problem) -> Int32 {
        try add(condition, prefix: "", ids: &ids)
    }

    /// Appends `condition`'s subtree found at `prefix` and returns its root's index.
    private mutating func add(
        _ condition: Condition, prefix: String, ids: inout PreparationIDs
    ) throws(RulePattern.Problem) -> Int32 {
        let index = Int32(nodes.count)
        // A placeholder, so the node precedes its subtree; filled in below.
        nodes.append(Node(test: .all, field: .subject, start: 0, end: 0))
        paths.append("")
        let path: String
        let node: Node
        switch condition {
        case .all(let members), .any(let members):
            let isAll = if case .all = condition { true } else { false }
            path = prefix + (isAll ? "all" : "any")
            var indexes: [Int32] = []
            for (position, member) in members.enumerated() {
                indexes.append(try add(member, prefix: "\(path)[\(position)].", ids: &ids))
            }
            let start = Int32(children.count)
            children += indexes
            node = Node(test: isAll ? .all : .any, field: .subject, start: start, end: Int32(children.count))
        case .not(let child):
            let childIndex = try add(child, prefix: prefix + "not.", ids: &ids)
            path = paths[Int(childIndex)]
            node = Node(test: .not, field: .subject, start: childIndex, end: childIndex)
        case .field(let field, let fieldTest):
            path = prefix + field.rawValue + "." + fieldTest.yamlName
            switch fieldTest {
            case .equals(let word): node = addWords([word], test: .equals, field: field, ids: &ids)
            case .containsAny(let list): node = addWords(list, test: .containsAny, field: field, ids: &ids)
            case .isIn(let list): node = addWords(list, test: .isIn, field: field, ids: &ids)
            case .matches(let pattern):
                patterns.append(PreparedPattern(try RulePattern(pattern), id: ids.pattern(pattern)))
                let at = Int32(patterns.count - 1)
                node = Node(test: .matches, field: field, start: at, end: at + 1)
            case .isSet(let wanted):
                node = Node(test: .isSet, field: field, start: wanted ? 1 : 0, end: 0)
            }
        case .withinBusinessHours(let wanted):
            path = prefix + "within_business_hours"
            node = Node(test: .withinBusinessHours, field: .subject, start: wanted ? 1 : 0, end: 0)
        case .hasTag(let tag):
            path = prefix + "has_tag"
            node = addWords([tag], test: .hasTag, field: .tags, ids: &ids)
        }
        nodes[Int(index)] = node
        paths[Int(index)] = path
        return index
    }

    private mutating func addWords(
        _ list: [String], test: Test, field: RuleField, ids: inout PreparationIDs
    ) -> Node {
        let start = Int32(words.count)
        for word in list {
            let folded = TextFold.fold(word)
            let id = ids.word(folded)
            if test == .containsAny { ids.contained(id, in: field) }
            let bytesStart = Int32(wordBytes.count)
            wordBytes += folded
            words.append(
                Word(
                    id: Int32(id), start: bytesStart, end: Int32(wordBytes.count),
                    hash: folded.withUnsafeBufferPointer(TextFold.hash)))
            originals.append(word)
        }
        return Node(test: test, field: field, start: start, end: Int32(words.count))
    }

    /// Runs `body` with the program's arrays as buffers, for one pass over any number of its conditions.
    func withPass<Result>(_ body: (Pass) -> Result) -> Result {
        nodes.withUnsafeBufferPointer { nodes in
            children.withUnsafeBufferPointer { children in
                words.withUnsafeBufferPointer { words in
                    wordBytes.withUnsafeBufferPointer { wordBytes in
                        patterns.withUnsafeBufferPointer { patterns in
                            body(
                                Pass(
                                    nodes: nodes, children: children, words: words, wordBytes: wordBytes,
                                    patterns: patterns))
                        }
                    }
                }
            }
        }
    }

    /// The program's arrays during a pass: plain buffers, so the walk neither retains nor checks ownership.
    struct Pass {
        let nodes: UnsafeBufferPointer<Node>
        let children: UnsafeBufferPointer<Int32>
        let words: UnsafeBufferPointer<Word>
        let wordBytes: UnsafeBufferPointer<UInt8>
        let patterns: UnsafeBufferPointer<PreparedPattern>

        /// Evaluates the condition at `root` against `facts`, short-circuiting like `&&` and `||`.
        func decide(_ root: Int32, _ facts: inout SnapshotFacts) -> Decided {
            var decided = decide(node: root, &facts)
            decided.node -= root
            return decided
        }

        /// Evaluates the subtree at `index`. A `not` is decided by its child (its path is the child's, under
        /// `not.`); an `all` that holds and an `any` that does not are decided by the node itself.
        private func decide(node index: Int32, _ facts: inout SnapshotFacts) -> Decided {
            let node = nodes[Int(index)]
            switch node.test {
            case .all, .any:
                let wanted = node.test == .any
                for position in node.start..<node.end {
                    let decided = decide(node: children[Int(position)], &facts)
                    if decided.result == wanted { return decided }
                }
                return Decided(result: !wanted, node: index, value: -1)
            case .not:
                var decided = decide(node: node.start, &facts)
                decided.result.toggle()
                return decided
            case .equals, .isIn, .hasTag:
                let candidates = UnsafeBufferPointer(rebasing: words[Int(node.start)..<Int(node.end)])
                guard let found = facts.firstEqual(candidates, bytes: wordBytes, in: node.field) else {
                    return Decided(result: false, node: index, value: -1)
                }
                return Decided(result: true, node: index, value: Int32(found))
            case .containsAny:
                for position in node.start..<node.end {
                    let word = words[Int(position)]
                    let found =
                        facts.known(word: Int(word.id), in: node.field)
                        ?? facts.lookFor(
                            UnsafeBufferPointer(rebasing: wordBytes[Int(word.start)..<Int(word.end)]),
                            id: Int(word.id), in: node.field)
                    if found { return Decided(result: true, node: index, value: position - node.start) }
                }
                return Decided(result: false, node: index, value: -1)
            case .matches:
                // value 0: found; 1: not found because a search gave up at the time limit.
                let found = patterns[Int(node.start)].matches(node.field, in: &facts)
                return Decided(
                    result: found == true, node: index, value: found == true ? 0 : found == nil ? 1 : -1)
            case .isSet:
                let isSet = !node.field.values(in: facts.snapshot).isEmpty
                return Decided(result: isSet == (node.start == 1), node: index, value: -1)
            case .withinBusinessHours:
                let known = facts.snapshot.withinBusinessHours
                return Decided(
                    result: known == (node.start == 1), node: index, value: known.map { $0 ? 0 : 1 } ?? 2)
            }
        }
    }

    /// Evaluates the condition at `root` alone (a pass over many conditions uses ``withPass(_:)`` once).
    func decide(_ root: Int32, _ facts: inout SnapshotFacts) -> Decided {
        withPass { $0.decide(root, &facts) }
    }

    /// Spells a decision of the condition at `root` (of `nodeCount` nodes) out: the deciding node's path and the
    /// rule's value that decided it (never the mail's). Indexes that do not fit that condition give nil (a stored
    /// record read against the wrong set).
    func decision(_ decided: Decided, root: Int32, nodeCount: Int32) -> ConditionDecision? {
        guard decided.node >= 0, decided.node < nodeCount else { return nil }
        let at = Int(root + decided.node)
        let node = nodes[at]
        var value: String? = nil
        if decided.value >= 0 {
            switch node.test {
            case .equals, .isIn, .hasTag, .containsAny:
                let position = Int(node.start) + Int(decided.value)
                guard position < Int(node.end) else { return nil }
                value = originals[position]
            case .matches:
                let source = patterns[Int(node.start)].pattern.source
                value = decided.value == 1 ? "\(source) (gave up at the time limit)" : source
            case .withinBusinessHours:
                guard decided.value <= 2 else { return nil }
                value = ["within", "outside", "unknown"][Int(decided.value)]
            case .all, .any, .not, .isSet:
                return nil
            }
        }
        return ConditionDecision(path: paths[at], value: value, result: decided.result)
    }
}
