/// Apple Mail and iOS send a plain-text mail with pasted screenshots as `multipart/mixed`: text part, inline
/// image, text part… There is no HTML part, yet the images belong between the paragraphs. This builds that HTML
/// (text escaped, line breaks kept, each image as `<img src="cid:…">`), so whatever renders the HTML shows the
/// mail as the sender saw it; the plain text stays the text.
enum InlineImageLayout {
    enum Segment: Equatable {
        case text(String)
        case image(contentID: String)
    }

    /// The HTML for `segments`, or nil unless an inline image with a Content-ID has text on either side.
    static func html(_ segments: [Segment]) -> String? {
        guard segments.count <= 1_000 else { return nil }
        let isText = { (segment: Segment) in if case .text = segment { true } else { false } }
        guard let firstText = segments.firstIndex(where: isText), let lastText = segments.lastIndex(where: isText),
            segments[firstText..<lastText].contains(where: { !isText($0) })
        else { return nil }
        var html = ""
        for segment in segments {
            switch segment {
            case .text(let text):
                html += escaped(text).replacingOccurrences(of: "\n", with: "<br>\n")
            case .image(let contentID):
                html += "<img src=\"cid:\(escaped(contentID))\"><br>\n"
            }
        }
        return "<div>" + html + "</div>"
    }

    private static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
