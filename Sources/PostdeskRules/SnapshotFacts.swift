#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The snapshot with each field folded at most once per pass, and each pattern run at most once per field, however
/// many rules read them.
///
/// A pass runs for every change on every ticket, so its state lives in a few flat buffers rather than an array per
/// value: the folded bytes of every field read so far back to back, the UTF-16 that patterns search likewise, and
/// one byte of state per word or pattern and field.
struct SnapshotFacts {
    let snapshot: RuleSnapshot
    /// The folded UTF-8 of every field folded so far (``TextFold``), value after value.
    private var foldedBytes: [UInt8] = []
    /// The UTF-16 of every field made searchable so far (``RulePattern/searchable(_:)``), value after value.
    private var searchableUnits: [UInt16] = []
    /// Where each value sits in ``foldedBytes`` or ``searchableUnits``.
    private var valueRanges: [Range<Int>] = []
    /// By value, as ``valueRanges``: ``TextFold/hash(_:)`` of its folded bytes, once ``hashed`` has its field.
    private var valueHashes: [UInt64] = []
    /// Per field slot: whether ``valueHashes`` holds its values' hashes.
    private var hashed: UInt16 = 0
    /// Per field slot, four numbers: the range of ``valueRanges`` holding its folded values (-1, -1 until folded),
    /// and the same for its searchable values.
    private var fieldIndex: [Int32]
    /// Per field slot: whether every folded value was simple (``TextFold/foldNoting(_:)``).
    private var simple: UInt16 = 0
    /// By word id and field, for `contains_any`, then by pattern id and field: 0 not looked for yet, 1 not found,
    /// 2 found, 3 (patterns) gave up at the time limit.
    private var states: [UInt8]
    private let wordSlots: Int
    private let tables: PassTables

    init(_ snapshot: RuleSnapshot, tables: PassTables) {
        self.snapshot = snapshot
        self.tables = tables
        wordSlots = tables.wordCount * RuleField.slotCount
        states = Array(repeating: 0, count: (tables.wordCount + tables.patternCount) * RuleField.slotCount)
        fieldIndex = Array(repeating: -1, count: 4 * RuleField.slotCount)
    }

    /// Whether word `id` occurs in some value of `field`, if it was looked for earlier in this pass.
    func known(word id: Int, in field: RuleField) -> Bool? {
        let slot = id * RuleField.slotCount + field.slot
        guard slot < wordSlots, states[slot] != 0 else { return nil }
        return states[slot] == 2
    }

    /// Whether the folded word `bytes` (number `id`) occurs in some value of `field`; remembered for the pass.
    mutating func lookFor(_ needle: UnsafeBufferPointer<UInt8>, id: Int, in field: RuleField) -> Bool {
        if let automaton = tables.automata[field.slot] {
            scan(field, with: automaton)
            if let known = known(word: id, in: field) { return known }
        }
        let found = anyFoldedValue(of: field) { TextFold.contains($0, needle) }
        let slot = id * RuleField.slotCount + field.slot
        if slot < wordSlots { states[slot] = found ? 2 : 1 }
        return found
    }

    /// Looks for every `contains_any` word of `field` in one scan of each value, and remembers each answer.
    private mutating func scan(_ field: RuleField, with automaton: WordAutomaton) {
        ensureFolded(field)
        let values = valueRange(field, searchable: false)
        let slot = field.slot
        let wordSlots = wordSlots
        foldedBytes.withUnsafeBufferPointer { bytes in
            valueRanges.withUnsafeBufferPointer { ranges in
                states.withUnsafeMutableBufferPointer { states in
                    for id in automaton.words where Int(id) * RuleField.slotCount + slot < wordSlots {
                        states[Int(id) * RuleField.slotCount + slot] = 1
                    }
                    func mark(_ id: Int32) {
                        let index = Int(id) * RuleField.slotCount + slot
                        if index < wordSlots { states[index] = 2 }
                    }
                    if !values.isEmpty { automaton.emptyWords.forEach(mark) }
                    for value in values {
                        automaton.scan(UnsafeBufferPointer(rebasing: bytes[ranges[value]]), found: mark)
                    }
                }
            }
        }
    }

    /// The index in `words` (whose bytes are ranges of `bytes`) of the first word that some value of `field`,
    /// folded, equals; nil for none.
    mutating func firstEqual(
        _ words: UnsafeBufferPointer<ConditionProgram.Word>, bytes wordBytes: UnsafeBufferPointer<UInt8>,
        in field: RuleField
    ) -> Int? {
        ensureFolded(field)
        let values = valueRange(field, searchable: false)
        if hashed & (1 << field.slot) == 0 {
            hashed |= 1 << field.slot
            for value in values {
                valueHashes[value] = foldedBytes.withUnsafeBufferPointer {
                    TextFold.hash(UnsafeBufferPointer(rebasing: $0[valueRanges[value]]))
                }
            }
        }
        // The hashes rule out nearly every pair; the bytes settle the rest.
        return valueHashes.withUnsafeBufferPointer { hashes in
            for index in words.indices {
                let word = words[index]
                for value in values where hashes[value] == word.hash {
                    let equal = foldedBytes.withUnsafeBufferPointer { bytes in
                        bytes[valueRanges[value]].elementsEqual(wordBytes[Int(word.start)..<Int(word.end)])
                    }
                    if equal { return index }
                }
            }
            return nil
        }
    }

    /// Whether `test` holds for some folded value of `field`.
    mutating func anyFoldedValue(of field: RuleField, _ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        ensureFolded(field)
        let values = valueRange(field, searchable: false)
        return foldedBytes.withUnsafeBufferPointer { bytes in
            valueRanges.withUnsafeBufferPointer { ranges in
                values.contains { test(UnsafeBufferPointer(rebasing: bytes[ranges[$0]])) }
            }
        }
    }

    /// Whether every value of `field` folded simply (``TextFold/foldNoting(_:)``).
    mutating func isSimple(_ field: RuleField) -> Bool {
        ensureFolded(field)
        return simple & (1 << field.slot) != 0
    }

    /// What pattern `id` found in `field` earlier in this pass (`.some(nil)`: it gave up); nil if it has not run.
    func pattern(_ id: Int, on field: RuleField) -> Bool?? {
        let slot = wordSlots + id * RuleField.slotCount + field.slot
        guard slot < states.count, states[slot] != 0 else { return nil }
        return states[slot] == 3 ? .some(nil) : states[slot] == 2
    }

    mutating func setPattern(_ id: Int, on field: RuleField, _ found: Bool?) {
        let slot = wordSlots + id * RuleField.slotCount + field.slot
        guard slot < states.count else { return }
        states[slot] = found.map { $0 ? 2 : 1 } ?? 3
    }

    /// The first value of `field`, as UTF-16 for a pattern search, for which `search` says true; `search` gives nil
    /// when it could not tell. Transcoded once per pass.
    mutating func searchSearchable(_ field: RuleField, _ search: (UnsafeBufferPointer<UInt16>) -> Bool?) -> Bool? {
        let base = 4 * field.slot + 2
        if fieldIndex[base] < 0 {
            let first = valueRanges.count
            func add(_ value: String) {
                let start = searchableUnits.count
                RulePattern.appendSearchable(value, to: &searchableUnits)
                valueRanges.append(start..<searchableUnits.count)
                valueHashes.append(0)
            }
            switch field.values(in: snapshot) {
            case .absent: break
            case .one(let value): add(value)
            case .many(let values): values.forEach(add)
            }
            fieldIndex[base] = Int32(first)
            fieldIndex[base + 1] = Int32(valueRanges.count)
        }
        let values = valueRange(field, searchable: true)
        var answer: Bool? = false
        searchableUnits.withUnsafeBufferPointer { units in
            for value in values {
                switch search(UnsafeBufferPointer(rebasing: units[valueRanges[value]])) {
                case true?:
                    answer = true
                    return
                case nil: answer = nil
                case false?: break
                }
            }
        }
        return answer
    }

    private func valueRange(_ field: RuleField, searchable: Bool) -> Range<Int> {
        let base = 4 * field.slot + (searchable ? 2 : 0)
        return Int(fieldIndex[base])..<Int(fieldIndex[base + 1])
    }

    /// Appends `value` folded as the next value; returns whether it was simple.
    private mutating func appendFolded(_ value: String) -> Bool {
        let start = foldedBytes.count
        let simple = TextFold.fold(value, appendingTo: &foldedBytes)
        valueRanges.append(start..<foldedBytes.count)
        valueHashes.append(0)
        return simple
    }

    /// Folds `field`'s values unless this pass already has.
    private mutating func ensureFolded(_ field: RuleField) {
        let base = 4 * field.slot
        guard fieldIndex[base] < 0 else { return }
        if foldedBytes.isEmpty {
            // Room for the usual fields at once: the subject, the text's head and the short ones.
            foldedBytes.reserveCapacity(
                snapshot.subject.utf8.count + min(snapshot.text?.utf8.count ?? 0, 1 << 16) + 256)
            valueRanges.reserveCapacity(16 + snapshot.tags.count)
            valueHashes.reserveCapacity(16 + snapshot.tags.count)
        }
        let first = valueRanges.count
        var allSimple = true
        // One value after another, without a closure: a closure over `self` is checked for exclusive access at
        // every call.
        switch field {
        case .tags:
            for tag in snapshot.tags { allSimple = appendFolded(tag) && allSimple }
        default:
            if let value = field.singleValue(in: snapshot) { allSimple = appendFolded(value) }
        }
        fieldIndex[base] = Int32(first)
        fieldIndex[base + 1] = Int32(valueRanges.count)
        if allSimple { simple |= 1 << field.slot }
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
