/// The `contains_any` words of one field as an Aho–Corasick automaton over folded bytes: one scan of a value finds
/// every word of the set that occurs in it, instead of one search per word.
///
/// A pass scans a field the first time a rule asks about one of its words and remembers every answer
/// (``SnapshotFacts``). The automaton is a full DFA over byte classes (the bytes some word contains, one class each;
/// every other byte is class 0), so a step is two table reads.
struct WordAutomaton: Sendable {
    /// Byte → class.
    private let classOf: [UInt8]
    private let classCount: Int
    /// State × class → state; state 0 is the root. The top bit marks a state that ends some word, so a scan looks
    /// up outputs only there.
    private let next: [UInt16]
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
        guard stateCount < 0x8000, stateCount * classCount <= Self.maxTableSize else { return nil }
        // Breadth first: a state's failure target is shallower, so its transitions and outputs are complete.
        var next = [UInt16](repeating: 0, count: stateCount * classCount)
        var failure = [Int](repeating: 0, count: stateCount)
        var outputs = ends
        var queue: [Int] = []
        for symbol in 0..<classCount {
            if let target = goto[0][UInt8(symbol)] {
                next[symbol] = UInt16(target)
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
                    next[state * classCount + symbol] = UInt16(target)
                    queue.append(target)
                } else {
                    next[state * classCount + symbol] = next[failure[state] * classCount + symbol]
                }
            }
        }
        // Flag the transitions into states that end a word.
        for index in next.indices where !outputs[Int(next[index])].isEmpty { next[index] |= 0x8000 }
        var outputStart: [Int32] = []
        var outputWords: [Int32] = []
        for list in outputs {
            outputStart.append(Int32(outputWords.count))
            outputWords += list
        }
        outputStart.append(Int32(outputWords.count))
        self.classOf = classOf
        self.classCount = classCount
        self.next = next
        self.outputStart = outputStart
        self.outputWords = outputWords
        self.words = words.map { Int32($0.id) }
        emptyWords = empty
    }

    /// Calls `found` with the id of every word that occurs in `text` (a word may be reported more than once).
    func scan(_ text: UnsafeBufferPointer<UInt8>, found: (Int32) -> Void) {
        classOf.withUnsafeBufferPointer { classOf in
            next.withUnsafeBufferPointer { next in
                outputStart.withUnsafeBufferPointer { outputStart in
                    var state = 0
                    for byte in text {
                        let target = Int(next[state * classCount + Int(classOf[Int(byte)])])
                        state = target & 0x7FFF
                        if target & 0x8000 != 0 {
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
