/// Apple Mail and iOS send a plain-text mail with pasted screenshots as `multipart/mixed`: text part, inline
/// image, text part… There is no HTML part, yet the images belong between the paragraphs. This builds that HTML
/// (text escaped, line breaks kept, each image as `<img src="cid:…">`), so the portal shows the mail as the
/// sender saw it; the plain text stays the text.
enum InlineImageLayout {
    enum Segment: Equatable {
        case text(String)
        case image(contentID: String)
    }

    /// The HTML for `segments`, or nil unless an inline image with a Content-ID has text on either side.
    static func html(_ segments: [Segment]) -> String? {
        guard segments.count <= 1_000 else { return nil }
        let hasTextAround = segments.indices.contains { index in
            guard case .image = segments[index] else { return false }
            let before = segments[..<index].contains { if case .text = $0 { true } else { false } }
            let after = segments[(index + 1)...].contains { if case .text = $0 { true } else { false } }
            return before && after
        }
        guard hasTextAround else { return nil }
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
