import Synchronization
// ICU's C regular-expression API, as the toolchain's Foundation ships it (Foundation's own ICU, renamed with a
// `swift_` prefix). NSRegularExpression runs the same engine, but on Linux it reads a Swift string through CFString
// callbacks that transcode it to UTF-16 again for every search (half of a pass's regex time), and it offers no time
// limit. Here a pass transcodes a field once and every pattern searches that buffer, with ICU's own step limit.
internal import _FoundationICU

/// A compiled ICU pattern that searches UTF-16 buffers with a time limit.
///
/// An ICU matcher holds the state of one search, so each search borrows one from a small pool (cloned from the
/// compiled pattern when the pool is empty: a clone shares the pattern) and gives it back.
final class ICURegex: @unchecked Sendable {
    // @unchecked: `compiled` is never searched with, only cloned (thread-safe in ICU); each matcher in `pool` is
    // used by one search at a time, handed out and back under the mutex.
    private let compiled: OpaquePointer
    private let pool = Mutex<[Matcher]>([])

    /// One ICU matcher, handed between threads through ``pool`` and used by one search at a time.
    private struct Matcher: @unchecked Sendable {
        let pointer: OpaquePointer
    }
    /// ICU's limit in its match-engine steps, "on the order of milliseconds" each (ICU's `uregex_setTimeLimit`).
    let stepLimit: Int32

    /// How a search ended.
    enum Outcome: Sendable {
        case found, notFound
        /// ICU gave up at the step limit, or failed: the search is counted as not found.
        case gaveUp
    }

    /// Compiles `source`; the error names what ICU found wrong.
    init(_ source: String, caseInsensitive: Bool, stepLimit: Int32) throws(RulePattern.Problem) {
        let units = Array(source.utf16)
        var status = U_ZERO_ERROR
        var parseError = UParseError()
        let flags: UInt32 = caseInsensitive ? UInt32(UREGEX_CASE_INSENSITIVE.rawValue) : 0
        let regex = swift_uregex_open(units, Int32(units.count), flags, &parseError, &status)
        guard let regex, status.rawValue <= U_ZERO_ERROR.rawValue else {
            if let regex { swift_uregex_close(regex) }
            let name = String(cString: swift_u_errorName(status))
            throw .doesNotCompile("\(name) at offset \(parseError.offset)")
        }
        compiled = regex
        self.stepLimit = stepLimit
    }

    deinit {
        pool.withLock { matchers in matchers.forEach { swift_uregex_close($0.pointer) } }
        swift_uregex_close(compiled)
    }

    /// Searches `text` for the first match.
    func firstMatch(in text: UnsafeBufferPointer<UInt16>) -> Outcome {
        guard let base = text.baseAddress else {
            // ICU wants a pointer even for no text (a pattern like `^` matches it).
            let empty: UInt16 = 0
            return withUnsafePointer(to: empty) { firstMatch(in: UnsafeBufferPointer(start: $0, count: 0)) }
        }
        guard let matcher = borrow() else { return .gaveUp }
        defer { pool.withLock { $0.append(matcher) } }
        var status = U_ZERO_ERROR
        // ICU keeps the pointer, not a copy: the buffer outlives the search, and the next search sets its own.
        swift_uregex_setText(matcher.pointer, base, Int32(text.count), &status)
        let found = swift_uregex_find(matcher.pointer, 0, &status)
        guard status.rawValue <= U_ZERO_ERROR.rawValue else { return .gaveUp }
        return found != 0 ? .found : .notFound
    }

    private func borrow() -> Matcher? {
        if let matcher = pool.withLock({ $0.popLast() }) { return matcher }
        var status = U_ZERO_ERROR
        guard let matcher = swift_uregex_clone(compiled, &status), status.rawValue <= U_ZERO_ERROR.rawValue else {
            return nil
        }
        swift_uregex_setTimeLimit(matcher, stepLimit, &status)
        return Matcher(pointer: matcher)
    }
}
