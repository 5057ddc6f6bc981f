/// Splits a multipart body at its boundary delimiter lines (RFC 2046 §5.1.1).
///
/// A delimiter is `--boundary` at the start of a line, optionally followed by `--` (the close delimiter) and
/// blanks; the line break before it belongs to the delimiter. Preamble and epilogue are dropped.
enum MultipartSplitter {
    struct Split {
        var parts: [Range<Int>]
        /// Whether the close delimiter was found.
        var closed: Bool
    }

    static func split(_ raw: [UInt8], body: Range<Int>, boundary: [UInt8]) -> Split {
        let pattern: [UInt8] = [ASCII.minus, ASCII.minus] + boundary
        var parts: [Range<Int>] = []
        var partStart: Int?
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
            // The line break before the delimiter belongs to it.
            var partEnd = found
            if partEnd > body.lowerBound, raw[partEnd - 1] == ASCII.lf {
                partEnd -= 1
                if partEnd > body.lowerBound, raw[partEnd - 1] == ASCII.cr { partEnd -= 1 }
            }
            if let start = partStart { parts.append(start..<max(start, partEnd)) }
            if closing { return Split(parts: parts, closed: true) }
            var next = cursor
            if next < body.upperBound, raw[next] == ASCII.cr { next += 1 }
            if next < body.upperBound, raw[next] == ASCII.lf { next += 1 }
            partStart = min(next, body.upperBound)
            position = partStart ?? body.upperBound
        }
        if let start = partStart { parts.append(start..<body.upperBound) }
        return Split(parts: parts, closed: false)
    }
}
