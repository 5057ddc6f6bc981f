/// Decodes `format=flowed` plain text (RFC 3676), as Thunderbird, Apple Mail, K-9 and mutt send it: lines the
/// client soft-wrapped end in a space and are joined again, so a paragraph reads as the sender typed it.
///
/// Quoted lines keep their depth as a `>` prefix (one `> ` per paragraph), which is what reply extraction reads;
/// space-stuffing (§4.4) is removed; the signature separator `-- ` is never joined (§4.3); with `DelSp=yes` the
/// space that marks a soft break is deleted (§4.2), for scripts that have no spaces between words.
enum FlowedText {
    /// The unwrapped text of `text` (LF line ends).
    /// - Parameters:
    ///   - text: the decoded text of a `format=flowed` part.
    ///   - deleteSpace: whether the part says `DelSp=yes`.
    static func unflow(_ text: String, deleteSpace: Bool) -> String {
        // Nothing was soft-wrapped unless some line ends in a space.
        guard text.utf8.contains(ASCII.space) else { return text }
        let lines = Array(text.utf8).split(separator: ASCII.lf, omittingEmptySubsequences: false)
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var paragraph: [UInt8] = []
        var paragraphDepth: Int?
        func finish() {
            guard let depth = paragraphDepth else { return }
            if !output.isEmpty { output.append(ASCII.lf) }
            if depth > 0 {
                output.append(contentsOf: repeatElement(ASCII.greaterThan, count: depth))
                if !paragraph.isEmpty { output.append(ASCII.space) }
            }
            output.append(contentsOf: paragraph)
            paragraph.removeAll(keepingCapacity: true)
            paragraphDepth = nil
        }
        for line in lines {
            var start = line.startIndex
            while start < line.endIndex, line[start] == ASCII.greaterThan { start += 1 }
            let depth = start - line.startIndex
            if start < line.endIndex, line[start] == ASCII.space { start += 1 }  // space-stuffing (§4.4)
            var content = line[start...]
            // A flowed line continued at another quote depth is improperly flowed (§4.5): end the paragraph.
            if let open = paragraphDepth, open != depth { finish() }
            let isSignature = content.elementsEqual("-- ".utf8)
            let isFlowed = !isSignature && content.last == ASCII.space
            if isFlowed, deleteSpace { content = content.dropLast() }
            paragraph.append(contentsOf: content)
            paragraphDepth = depth
            if !isFlowed { finish() }
        }
        finish()
        return String(decoding: output, as: UTF8.self)
    }
}
