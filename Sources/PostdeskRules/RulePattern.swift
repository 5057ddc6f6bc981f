/// A `matches:` pattern, checked and compiled once when a rule set is prepared (never per evaluation).
///
/// Regular expressions here are ICU's (``ICURegex``, the engine behind `NSRegularExpression`), which backtracks, so a
/// pattern from an admin and a mail from anyone could stall every pass. Two bounds keep a pass short:
/// - every search has ICU's time limit (``stepLimit``): a search that reaches it counts as no match, and the
///   explanation says the pattern gave up;
/// - the static limits refuse, when the rules are imported, what would reach it on ordinary mail:
///   - a pattern is at most ``maxPatternLength`` characters;
///   - only the first ``maxInputLength`` UTF-16 units of a value are searched;
///   - a repeated group (`(…)*`, `(…)+`, `(…){2,}`) may contain neither a quantifier nor an alternation: `(a+)+` and
///     `(a|a)*` are exponential on a near-miss, and they are refused rather than guessed safe;
///   - the repetitions in sequence must keep the worst backtracking under ``maxSteps``: the search tries every start
///     (``maxInputLength``) and each repetition multiplies that by how often it may repeat (`*`, `+`, `{n,}`: the
///     input length; `{n,m}`: m + 1; `?`: 2). In practice one unbounded repetition per pattern: `inv-[0-9]+` is
///     fine, `.*a.*b` is not (it took minutes on 4,096 characters: the cube of the length). A leading or trailing
///     `.*` is never needed, since `matches:` finds the pattern anywhere;
///   - no backreferences (`\1`, `\k<name>`), which no linear bound covers;
///   - no free-spacing flag (`(?x)`) or comment groups (`(?#…)`): with them `(a|aa) *` repeats a group across a
///     space this check reads literally.
/// Matching is case-insensitive unless the pattern turns it off with `(?-i)`.
struct RulePattern: Sendable {
    let source: String
    private let regex: ICURegex

    static let maxPatternLength = 256
    static let maxInputLength = 2_048
    /// One unbounded repetition and one `?` over the longest input: about a tenth of a second of ICU backtracking
    /// on a hostile near-miss (measured: `a.*b` against 2,048 `a`s).
    static let maxSteps: Double = 2 * 2_048 * 2_048
    /// ICU's time limit for one search, in its match-engine steps (each "on the order of milliseconds"): far above
    /// what a pattern within the static limits takes on ordinary mail.
    static let stepLimit: Int32 = 20

    /// Why a pattern is refused.
    enum Problem: Error, Hashable, Sendable {
        case tooLong(length: Int)
        case nestedRepetition
        case tooMuchBacktracking(steps: Double)
        case backreference
        case freeSpacing
        case doesNotCompile(String)

        var message: String {
            switch self {
            case .tooLong(let length):
                "the pattern has \(length) characters; at most \(RulePattern.maxPatternLength) are allowed"
            case .nestedRepetition:
                "a repeated group contains a quantifier or an alternation, which can take exponential time"
            case .tooMuchBacktracking:
                "the pattern's repetitions could backtrack for minutes on a long mail; use at most one *, + or {n,} "
                    + "(a leading or trailing .* is never needed)"
            case .backreference: "backreferences are not allowed"
            case .freeSpacing: "the x flag and (?#…) comments are not allowed"
            case .doesNotCompile(let reason): "the pattern does not compile: \(reason)"
            }
        }
    }

    /// Checks `source` against the limits, then compiles it.
    init(_ source: String) throws(Problem) {
        try Self.check(source)
        regex = try ICURegex(source, caseInsensitive: true, stepLimit: Self.stepLimit)
        self.source = source
    }

    /// Whether the pattern occurs in `value` (its first ``maxInputLength`` UTF-16 units); nil when the search gave
    /// up at the time limit.
    func matches(_ value: String) -> Bool? {
        Self.searchable(value).withUnsafeBufferPointer { matches(searchable: $0) }
    }

    /// Whether the pattern occurs in `text`, a value made ``searchable(_:)``; nil when the search gave up.
    func matches(searchable text: UnsafeBufferPointer<UInt16>) -> Bool? {
        switch regex.firstMatch(in: text) {
        case .found: true
        case .notFound: false
        case .gaveUp: nil
        }
    }

    /// The first ``maxInputLength`` UTF-16 units of `value` (never half a surrogate pair): what a search reads.
    static func searchable(_ value: String) -> [UInt16] {
        var units: [UInt16] = []
        appendSearchable(value, to: &units)
        return units
    }

    /// Appends ``searchable(_:)`` of `value` to `units`, transcoded from the UTF-8 bytes directly, since this runs
    /// once per text field per pass.
    static func appendSearchable(_ value: String, to units: inout [UInt16]) {
        var value = value
        value.withUTF8 { bytes in
            let start = units.count
            // Never more units than bytes: room for all, written in place, the rest cut off.
            let room = min(bytes.count, maxInputLength)
            units.append(contentsOf: repeatElement(0, count: room))
            let written = units.withUnsafeMutableBufferPointer { all in
                let out = UnsafeMutableBufferPointer(rebasing: all[start...])
                var index = 0
                var count = 0
                // A String's UTF-8 is valid: a lead byte has all its continuation bytes.
                while index < bytes.count, count < room {
                    let byte = bytes[index]
                    if byte < 0x80 {
                        out[count] = UInt16(byte)
                        count += 1
                        index += 1
                    } else if byte < 0xE0 {
                        out[count] = UInt16(byte & 0x1F) << 6 | UInt16(bytes[index + 1] & 0x3F)
                        count += 1
                        index += 2
                    } else if byte < 0xF0 {
                        out[count] =
                            UInt16(byte & 0x0F) << 12 | UInt16(bytes[index + 1] & 0x3F) << 6
                            | UInt16(bytes[index + 2] & 0x3F)
                        count += 1
                        index += 3
                    } else {
                        guard count + 1 < room else { break }
                        let scalar =
                            UInt32(byte & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                            | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                        let offset = scalar - 0x10000
                        out[count] = UInt16(0xD800 + (offset >> 10))
                        out[count + 1] = UInt16(0xDC00 + (offset & 0x3FF))
                        count += 2
                        index += 4
                    }
                }
                return count
            }
            units.removeLast(room - written)
        }
    }

    /// The static limits: length, nested or alternated repetition, unbounded quantifiers, backreferences.
    static func check(_ source: String) throws(Problem) {
        let scalars = Array(source.unicodeScalars)
        guard scalars.count <= maxPatternLength else { throw .tooLong(length: scalars.count) }
        // One frame per open group: whether it holds a quantifier or a `|` so far.
        var groups: [(quantified: Bool, alternates: Bool)] = [(false, false)]
        var justClosed: (quantified: Bool, alternates: Bool)? = nil
        var steps = Double(maxInputLength)
        var index = 0
        var inClass = false
        while index < scalars.count {
            let scalar = scalars[index]
            let closed = justClosed
            justClosed = nil
            // A closed group's risks belong to its parent too: `((a+))+` nests as deeply as `(a+)+`.
            if let closed {
                groups[groups.count - 1].quantified = groups[groups.count - 1].quantified || closed.quantified
                groups[groups.count - 1].alternates = groups[groups.count - 1].alternates || closed.alternates
            }
            if scalar == "\\" {
                let next = index + 1 < scalars.count ? scalars[index + 1] : " "
                if ("1"..."9").contains(next) || (!inClass && next == "k") { throw .backreference }
                if next == "Q" { throw .doesNotCompile("\\Q…\\E quoting is not supported here; escape each character") }
                index += 2
                continue
            }
            if inClass {
                if scalar == "]" { inClass = false }
                index += 1
                continue
            }
            switch scalar {
            case "[":
                inClass = true
                // A `]` right after `[` or `[^` is a literal member, not the end.
                if index + 1 < scalars.count, scalars[index + 1] == "^" { index += 1 }
                if index + 1 < scalars.count, scalars[index + 1] == "]" { index += 1 }
            case "(":
                groups.append((false, false))
                if index + 1 < scalars.count, scalars[index + 1] == "?" {
                    // Inline flags `(?i-x)` or `(?ix:…)`, and comments `(?#…)`: refuse any that turn on `x`.
                    let rest = scalars[(index + 2)...]
                    let flags = rest.prefix { "imswx-".unicodeScalars.contains($0) }
                    if rest.first == "#" || flags.prefix(while: { $0 != "-" }).contains("x") { throw .freeSpacing }
                }
            case ")":
                if groups.count > 1 { justClosed = groups.removeLast() }
            case "|":
                groups[groups.count - 1].alternates = true
            case "*", "+", "?", "{":
                var repeats = scalar != "?"
                var factor = scalar == "?" ? 2 : Double(maxInputLength)
                if scalar == "{" {
                    // {n}, {n,m}, {n,}: read to the closing brace; `{` that starts no quantifier is a literal.
                    guard let close = scalars[index...].firstIndex(of: "}") else { break }
                    let body = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
                    let parts = body.split(separator: ",", omittingEmptySubsequences: false)
                    guard (1...2).contains(parts.count), let low = Int(parts[0]) else { break }
                    let high = parts.count == 2 ? (parts[1].isEmpty ? nil : Int(parts[1])) : low
                    if parts.count == 2, !parts[1].isEmpty, high == nil { break }
                    repeats = high.map { $0 > 1 } ?? true
                    factor = high.map { Double($0) + 1 } ?? Double(maxInputLength)
                    index = close
                }
                // A lazy or possessive suffix (`*?`, `++`) does not change what repeats.
                if index + 1 < scalars.count, scalars[index + 1] == "?" || scalars[index + 1] == "+" { index += 1 }
                steps *= factor
                if let closed, repeats, closed.quantified || closed.alternates { throw .nestedRepetition }
                // Even `?` counts: `(a?){44}` backtracks as badly as `(a+)+` (each may match empty or not).
                groups[groups.count - 1].quantified = true
            default:
                break
            }
            index += 1
        }
        if steps > maxSteps { throw .tooMuchBacktracking(steps: steps) }
    }
}

extension RulePattern: Hashable {
    static func == (lhs: RulePattern, rhs: RulePattern) -> Bool { lhs.source == rhs.source }
    func hash(into hasher: inout Hasher) { hasher.combine(source) }
}
