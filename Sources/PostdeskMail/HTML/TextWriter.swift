/// Accumulates converted text with HTML whitespace rules (WHATWG HTML §15.3.x: runs collapse to one space,
/// block boundaries become line breaks) and decodes character references.
struct TextWriter {
    private var output: [UInt8] = []
    private var pendingSpace = false
    /// Line breaks owed before the next text (1 = new line, 2 = blank line).
    private var pendingBreaks = 0

    var count: Int { output.count }
    /// Whether ``text(_:_:pre:)`` has written anything but blanks (markup such as bullets and link targets aside).
    private(set) var sawVisibleText = false

    mutating func text(_ input: [UInt8], _ range: Range<Int>, pre: Bool) {
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = input[index]
            if byte == ASCII.ampersand, let (decoded, next) = HTMLEntities.decode(input, at: index + 1),
                next <= range.upperBound
            {
                emitPending()
                output.append(contentsOf: decoded.utf8)
                if !sawVisibleText, !decoded.allSatisfy(\.isWhitespace) { sawVisibleText = true }
                index = next
                continue
            }
            if pre {
                if byte == ASCII.lf {
                    output.append(ASCII.lf)
                } else if byte != ASCII.cr {
                    emitPending()
                    output.append(byte)
                    if !ASCII.isWhitespace(byte) { noteVisible(input, index) }
                }
            } else if ASCII.isWhitespace(byte) {
                if !output.isEmpty, output.last != ASCII.lf { pendingSpace = true }
            } else {
                emitPending()
                output.append(byte)
                noteVisible(input, index)
            }
            index += 1
        }
    }

    /// Records visible text unless the byte belongs to a UTF-8 no-break space (C2 A0).
    private mutating func noteVisible(_ input: [UInt8], _ index: Int) {
        guard !sawVisibleText else { return }
        let byte = input[index]
        if byte == 0xC2, index + 1 < input.count, input[index + 1] == 0xA0 { return }
        if byte == 0xA0, index > 0, input[index - 1] == 0xC2 { return }
        sawVisibleText = true
    }

    /// Appends literal text (no entity decoding).
    mutating func raw(_ string: String) {
        emitPending()
        output.append(contentsOf: string.utf8)
    }

    mutating func lineBreak() {
        pendingSpace = false
        if pendingBreaks > 0 {
            output.append(contentsOf: repeatElement(ASCII.lf, count: pendingBreaks))
            pendingBreaks = 0
        }
        output.append(ASCII.lf)
    }

    mutating func newline() { requestBreaks(1) }
    mutating func paragraph() { requestBreaks(2) }

    mutating func cellBreak() {
        if !output.isEmpty, output.last != ASCII.lf, pendingBreaks == 0 { pendingSpace = true }
    }

    /// Adds ` <url>` after a link's text when the text does not already show the URL.
    mutating func linkTarget(_ href: String, since start: Int) {
        let target = href.hasPrefix("mailto:") ? String(href.dropFirst(7)) : href
        guard !target.isEmpty, href.hasPrefix("http") || href.hasPrefix("mailto:") else { return }
        let shown = String(decoding: output[min(start, output.count)...], as: UTF8.self)
        let visible = shown.trimmingCharacters(" \n")
        guard visible.isEmpty || (visible.hasPrefix("[") && visible.hasSuffix("]")) else { return }
        raw(visible.isEmpty ? "<\(target)>" : " <\(target)>")
    }

    private mutating func requestBreaks(_ breaks: Int) {
        pendingSpace = false
        guard !output.isEmpty else { return }
        var trailing = 0
        for byte in output.reversed() {
            if byte == ASCII.lf { trailing += 1 } else { break }
        }
        pendingBreaks = max(pendingBreaks, breaks - trailing)
    }

    private mutating func emitPending() {
        if pendingBreaks > 0 {
            while let last = output.last, last == ASCII.space { output.removeLast() }
            output.append(contentsOf: repeatElement(ASCII.lf, count: pendingBreaks))
            pendingBreaks = 0
            pendingSpace = false
        } else if pendingSpace {
            output.append(ASCII.space)
            pendingSpace = false
        }
    }

    /// Removes trailing blanks (space, tab, no-break space U+00A0) of the last line.
    private static func trimLineEnd(_ bytes: inout [UInt8]) {
        while let last = bytes.last {
            if last == ASCII.space || last == ASCII.tab {
                bytes.removeLast()
            } else if last == 0xA0, bytes.count >= 2, bytes[bytes.count - 2] == 0xC2 {
                bytes.removeLast(2)
            } else {
                break
            }
        }
    }

    /// The text with trailing blanks on each line removed, at most one empty line in a row, trimmed. Leading
    /// blanks stay: only `<pre>` text and list indentation put them there.
    mutating func finish() -> String {
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(output.count)
        var newlines = 0
        for byte in output {
            if byte == ASCII.lf {
                Self.trimLineEnd(&cleaned)
                var trailing = 0
                while trailing < cleaned.count, cleaned[cleaned.count - 1 - trailing] == ASCII.lf { trailing += 1 }
                if trailing < 2 { cleaned.append(byte) }
                newlines = trailing + 1
            } else {
                newlines = 0
                cleaned.append(byte)
            }
        }
        Self.trimLineEnd(&cleaned)
        let text = String(decoding: cleaned, as: UTF8.self)
        return text.trimmingCharacters(" \n\t")
    }
}
