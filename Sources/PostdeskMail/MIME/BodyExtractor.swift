/// Chooses the body among a message's leaf parts and turns every other leaf into an attachment.
///
/// The HTML body is the first `text/html` leaf that is not declared an attachment; the plain body joins every
/// such `text/plain` leaf (mailers split text around inline images); other representations inside a
/// `multipart/alternative` (RFC 2046 §5.1.4) are dropped; `message/rfc822` parts (§5.2.1) stay whole
/// attachments; uuencoded blocks inside plain text become attachments too. When no part qualifies, the first
/// text part that only carries a file name (`name=` without `Content-Disposition: attachment`) is the body: mail
/// clients show such parts inline, and CPython's `get_body` makes the same choice.
struct BodyExtractor {
    let raw: [UInt8]
    let limits: MailLimits
    let decoder: TextDecoder

    struct Result {
        /// The plain text, uuencoded blocks included (the whole body, as sent).
        var plain: String?
        /// The plain text without uuencoded blocks (they are attachments too): what the reply is read from.
        var plainWithoutBlocks: String?
        var html: String?
        var attachments: [ParsedAttachment] = []
    }

    private struct Leaf {
        var entity: MIMEEntity
        var parentType: String?
        var parentID: Int
        var number: Int
    }

    func extract(_ root: MIMEEntity, warnings: inout WarningLog) -> Result {
        var leaves: [Leaf] = []
        var nextID = 0
        collect(root, parentType: nil, parentID: -1, nextID: &nextID, into: &leaves)
        let isHTMLBody = { (leaf: Leaf) in leaf.entity.mediaType == "text/html" && !leaf.entity.isDeclaredAttachment }
        var htmlIndices: Set<Int> = []
        let fallback = fallbackBody(leaves)
        if let fallback, leaves[fallback].entity.mediaType == "text/html" { htmlIndices.insert(fallback) }
        if let first = leaves.firstIndex(where: isHTMLBody) {
            htmlIndices.insert(first)
            // Apple Mail splits the HTML body around attachments into sibling parts of a multipart/mixed.
            if leaves[first].parentType == "multipart/mixed" {
                for index in leaves.indices
                where index > first && isHTMLBody(leaves[index])
                    && leaves[index].parentID == leaves[first].parentID
                {
                    htmlIndices.insert(index)
                }
            }
        }
        var result = Result()
        var namer = AttachmentNamer()
        var plainTexts: [String] = []
        var strippedTexts: [String] = []
        var sawBlocks = false
        var htmlTexts: [String] = []
        var sequence: [InlineImageLayout.Segment] = []
        for (position, leaf) in leaves.enumerated() {
            let entity = leaf.entity
            let context = "part \(leaf.number)"
            let isBodyText = !entity.isDeclaredAttachment && entity.disposition?.value != "attachment"
            if position == fallback {
                warnings.add("\(context): named text part read as the body (no other body text)")
            }
            if htmlIndices.contains(position) {
                let bytes = decodedBody(entity, context: context, forDisplay: true, warnings: &warnings)
                htmlTexts.append(text(bytes, entity: entity, context: context, warnings: &warnings))
                continue
            }
            if entity.mediaType == "text/plain", isBodyText || position == fallback {
                let bytes = decodedBody(entity, context: context, forDisplay: true, warnings: &warnings)
                let blocks = Uuencode.blocks(in: bytes)
                for block in blocks {
                    let name = namer.name(
                        declared: block.filename, mediaType: "application/octet-stream", description: nil,
                        contentID: nil, enclosedSubject: nil)
                    result.attachments.append(
                        attachment(
                            data: block.data, name: name, mediaType: MediaTypes.guess(filename: block.filename),
                            contentID: nil, inline: false))
                }
                let full = text(bytes, entity: entity, context: context, warnings: &warnings)
                plainTexts.append(full)
                sequence.append(.text(full))
                if blocks.isEmpty {
                    strippedTexts.append(full)
                } else {
                    sawBlocks = true
                    var stripped = bytes
                    for block in blocks.reversed() { stripped.removeSubrange(block.range) }
                    var quiet = WarningLog(limit: 1)
                    strippedTexts.append(text(stripped, entity: entity, context: context, warnings: &quiet))
                }
                continue
            }
            if leaf.parentType == "multipart/alternative", entity.mediaType.hasPrefix("text/"), isBodyText {
                continue  // another representation of the body
            }
            let attachment = makeAttachment(leaf, namer: &namer, warnings: &warnings)
            if attachment.inline, attachment.contentType.hasPrefix("image/"), let contentID = attachment.contentID {
                sequence.append(.image(contentID: contentID))
            }
            result.attachments.append(attachment)
        }
        if !htmlTexts.isEmpty {
            result.html = htmlTexts.joined(separator: "\n")
        } else if let interleaved = InlineImageLayout.html(sequence) {
            result.html = interleaved
            warnings.add("HTML body built from text parts and the inline images between them")
        }
        let joined = plainTexts.filter { !$0.isEmpty }.joined(separator: "\n")
        if !plainTexts.isEmpty {
            result.plain = joined
            result.plainWithoutBlocks =
                sawBlocks
                ? strippedTexts.filter { !$0.isEmpty }.joined(separator: "\n") : joined
        }
        return result
    }

    /// The first named text part not declared `attachment`, when no text part is an unnamed body candidate.
    private func fallbackBody(_ leaves: [Leaf]) -> Int? {
        let isText = { (leaf: Leaf) in ["text/plain", "text/html"].contains(leaf.entity.mediaType) }
        guard !leaves.contains(where: { isText($0) && !$0.entity.isDeclaredAttachment }) else { return nil }
        return leaves.firstIndex { isText($0) && $0.entity.disposition?.value != "attachment" }
    }

    private func collect(
        _ entity: MIMEEntity, parentType: String?, parentID: Int, nextID: inout Int, into leaves: inout [Leaf]
    ) {
        if entity.isMultipart, !entity.children.isEmpty {
            nextID += 1
            let id = nextID
            for child in entity.children {
                collect(child, parentType: entity.mediaType, parentID: id, nextID: &nextID, into: &leaves)
            }
        } else {
            leaves.append(Leaf(entity: entity, parentType: parentType, parentID: parentID, number: leaves.count + 1))
        }
    }

    private func makeAttachment(_ leaf: Leaf, namer: inout AttachmentNamer, warnings: inout WarningLog)
        -> ParsedAttachment
    {
        let entity = leaf.entity
        // A file is kept byte for byte: RFC 2049 §4 makes CRLF the canonical form of text, so a CSV sent with CRLF
        // must arrive with CRLF. An enclosed message (message/rfc822, delivery-status) is no customer's file but
        // mail whose CRLFs are the transport's line ends; it is stored with LF, as Zammad and the Ruby mail gem
        // store it (the Zammad corpus sizes them so).
        var data = decodedBody(entity, context: "part \(leaf.number)", warnings: &warnings)
        if entity.mediaType.hasPrefix("message/"), ["7bit", "quoted-printable"].contains(entity.transferEncoding) {
            data = LineEndings.normalize(data)
        }
        let contentID = entity.contentID(decoder: decoder, warnings: &warnings)
        let description = entity.headerText("Content-Description", decoder: decoder, warnings: &warnings)
        var subject: String?
        if entity.isMessage {
            var inner = WarningLog(limit: 4)
            let section = HeaderSectionReader.read(data, in: 0..<data.count, limits: limits, warnings: &inner)
            subject = section.first("Subject").map {
                EncodedWords.decode($0.unfolded, decoder: decoder, context: "Subject", warnings: &inner)
            }
        }
        let name = namer.name(
            declared: entity.filename, mediaType: entity.mediaType, description: description, contentID: contentID,
            enclosedSubject: subject)
        let inline = entity.disposition?.value == "inline" || (entity.disposition == nil && contentID != nil)
        return attachment(data: data, name: name, mediaType: entity.mediaType, contentID: contentID, inline: inline)
    }

    private func attachment(data: [UInt8], name: String, mediaType: String, contentID: String?, inline: Bool)
        -> ParsedAttachment
    {
        ParsedAttachment(filename: name, contentType: mediaType, contentID: contentID, inline: inline, data: data)
    }

    /// The body bytes with the transfer encoding removed; `forDisplay` for body text, whose line ends are
    /// normalised afterwards (attachments keep canonical, exact bytes).
    func decodedBody(_ entity: MIMEEntity, context: String, forDisplay: Bool = false, warnings: inout WarningLog)
        -> [UInt8]
    {
        TransferDecoding.decode(
            raw[entity.body], encoding: entity.transferEncoding, context: context, forDisplay: forDisplay,
            warnings: &warnings)
    }

    /// Text of a text part: charset decoded, line ends normalised to LF, NULs dropped, flowed lines joined.
    func text(_ bytes: [UInt8], entity: MIMEEntity, context: String, warnings: inout WarningLog) -> String {
        var cleaned = bytes
        let label = entity.contentType["charset"]
        // UTF-16 and UTF-32 text is mostly NUL bytes: NULs are removed after decoding there, never before.
        let wide = label.map { Charset(label: $0).isWide } ?? false
        if !wide, cleaned.contains(0) {
            warnings.add("\(context): NUL bytes removed")
            cleaned.removeAll { $0 == 0 }
        }
        if cleaned.count > limits.maxTextBytes {
            warnings.add("\(context): text longer than \(limits.maxTextBytes) bytes; cut")
            cleaned.removeSubrange((wide ? limits.maxTextBytes & ~3 : limits.maxTextBytes)...)
        }
        if !wide { cleaned = LineEndings.normalize(cleaned) }  // ASCII-compatible: fix line ends on the bytes
        var decoded = decoder.decode(cleaned, label: label, context: context, warnings: &warnings)
        if wide {
            if decoded.unicodeScalars.contains("\u{0}") {
                warnings.add("\(context): NUL characters removed")
                decoded.unicodeScalars.removeAll { $0 == "\u{0}" }
            }
            decoded = LineEndings.normalize(decoded)
        }
        guard entity.mediaType == "text/plain", entity.contentType["format"]?.lowercased() == "flowed" else {
            return decoded
        }
        return FlowedText.unflow(decoded, deleteSpace: entity.contentType["delsp"]?.lowercased() == "yes")
    }
}

/// Line-end normalisation for text output.
enum LineEndings {
    /// CRLF becomes LF (lone CRs stay).
    static func normalize(_ bytes: [UInt8]) -> [UInt8] {
        guard findByte(ASCII.cr, in: bytes, from: 0, to: bytes.count) != nil else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.cr, index + 1 < bytes.count, bytes[index + 1] == ASCII.lf {
                index += 1
                continue
            }
            out.append(byte)
            index += 1
        }
        return out
    }

    /// CRLF and lone CR become LF.
    static func normalize(_ text: String) -> String {
        guard text.utf8.contains(ASCII.cr) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var previousCR = false
        for byte in text.utf8 {
            if byte == ASCII.cr {
                out.append(ASCII.lf)
                previousCR = true
            } else {
                if !(byte == ASCII.lf && previousCR) { out.append(byte) }
                previousCR = false
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
