/// Converts an HTML body to readable plain text: paragraphs and line breaks kept, lists bulleted, link targets
/// shown after the link text, `<head>`, `<style>`, `<script>` and comments dropped, character references decoded.
///
/// Image alt text (`[alt]`) is shown for images inside links (it names the link, as a button's label does) and
/// otherwise only when the document has no other visible text: in image-only mail it is all the sender wrote,
/// elsewhere it is mostly decoration ("logo", "spacer", a banner's caption) that buries what the operator reads.
///
/// A single forward pass over the UTF-8 bytes; no DOM is built, so malformed markup cannot blow it up.
struct HTMLToText {
    /// Show the URL of links that have no text of their own (image links); links with text keep just the
    /// text, so sentences stay intact.
    var showLinkTargets = true

    /// When image alt text appears in the text.
    enum AltText: Sendable {
        /// For linked images, and for the others only when the document has no other visible text (image-only mail).
        case whenNoOtherText
        /// Always, as `[alt]` where the image is.
        case always
    }

    /// When image alt text appears in the text (``AltText/whenNoOtherText`` by default).
    var altText = AltText.whenNoOtherText

    private static let skipped: Set<String> = [
        "head", "style", "script", "title", "noscript", "template", "xml", "svg",
    ]
    private static let paragraphs: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table"]
    private static let lines: Set<String> = [
        "div", "tr", "ul", "ol", "dl", "dt", "dd", "blockquote", "section", "article", "header", "footer", "address",
        "center", "form", "fieldset", "nav", "figure", "figcaption", "main", "aside", "hr", "tbody", "thead", "caption",
        "o:p",
    ]

    /// Converts `html`.
    /// - Parameters:
    ///   - html: the decoded HTML.
    ///   - limit: the most input bytes converted.
    func convert(_ html: String, limit: Int = .max) -> String {
        convertWithTitle(html, limit: limit).text
    }

    /// Converts `html` and returns the text of its first `<title>` too (not part of the text: mail clients do
    /// not show it, but HTML-only newsletters and cards often name themselves there).
    /// - Parameters:
    ///   - html: the decoded HTML.
    ///   - limit: the most input bytes converted.
    func convertWithTitle(_ html: String, limit: Int = .max) -> (text: String, title: String?) {
        let converted = convertOnce(html, limit: limit, showAlt: altText == .always)
        guard altText == .whenNoOtherText, !converted.sawVisibleText, converted.sawAltText else {
            return (converted.text, converted.title)
        }
        let imageOnly = convertOnce(html, limit: limit, showAlt: true)
        return (imageOnly.text, imageOnly.title)
    }

    /// One conversion pass; reports whether the document had visible text of its own and any image alt text.
    private func convertOnce(_ html: String, limit: Int, showAlt: Bool)
        -> (text: String, title: String?, sawVisibleText: Bool, sawAltText: Bool)
    {
        var sawAltText = false
        var input = Array(html.utf8)
        var title: String?
        if input.count > limit { input.removeSubrange(limit...) }
        var writer = TextWriter()
        var index = 0
        let count = input.count
        // Word (Outlook desktop) and Outlook on the web give paragraphs no margin: each `<p>` is a typed line.
        let paragraphsAreLines =
            findBytes(Array("MsoNormal".utf8), in: input, from: 0) != nil
            || findBytes(Array("P {margin-top:0;margin-bottom:0;}".utf8), in: input, from: 0) != nil
        var links: [(href: String, textStart: Int)] = []
        var listStack: [(ordered: Bool, counter: Int)] = []
        var preDepth = 0
        while index < count {
            guard let open = findByte(ASCII.lessThan, in: input, from: index, to: count) else {
                writer.text(input, index..<count, pre: preDepth > 0)
                break
            }
            if open > index { writer.text(input, index..<open, pre: preDepth > 0) }
            guard let tag = HTMLTag.parse(input, at: open) else {
                writer.text(input, open..<(open + 1), pre: preDepth > 0)
                index = open + 1
                continue
            }
            index = tag.end
            let name = tag.name
            if tag.isClosing {
                switch name {
                case "a":
                    if let link = links.popLast(), showLinkTargets {
                        writer.linkTarget(link.href, since: link.textStart)
                    }
                case "li": writer.newline()
                case "ol", "ul":
                    _ = listStack.popLast()
                    writer.newline()
                case "pre":
                    preDepth = max(0, preDepth - 1)
                    writer.paragraph()
                case "td", "th": writer.cellBreak()
                case "p" where paragraphsAreLines: writer.newline()
                default:
                    if Self.paragraphs.contains(name) {
                        writer.paragraph()
                    } else if Self.lines.contains(name) {
                        writer.newline()
                    }
                }
                continue
            }
            if Self.skipped.contains(name), !tag.isSelfClosing {
                let end = Self.endOfRawText(input, name: name, from: index)
                if title == nil, name == "title" || name == "head" {
                    title = Self.title(input, in: (name == "title" ? open : index)..<end)
                }
                index = end
                continue
            }
            switch name {
            case "br": writer.lineBreak()
            case "a":
                if !tag.isSelfClosing { links.append((tag.attribute("href", in: input) ?? "", writer.count)) }
            case "li":
                writer.newline()
                if var top = listStack.popLast() {
                    top.counter += 1
                    // Nested lists are indented two spaces per level.
                    let indent = String(repeating: "  ", count: min(listStack.count, 8))
                    writer.raw(indent + (top.ordered ? "\(top.counter). " : "- "))
                    listStack.append(top)
                } else {
                    writer.raw("- ")
                }
            case "ol", "ul":
                writer.newline()
                listStack.append((name == "ol", 0))
            case "pre":
                writer.paragraph()
                preDepth += 1
            case "img":
                if let alt = tag.attribute("alt", in: input), !alt.allSatisfy(\.isWhitespace), alt.count < 80 {
                    // A linked image's alt text names the link (a button); an unlinked image's is decoration.
                    let linked = !links.isEmpty
                    if !linked { sawAltText = true }
                    if showAlt || linked { writer.raw("[\(alt)]") }
                }
            case "td", "th": writer.cellBreak()
            case "hr":
                writer.newline()
            case "p" where paragraphsAreLines:
                writer.newline()
            default:
                if Self.paragraphs.contains(name) {
                    writer.paragraph()
                } else if Self.lines.contains(name) {
                    writer.newline()
                }
            }
        }
        let sawVisibleText = writer.sawVisibleText
        return (writer.finish(), title, sawVisibleText, sawAltText)
    }

    /// The text of the first `<title>` element within `range`, or nil (empty or over 300 bytes).
    private static func title(_ input: [UInt8], in range: Range<Int>) -> String? {
        var position = range.lowerBound
        while let open = findByte(ASCII.lessThan, in: input, from: position, to: range.upperBound) {
            position = open + 1
            guard open + 6 <= range.upperBound, input[(open + 1)..<(open + 6)].equalsIgnoringCase("title"),
                let tag = HTMLTag.parse(input, at: open), tag.name == "title", !tag.isClosing
            else { continue }
            let end = endOfRawText(input, name: "title", from: tag.end)
            let closing = input[tag.end..<end].lastIndex(of: ASCII.lessThan) ?? end
            var writer = TextWriter()
            writer.text(input, tag.end..<max(tag.end, min(closing, range.upperBound)), pre: false)
            let text = writer.finish()
            return text.isEmpty || text.utf8.count > 300 ? nil : text
        }
        return nil
    }

    /// The index after `</name>` (case-insensitive), or the end.
    private static func endOfRawText(_ input: [UInt8], name: String, from start: Int) -> Int {
        let needle = Array("</".utf8)
        var position = start
        while let found = findBytes(needle, in: input, from: position) {
            let nameStart = found + 2
            let nameEnd = nameStart + name.utf8.count
            if nameEnd <= input.count, input[nameStart..<nameEnd].equalsIgnoringCase(name) {
                return findByte(ASCII.greaterThan, in: input, from: nameEnd, to: input.count).map { $0 + 1 }
                    ?? input.count
            }
            position = found + 2
        }
        return input.count
    }
}
