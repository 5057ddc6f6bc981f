/// A `matches:` pattern with the text every match must contain, so that most values are ruled out by a byte search
/// in the folded text a pass has anyway, before ICU (slow per call, above all on Linux) runs.
///
/// The shortcut is taken only when it cannot change an answer: the literal is a run of ASCII and basic Cyrillic
/// characters (U+0400–U+045F) at the top level of a pattern without a top-level `|`, outside any group, class or
/// quantified atom, folded like the text; and it is looked for only in simple values (ASCII, basic Cyrillic and caseless punctuation,
/// ``TextFold/foldNoting(_:)``), where a character matches case-insensitively only its own two cases and the fold
/// merges at most more (ё and е), never fewer. Anything else (a Kelvin sign, a long s, a `ß`) goes to ICU as before.
///
/// A pattern without such a literal that needs digits (`[0-9]` or `\d`, at the top level and not optional, as in
/// `[0-9]{16}`) is likewise skipped on a simple value without a run of that many ASCII digits: simple text has no
/// other digits.
struct PreparedPattern: Sendable {
    let pattern: RulePattern
    /// The same for the same source throughout a set, so a pass runs a pattern once per field (``SnapshotFacts``).
    let id: Int
    /// Folded text that every match contains; nil when no such text is certain.
    let literal: [UInt8]?
    /// How many ASCII digits in a row every match contains, 0 for none known (checked only when ``literal`` is nil).
    let digitRun: Int

    init(_ pattern: RulePattern, id: Int) {
        self.pattern = pattern
        self.id = id
        literal = Self.requiredLiteral(pattern.source)
        digitRun = literal == nil ? Self.requiredDigitRun(pattern.source) : 0
    }

    /// Whether the pattern occurs in some value of `field`; nil when it is not found and some search gave up at the
    /// time limit.
    func matches(_ field: RuleField, in facts: inout SnapshotFacts) -> Bool? {
        if let known = facts.pattern(id, on: field) { return known }
        var found: Bool? = true
        if let literal, facts.isSimple(field) {
            let present = literal.withUnsafeBufferPointer { literal in
                facts.anyFoldedValue(of: field) { TextFold.contains($0, literal) }
            }
            if !present { found = false }
        } else if digitRun > 0, facts.isSimple(field) {
            let run = digitRun
            if !facts.anyFoldedValue(of: field, { Self.hasDigits(run, in: $0) }) { found = false }
        }
        if found == true {
            found = facts.searchSearchable(field) { pattern.matches(searchable: $0) }
        }
        facts.setPattern(id, on: field, found)
        return found
    }

    /// Whether `bytes` holds `count` ASCII digits in a row: ``hasDigit(_:)`` rules most text out, a count settles
    /// the rest.
    static func hasDigits(_ count: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard hasDigit(bytes) else { return false }
        var run = 0
        for byte in bytes {
            run = byte &- 0x30 < 10 ? run + 1 : 0
            if run >= count { return true }
        }
        return false
    }

    /// Whether `bytes` holds an ASCII digit: eight bytes at a time, with the "has a byte between m and n" word
    /// trick (bytes of 0x80 and above never count), then the tail byte by byte.
    static func hasDigit(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let low = word & (ones &* 127)
            // A byte strictly between 0x2F and 0x3A, that is '0'...'9'.
            let between = ((ones &* (127 + 0x3A)) &- low) & ~word & (low &+ ones &* (127 - 0x2F)) & (ones &* 128)
            if between != 0 { return true }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] &- 0x30 < 10 { return true }
            index += 1
        }
        return false
    }

    /// How many digits in a row every match of `source` contains, 0 for none known: the longest repetition of a
    /// top-level `[0-9]` or `\d` (outside any group) that no quantifier makes optional (`{16}`, `{5,}` and `{3,8}`
    /// count their minimum, `+` and none count one), in a pattern without a top-level `|`.
    static func requiredDigitRun(_ source: String) -> Int {
        let scalars = Array(source.unicodeScalars)
        var depth = 0
        var index = 0
        var longest = 0
        while index < scalars.count {
            let scalar = scalars[index]
            var atomEnd: Int? = nil
            switch scalar {
            case "\\":
                guard index + 1 < scalars.count else { return 0 }
                if scalars[index + 1] == "d", depth == 0 { atomEnd = index + 2 }
                index += 2
            case "[":
                let digits = Array("[0-9]".unicodeScalars)
                if depth == 0, index + digits.count <= scalars.count,
                    Array(scalars[index..<(index + digits.count)]) == digits
                {
                    atomEnd = index + digits.count
                    index += digits.count
                } else {
                    // Skip the class, nested classes included; a `]` right after `[` or `[^` is a member.
                    var classDepth = 1
                    index += 1
                    if index < scalars.count, scalars[index] == "^" { index += 1 }
                    if index < scalars.count, scalars[index] == "]" { index += 1 }
                    while index < scalars.count, classDepth > 0 {
                        switch scalars[index] {
                        case "\\": index += 1
                        case "[": classDepth += 1
                        case "]": classDepth -= 1
                        default: break
                        }
                        index += 1
                    }
                }
            case "(":
                depth += 1
                index += 1
            case ")":
                depth -= 1
                index += 1
            case "|":
                if depth == 0 { return 0 }
                index += 1
            default:
                index += 1
            }
            if let end = atomEnd {
                longest = max(longest, minimumRepetition(after: end, in: scalars))
            }
        }
        return longest
    }

    /// The fewest times the atom ending before `end` occurs: 0 after `?`, `*` or `{0…}`, n after `{n}`, `{n,}` or
    /// `{n,m}`, 1 otherwise; 0 for any `{…}` this does not read (assuming too few is always safe).
    private static func minimumRepetition(after end: Int, in scalars: [Unicode.Scalar]) -> Int {
        guard end < scalars.count else { return 1 }
        switch scalars[end] {
        case "?", "*": return 0
        case "{":
            var digits = ""
            var at = end + 1
            while at < scalars.count, ("0"..."9").contains(scalars[at]), digits.count < 6 {
                digits.unicodeScalars.append(scalars[at])
                at += 1
            }
            guard at < scalars.count, scalars[at] == "}" || scalars[at] == ",", let count = Int(digits) else {
                return 0
            }
            return count
        default: return 1
        }
    }

    /// The longest run of ASCII and basic Cyrillic characters that any match of `source` contains, folded; nil when none is
    /// certain (a top-level `|`, an escape that spells a character by number or property, or no literal at all).
    static func requiredLiteral(_ source: String) -> [UInt8]? {
        let scalars = Array(source.unicodeScalars)
        var best: [UInt8] = []
        var run: [UInt8] = []
        // The bytes of the last thing read if it was a literal appended to `run` (a quantifier after it makes it
        // optional), else 0.
        var lastLiteralLength = 0
        var depth = 0
        var index = 0
        func endRun() {
            if run.count > best.count { best = run }
            run = []
            lastLiteralLength = 0
        }
        func literal(_ scalar: Unicode.Scalar) {
            let value = scalar.value
            guard depth == 0, (0x20...0x7E).contains(value) || (0x400...0x45F).contains(value) else {
                return endRun()
            }
            let folded = TextFold.fold(String(scalar))
            run += folded
            lastLiteralLength = folded.count
        }
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                guard index + 1 < scalars.count else { return nil }
                let next = scalars[index + 1]
                if next.properties.isAlphabetic || ("0"..."9").contains(next) || next.value > 0x7E {
                    // \d, \b, \w and the like match no fixed text; \x41, \u0041, \N{…}, \p{…}, \0101, \cA spell
                    // a character this scan does not decode: give up rather than read their digits as text.
                    if "xuUNpPcoQE0123456789".unicodeScalars.contains(next) { return nil }
                    endRun()
                } else if depth == 0 {
                    literal(next)
                }
                index += 2
                continue
            case "[":
                endRun()
                // Skip the class, nested classes included; a `]` right after `[` or `[^` is a member.
                var classDepth = 1
                index += 1
                if index < scalars.count, scalars[index] == "^" { index += 1 }
                if index < scalars.count, scalars[index] == "]" { index += 1 }
                while index < scalars.count, classDepth > 0 {
                    switch scalars[index] {
                    case "\\": index += 1
                    case "[": classDepth += 1
                    case "]": classDepth -= 1
                    default: break
                    }
                    index += 1
                }
                guard classDepth == 0 else { return nil }
                continue
            case "(":
                endRun()
                depth += 1
            case ")":
                endRun()
                depth -= 1
                guard depth >= 0 else { return nil }
            case "|":
                if depth == 0 { return nil }
                endRun()
            case "?", "*", "{":
                // The atom before may be absent: drop it from the run.
                run.removeLast(lastLiteralLength)
                endRun()
                if scalar == "{" {
                    guard let close = scalars[index...].firstIndex(of: "}") else { return nil }
                    index = close
                }
            case "+", "^", "$", ".", "}", "]":
                endRun()
            default:
                literal(scalar)
            }
            index += 1
        }
        endRun()
        return best.isEmpty ? nil : best
    }
}
