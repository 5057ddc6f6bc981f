/// The `contains_any` words of one field as an Aho–Corasick automaton over folded bytes: one scan of a value finds
/// every word of the set that occurs in it, instead of one search per word.
///
/// A pass scans a field the first time a rule asks about one of its words and remembers every answer
/// (``SnapshotFacts``). The automaton is a full DFA over byte classes (the bytes some word contains, one class each;
/// every other byte is class 0), so a step is two table reads.
///
/// A step's cost is the latency of those reads, one byte after another, so the table holds each target state
/// already multiplied by the class count (the row it starts), in 16 bits when the table is small enough (it then
/// stays in the first-level cache): a step is a load of the byte's class, an add and a load.
struct WordAutomaton: Sendable {
    /// Byte → class.
    private let classOf: [UInt8]
    private let classCount: Int
    /// Row start × class → row start of the target state; state 0 (row 0) is the root. The top bit marks a state
    /// that ends some word, so a scan looks up outputs only there. ``Table/narrow`` when every row start and the
    /// flag fit 16 bits.
    private let next: Table
    private enum Table: Sendable {
        case narrow([UInt16])
        case wide([UInt32])
    }
    /// Per state, the range of ``outputWords`` it ends: the words ending there, and through its failure links.
    private let outputStart: [Int32]
    private let outputWords: [Int32]
    /// Every word id of the field, so those not found can be marked.
    let words: [Int32]
    /// Words that fold to nothing: found in every value, as ``TextFold/contains(_:_:)`` says.
    let emptyWords: [Int32]

    /// More transitions than this and the set searches word by word instead (memory, not time, is the limit).
    static let maxTableSize = 4_000_000

    /// Builds the automaton for `words` (folded bytes and id); nil when it would be too large.
    init?(_ words: [(bytes: [UInt8], id: Int)]) {
        var classOf = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for word in words {
            for byte in word.bytes where classOf[Int(byte)] == 0 {
                guard classCount < 256 else { return nil }
                classOf[Int(byte)] = UInt8(classCount)
                classCount += 1
            }
        }
        // The trie, with a sparse goto per state while it is built.
        var goto: [[UInt8: Int]] = [[:]]
        var ends: [[Int32]] = [[]]
        var empty: [Int32] = []
        for word in words {
            guard !word.bytes.isEmpty else {
                empty.append(Int32(word.id))
                continue
            }
            var state = 0
            for byte in word.bytes {
                let symbol = classOf[Int(byte)]
                if let target = goto[state][symbol] {
                    state = target
                } else {
                    goto.append([:])
                    ends.append([])
                    goto[state][symbol] = goto.count - 1
                    state = goto.count - 1
                }
            }
            ends[state].append(Int32(word.id))
        }
        let stateCount = goto.count
        guard stateCount * classCount <= Self.maxTableSize else { return nil }
        // Breadth first: a state's failure target is shallower, so its transitions and outputs are complete.
        var next = [Int32](repeating: 0, count: stateCount * classCount)
        var failure = [Int](repeating: 0, count: stateCount)
        var outputs = ends
        var queue: [Int] = []
        for symbol in 0..<classCount {
            if let target = goto[0][UInt8(symbol)] {
                next[symbol] = Int32(target)
                queue.append(target)
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            outputs[state] += outputs[failure[state]]
            for symbol in 0..<classCount {
                if let target = goto[state][UInt8(symbol)] {
                    failure[target] = Int(next[failure[state] * classCount + symbol])
                    next[state * classCount + symbol] = Int32(target)
                    queue.append(target)
                } else {
                    next[state * classCount + symbol] = next[failure[state] * classCount + symbol]
                }
            }
        }
        // Flag the transitions into states that end a word.
        let narrow = stateCount * classCount < 0x8000
        let flag: UInt32 = narrow ? 0x8000 : 0x8000_0000
        let rows = next.map { target in
            UInt32(target) * UInt32(classCount) | (outputs[Int(target)].isEmpty ? 0 : flag)
        }
        var outputStart: [Int32] = []
        var outputWords: [Int32] = []
        for list in outputs {
            outputStart.append(Int32(outputWords.count))
            outputWords += list
        }
        outputStart.append(Int32(outputWords.count))
        self.classOf = classOf
        self.classCount = classCount
        self.next = narrow ? .narrow(rows.map { UInt16($0) }) : .wide(rows)
        self.outputStart = outputStart
        self.outputWords = outputWords
        self.words = words.map { Int32($0.id) }
        emptyWords = empty
    }

    /// Calls `found` with the id of every word that occurs in `text` (a word may be reported more than once).
    func scan(_ text: UnsafeBufferPointer<UInt8>, found: (Int32) -> Void) {
        switch next {
        case .narrow(let table): scan(text, table, flag: 0x8000, found: found)
        case .wide(let table): scan(text, table, flag: 0x8000_0000, found: found)
        }
    }

    private func scan<Entry: FixedWidthInteger>(
        _ text: UnsafeBufferPointer<UInt8>, _ table: [Entry], flag: Entry, found: (Int32) -> Void
    ) {
        let classCount = classCount
        classOf.withUnsafeBufferPointer { classOf in
            table.withUnsafeBufferPointer { next in
                outputStart.withUnsafeBufferPointer { outputStart in
                    outputWords.withUnsafeBufferPointer { outputWords in
                        var row = 0
                        for byte in text {
                            let target = next[row &+ Int(classOf[Int(byte)])]
                            row = Int(target & ~flag)
                            if target & flag != 0 {
                                let state = row / classCount
                                for index in Int(outputStart[state])..<Int(outputStart[state + 1]) {
                                    found(outputWords[index])
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
