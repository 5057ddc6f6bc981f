/// Splits a multipart body at its boundary delimiter lines (RFC 2046 §5.1.1).
///
/// A delimiter is `--boundary` at the start of a line, optionally followed by `--` (the close delimiter) and
/// blanks; the line break before it belongs to the delimiter. Preamble and epilogue are dropped.
///
/// Two shapes from the wild are read so that no part is lost:
/// - a body part that is itself a multipart with the *same* boundary (RFC 2046 §5.1.1 forbids it, mailers do
///   it): that part runs up to its own close delimiter, and the enclosing multipart goes on after it;
/// - a close delimiter followed by more delimiters of the same boundary: it does not end the multipart.
enum MultipartSplitter {
    struct Split {
        var parts: [Range<Int>]
        /// Whether the close delimiter was found.
        var closed: Bool
        /// Whether a close delimiter was passed over because more parts of the same boundary followed it.
        var skippedClose = false
        /// Whether a part reusing this boundary was read as a nested multipart up to its own close delimiter.
        var nestedReuse = false
    }

    /// One delimiter line.
    struct Delimiter {
        /// Where the part before it ends: the line break before the delimiter belongs to the delimiter.
        var partEnd: Int
        /// The first byte after the delimiter line and its line break.
        var next: Int
        /// Whether it is a close delimiter (`--boundary--`).
        var closing: Bool
    }

    /// Splits `raw[body]` at `--boundary` lines.
    /// - Parameters:
    ///   - raw: the whole message.
    ///   - body: the multipart entity's body.
    ///   - boundary: the boundary parameter.
    ///   - nesting: how many levels of same-boundary nesting may still be followed (the depth left).
    ///   - reusesBoundary: whether the body part in the given range (header and body) declares a multipart with
    ///     this same boundary. Asked only when a delimiter follows a close delimiter, so well-formed mail never
    ///     pays for it.
    static func split(
        _ raw: [UInt8], body: Range<Int>, boundary: [UInt8], nesting: Int = 0,
        reusesBoundary: (Range<Int>) -> Bool = { _ in false }
    ) -> Split {
        let lines = delimiters(raw, body: body, boundary: boundary)
        let anomalous = lines.firstIndex { $0.closing }.map { $0 + 1 < lines.count } ?? false
        var split = Split(parts: [], closed: false)
        // Whether a later delimiter (from index i on) opens another part: a close before it does not end the body.
        var opensLater = [Bool](repeating: false, count: anomalous ? lines.count + 1 : 0)
        if anomalous {
            for index in lines.indices.reversed() { opensLater[index] = opensLater[index + 1] || !lines[index].closing }
        }
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.closing {
                guard anomalous, opensLater[index + 1] else {
                    split.closed = true
                    return split
                }
                split.skippedClose = true
                index += 1
                continue
            }
            let start = line.next
            let end = index + 1 < lines.count ? max(start, lines[index + 1].partEnd) : body.upperBound
            if anomalous, nesting > 0, reusesBoundary(start..<end) {
                split.nestedReuse = true
                guard
                    let close = closingIndex(
                        lines, openedAt: index, nesting: nesting - 1, reusesBoundary: reusesBoundary)
                else {
                    split.parts.append(start..<body.upperBound)
                    return split
                }
                split.parts.append(start..<max(start, lines[close].next))
                index = close + 1
                continue
            }
            split.parts.append(start..<end)
            index += 1
        }
        return split
    }

    /// The index of the close delimiter that ends a nested multipart whose header follows `lines[opened]`, or nil
    /// when it is never closed. Parts inside it that reuse the boundary again are skipped whole, `nesting` deep.
    private static func closingIndex(
        _ lines: [Delimiter], openedAt opened: Int, nesting: Int, reusesBoundary: (Range<Int>) -> Bool
    ) -> Int? {
        var index = opened + 1
        while index < lines.count {
            let line = lines[index]
            if line.closing { return index }
            let end = index + 1 < lines.count ? max(line.next, lines[index + 1].partEnd) : line.next
            if nesting > 0, reusesBoundary(line.next..<end) {
                guard
                    let inner = closingIndex(
                        lines, openedAt: index, nesting: nesting - 1, reusesBoundary: reusesBoundary)
                else { return nil }
                index = inner + 1
                continue
            }
            index += 1
        }
        return nil
    }

    /// Every delimiter line of `boundary` in `raw[body]`, in order.
    static func delimiters(_ raw: [UInt8], body: Range<Int>, boundary: [UInt8]) -> [Delimiter] {
        let pattern: [UInt8] = [ASCII.minus, ASCII.minus] + boundary
        var lines: [Delimiter] = []
        var position = body.lowerBound
        while let found = findBytes(pattern, in: raw, from: position, to: body.upperBound) {
            position = found + 1
            guard found == body.lowerBound || raw[found - 1] == ASCII.lf else { continue }
            var cursor = found + pattern.count
            var closing = false
            if cursor + 1 < body.upperBound, raw[cursor] == ASCII.minus, raw[cursor + 1] == ASCII.minus {
                closing = true
                cursor += 2
            }
            while cursor < body.upperBound, ASCII.isWSP(raw[cursor]) { cursor += 1 }
            let atLineEnd =
                cursor >= body.upperBound || raw[cursor] == ASCII.lf
                || (raw[cursor] == ASCII.cr && (cursor + 1 >= body.upperBound || raw[cursor + 1] == ASCII.lf))
            guard atLineEnd else { continue }
            var partEnd = found
            if partEnd > body.lowerBound, raw[partEnd - 1] == ASCII.lf {
                partEnd -= 1
                if partEnd > body.lowerBound, raw[partEnd - 1] == ASCII.cr { partEnd -= 1 }
            }
            var next = cursor
            if next < body.upperBound, raw[next] == ASCII.cr { next += 1 }
            if next < body.upperBound, raw[next] == ASCII.lf { next += 1 }
            next = min(next, body.upperBound)
            lines.append(Delimiter(partEnd: partEnd, next: next, closing: closing))
            position = max(position, next)
        }
        return lines
    }
}
