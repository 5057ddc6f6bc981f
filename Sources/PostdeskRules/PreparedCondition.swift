/// A ``Condition`` made ready to run: flattened into arrays in pre-order, words folded, patterns compiled, and each
/// node's explanation path (`any[1].text.contains_any`) spelled once, when the set is prepared.
///
/// A pass walks the arrays by index and answers with indexes (``Decided``): which node decided and which of its words
/// or values did. It allocates nothing and copies no text; ``decision(_:)`` turns those indexes back into the
/// path and the rule's own value when someone asks for the explanation, which may be months later. A class, so that a
/// pass holds one reference per rule rather than copying five arrays.
final class PreparedCondition: Sendable {
    /// The nodes in pre-order: `nodes[0]` is the root, a node's subtree follows it.
    let nodes: [Node]
    /// Where each node sits in the rule's `if:`, e.g. `any[1].text.contains_any`; a `not` has its child's path.
    let paths: [String]
    /// The children of `all` and `any` nodes, as node indexes (each node names a range of this array).
    private let children: [Int32]
    /// The words of `equals`, `contains_any`, `in` and `has_tag` nodes (each node names a range of this array).
    private let words: [FoldedWord]
    private let patterns: [PreparedPattern]

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

    /// Prepares `condition`; throws the first pattern that breaks the limits or does not compile.
    /// - Parameter ids: the set's patterns and words so far, so that one several rules use is looked for once per
    ///   pass (``SnapshotFacts``); new ones are added.
    init(_ condition: Condition, ids: inout PreparationIDs) throws(RulePattern.Problem) {
        var builder = Builder()
        _ = try builder.add(condition, prefix: "", ids: &ids)
        nodes = builder.nodes
        paths = builder.paths
        children = builder.children
        words = builder.words
        patterns = builder.patterns
    }

    /// The arrays as they fill up, node by node.
    private struct Builder {
        var nodes: [Node] = []
        var paths: [String] = []
        var children: [Int32] = []
        var words: [FoldedWord] = []
        var patterns: [PreparedPattern] = []

        /// Appends `condition`'s subtree found at `prefix` and returns its root's index.
        mutating func add(
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
                let folded = FoldedWord(word, ids: &ids)
                if test == .containsAny { ids.contained(folded.id, in: field) }
                words.append(folded)
            }
            return Node(test: test, field: field, start: start, end: Int32(words.count))
        }
    }

    /// The outcome of a subtree, as indexes: its truth, the node that decided it, and which of that node's words
    /// (or, for `within_business_hours`, which answer: 0 within, 1 outside, 2 unknown) decided it; -1 for none.
    struct Decided: Hashable, Sendable {
        var result: Bool
        var node: Int32
        var value: Int32
    }

    /// Evaluates the tree against `facts`, short-circuiting like `&&` and `||`.
    func decide(_ facts: inout SnapshotFacts) -> Decided {
        // The walk reads the arrays through buffers: a pass visits every listening rule's nodes.
        nodes.withUnsafeBufferPointer { nodes in
            children.withUnsafeBufferPointer { children in
                decide(0, nodes, children, &facts)
            }
        }
    }

    /// Evaluates the subtree at `index`. A `not` is decided by its child (its path is the child's, under `not.`);
    /// an `all` that holds and an `any` that does not are decided by the node itself.
    private func decide(
        _ index: Int32, _ nodes: UnsafeBufferPointer<Node>, _ children: UnsafeBufferPointer<Int32>,
        _ facts: inout SnapshotFacts
    ) -> Decided {
        let node = nodes[Int(index)]
        switch node.test {
        case .all, .any:
            let wanted = node.test == .any
            for position in node.start..<node.end {
                let decided = decide(children[Int(position)], nodes, children, &facts)
                if decided.result == wanted { return decided }
            }
            return Decided(result: !wanted, node: index, value: -1)
        case .not:
            var decided = decide(node.start, nodes, children, &facts)
            decided.result.toggle()
            return decided
        case .equals, .isIn, .hasTag:
            let found = words.withUnsafeBufferPointer { words in
                facts.firstEqual(
                    UnsafeBufferPointer(rebasing: words[Int(node.start)..<Int(node.end)]), in: node.field)
            }
            guard let found else { return Decided(result: false, node: index, value: -1) }
            return Decided(result: true, node: index, value: Int32(found))
        case .containsAny:
            for position in node.start..<node.end {
                let word = Int(position)
                let found =
                    facts.known(word: words[word].id, in: node.field)
                    ?? facts.lookFor(words[word].folded, id: words[word].id, in: node.field)
                if found { return Decided(result: true, node: index, value: position - node.start) }
            }
            return Decided(result: false, node: index, value: -1)
        case .matches:
            // value 0: found; 1: not found because a search gave up at the time limit.
            let found = patterns[Int(node.start)].matches(node.field, in: &facts)
            return Decided(result: found == true, node: index, value: found == true ? 0 : found == nil ? 1 : -1)
        case .isSet:
            let isSet = !node.field.values(in: facts.snapshot).isEmpty
            return Decided(result: isSet == (node.start == 1), node: index, value: -1)
        case .withinBusinessHours:
            let known = facts.snapshot.withinBusinessHours
            return Decided(
                result: known == (node.start == 1), node: index, value: known.map { $0 ? 0 : 1 } ?? 2)
        }
    }

    /// Spells a decision out: the deciding node's path and the rule's value that decided it (never the mail's).
    /// Indexes that do not fit this condition give nil (a stored record read against the wrong set).
    func decision(_ decided: Decided) -> ConditionDecision? {
        guard nodes.indices.contains(Int(decided.node)) else { return nil }
        let node = nodes[Int(decided.node)]
        var value: String? = nil
        if decided.value >= 0 {
            switch node.test {
            case .equals, .isIn, .hasTag, .containsAny:
                let position = Int(node.start) + Int(decided.value)
                guard position < Int(node.end) else { return nil }
                value = words[position].original
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
        return ConditionDecision(path: paths[Int(decided.node)], value: value, result: decided.result)
    }
}

/// A word of a rule, kept as written (for explanations) and folded (for comparing).
struct FoldedWord: Sendable {
    let original: String
    let folded: [UInt8]
    /// The same for the same folded word throughout a set (``PreparationIDs``).
    let id: Int
    /// ``TextFold/hash(_:)`` of ``folded``.
    let hash: UInt64

    init(_ original: String, ids: inout PreparationIDs) {
        self.original = original
        folded = TextFold.fold(original)
        id = ids.word(folded)
        hash = folded.withUnsafeBufferPointer(TextFold.hash)
    }
}
