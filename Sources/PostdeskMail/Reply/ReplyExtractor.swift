/// Extracts what the sender wrote now from a reply: quoted history, reply headers and the signature removed.
///
/// Postdesk's own separator line wins; then the earliest of the known quote markers (``QuoteMarkers``);
/// `>`-quoted lines are dropped wherever they are (inline replies keep their answers); the signature starts at
/// the RFC 3676 §4.3 separator `-- `. Without any marker the whole text is the reply.
enum ReplyExtractor {
    /// The separator Postdesk puts at the top of the mails it sends.
    static let separator = "##- Please type your reply above this line -##"

    /// The reply part of `text` (plain text, LF line ends).
    /// - Parameter text: the message text.
    static func reply(fromText text: String) -> String {
        var body = Substring(text)
        if let found = findBytes(Array(separator.utf8), in: Array(text.utf8), from: 0) {
            body = body[..<text.utf8.index(text.startIndex, offsetBy: found)]
            if let lastNewline = body.lastIndex(of: "\n") { body = body[...lastNewline] } else { body = "" }
        }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let cut = QuoteMarkers.firstMarker(in: lines) ?? lines.count
        var kept: [Substring] = []
        kept.reserveCapacity(cut)
        var index = 0
        while index < cut {
            let line = lines[index]
            if line == "-- " || line == "--" || line == "-- \r" { break }
            if line.hasPrefix(">") {
                // Drop the quoted block and an attribution line just before it ("… wrote:").
                if let last = kept.last(where: { !$0.trimmingCharacters(" \t").isEmpty }), last.hasSuffix(":"),
                    let position = kept.lastIndex(of: last), kept.count - position <= 2
                {
                    kept.removeSubrange(position...)
                }
                index += 1
                continue
            }
            kept.append(line)
            index += 1
        }
        let result = kept.joined(separator: "\n").trimmingCharacters(" \t\n")
        return result
    }

    /// The reply part of an HTML body: cut at the first quote container, converted, then text rules.
    /// - Parameters:
    ///   - html: the decoded HTML body.
    ///   - converter: the HTML→text converter.
    ///   - limit: the most bytes converted.
    ///   - converted: the whole HTML already converted, reused when there is nothing to cut.
    static func reply(fromHTML html: String, converted: String? = nil, converter: HTMLToText, limit: Int) -> String {
        let cut = QuoteMarkers.htmlCut(in: html)
        if cut == html.endIndex, let converted { return reply(fromText: converted) }
        return reply(fromText: converter.convert(String(html[..<cut]), limit: limit))
    }
}
