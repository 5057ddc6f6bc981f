import Foundation

/// A `matches:` pattern, checked and compiled once when a rule set is prepared (never per evaluation).
///
/// Regular expressions here are ICU's (`NSRegularExpression`), which backtrack and have no time limit of their own,
/// so a pattern from an admin and a mail from anyone could stall every pass. The limits that bound the work instead:
/// - a pattern is at most ``maxPatternLength`` characters;
/// - only the first ``maxInputLength`` UTF-16 units of a value are searched;
/// - a repeated group (`(…)*`, `(…)+`, `(…){2,}`) may contain neither a quantifier nor an alternation: `(a+)+` and
///   `(a|a)*` are exponential on a near-miss, and they are refused rather than guessed safe;
/// - the repetitions in sequence must keep the worst backtracking under ``maxSteps``: the search tries every start
///   (``maxInputLength``) and each repetition multiplies that by how often it may repeat (`*`, `+`, `{n,}`: the
///   input length; `{n,m}`: m + 1; `?`: 2). In practice one unbounded repetition per pattern: `inv-[0-9]+` is
///   fine, `.*a.*b` is not (it took minutes on 4,096 characters: the cube of the length). A leading or trailing
///   `.*` is never needed, since `matches:` finds the pattern anywhere;
/// - no backreferences (`\1`, `\k<name>`), which no linear bound covers;
/// - no free-spacing flag (`(?x)`) or comment groups (`(?#…)`): with them `(a|aa) *` repeats a group across a space
///   this check reads literally.
/// Matching is case-insensitive unless the pattern turns it off with `(?-i)`.
struct RulePattern: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable after init and safe to share between threads (its documentation
    // says so); corelibs Foundation does not mark it Sendable on every platform.
    let source: String
    private let regex: NSRegularExpression

    static let maxPatternLength = 256
    static let maxInputLength = 2_048
    /// One unbounded repetition and one `?` over the longest input: about a tenth of a second of ICU backtracking
    /// on a hostile near-miss (measured: `a.*b` against 2,048 `a`s).
    static let maxSteps: Double = 2 * 2_048 * 2_048

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
        do {
            regex = try NSRegularExpression(pattern: source, options: [.caseInsensitive])
        } catch {
            throw .doesNotCompile(String(describing: error))
        }
        self.source = source
    }

    /// Whether the pattern occurs in the first ``maxInputLength`` UTF-16 units of `value`.
    func matches(_ value: String) -> Bool {
        // Bridging copies the whole string to UTF-16: cut a long body first (each scalar is at least one unit, so
        // this keeps every unit the range below can reach) and a 1 MB mail costs no more than a short one.
        let head =
            value.utf8.count > Self.maxInputLength * 3
            ? String(String.UnicodeScalarView(value.unicodeScalars.prefix(Self.maxInputLength))) : value
        let ns = head as NSString
        let range = NSRange(location: 0, length: min(ns.length, Self.maxInputLength))
        return regex.firstMatch(in: head, options: [], range: range) != nil
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
