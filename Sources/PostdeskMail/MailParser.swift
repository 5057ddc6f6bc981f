import Foundation

/// Reads one RFC 5322 message (with RFC 6532 UTF-8 headers and MIME, RFC 2045–2049) into a ``ParsedMail``.
///
/// Bytes in, values out: no I/O, no global state. Everything malformed but readable becomes a warning; only
/// input that exceeds ``MailLimits/maxBytes`` or is no message at all throws.
public struct MailParser: Sendable {
    /// Which representation ``ParsedMail/text`` comes from when a message has both a plain and an HTML body.
    public enum TextSource: Sendable, Hashable {
        /// The text/plain part (ARCHITECTURE §4); HTML is converted only when there is no plain part.
        case preferPlain
        /// The HTML part converted to text (what the sender saw; Zammad and most helpdesks show this).
        case preferHTML
    }

    /// The bounds applied to every message.
    public let limits: MailLimits
    /// Where ``ParsedMail/text`` comes from.
    public let textSource: TextSource

    /// Creates a parser.
    /// - Parameters:
    ///   - limits: size, depth and count limits (``MailLimits/default`` when omitted).
    ///   - textSource: which body ``ParsedMail/text`` is taken from (``TextSource/preferPlain`` when omitted).
    public init(limits: MailLimits = .default, textSource: TextSource = .preferPlain) {
        self.limits = limits
        self.textSource = textSource
    }

    /// Parses one raw message.
    /// - Parameter raw: the message bytes exactly as received (LF, CRLF or mixed line ends).
    /// - Returns: the message's values, body, attachments and classification.
    /// - Throws: ``MailParseError`` with code `tooLarge`, `empty` or `notAMessage` (no header and not text).
    public func parse(_ raw: [UInt8]) throws(MailParseError) -> ParsedMail {
        guard !raw.isEmpty else { throw MailParseError(code: .empty, message: "the message is empty") }
        guard raw.count <= limits.maxBytes else {
            throw MailParseError(
                code: .tooLarge, message: "the message has \(raw.count) bytes; the limit is \(limits.maxBytes)")
        }
        var warnings = WarningLog(limit: limits.maxWarnings)
        var bytes = raw
        if findByte(ASCII.lf, in: bytes, from: 0, to: bytes.count) == nil, bytes.contains(ASCII.cr) {
            warnings.add("lines end in bare CR; read as LF")
            bytes = bytes.map { $0 == ASCII.cr ? ASCII.lf : $0 }
        }
        var plainDecoder = TextDecoder()
        let header = HeaderSectionReader.read(bytes, in: 0..<bytes.count, limits: limits, warnings: &warnings)
        if header.fields.isEmpty {
            guard Self.looksLikeText(bytes.prefix(4096)) else {
                throw MailParseError(
                    code: .notAMessage, message: "no header field at the start, and the bytes are not text")
            }
            // A mailing-list digest part or a pasted body: keep every byte as text rather than refuse it.
            warnings.add("no header fields; the whole input read as the body")
        }
        var tree = MIMETreeReader(raw: bytes, limits: limits, decoder: plainDecoder)
        let root = tree.read(0..<bytes.count, depth: 0, parentType: nil, header: header, warnings: &warnings)
        plainDecoder.hintSource = bytes
        let decoder = plainDecoder

        var mail = ParsedMail()
        mail.headers = header.fields.map { field in
            MailHeader(
                name: field.name,
                value: EncodedWords.decode(field.unfolded, decoder: decoder, context: field.name, warnings: &warnings))
        }
        readEnvelope(header, decoder: decoder, into: &mail, warnings: &warnings)

        let extractor = BodyExtractor(raw: bytes, limits: limits, decoder: decoder)
        let body = extractor.extract(root, warnings: &warnings)
        mail.html = body.html
        mail.contentType = body.html == nil ? "text/plain" : "text/html"
        readText(body, subject: mail.subject, into: &mail, warnings: &warnings)
        mail.attachments = body.attachments
        classify(&mail, root: root)
        mail.warnings = warnings.all
        return mail
    }

    /// ``ParsedMail/text`` and ``ParsedMail/reply`` from the plain or the HTML body (see ``TextSource``).
    ///
    /// With ``TextSource/preferPlain`` the plain text is kept unless ``AlternativeComparison`` finds it a stub
    /// or a different text than the HTML (then the HTML is what the sender saw; a warning says so). Text from
    /// HTML starts with the document's `<title>` when it adds something to the subject (HTML-only newsletters
    /// and cards name themselves there); the reply never includes it.
    private func readText(
        _ body: BodyExtractor.Result, subject: String?, into mail: inout ParsedMail, warnings: inout WarningLog
    ) {
        let plain = body.plain.map(LinkAnnotations.collapse).flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
        // The reply never contains uuencoded blocks (they are attachments); the text keeps them as sent.
        let blocksRemoved = body.plainWithoutBlocks != body.plain
        guard let html = body.html else {
            mail.text = plain ?? body.plain ?? ""
            mail.reply = ReplyExtractor.reply(
                fromText: body.plainWithoutBlocks.map(LinkAnnotations.collapse) ?? mail.text)
            if mail.reply.isEmpty, !blocksRemoved { mail.reply = mail.text.trimmingCharacters(" \t\n") }
            return
        }
        let converter = HTMLToText()
        let converted = converter.convertWithTitle(html, limit: limits.maxTextBytes)
        var htmlText = converted.text
        if let title = converted.title, !Self.sameWords(title, subject),
            !Self.sameWords(title, String(htmlText.prefix(title.count)))
        {
            htmlText = htmlText.isEmpty ? title : title + "\n\n" + htmlText
        }
        var useHTML = plain == nil || textSource == .preferHTML
        if let plain, textSource == .preferPlain,
            case .html(let reason) = AlternativeComparison.choose(plain: plain, html: htmlText)
        {
            warnings.add(reason)
            useHTML = true
        }
        if useHTML {
            mail.text = htmlText
            mail.reply = ReplyExtractor.reply(
                fromHTML: html, converted: converted.text, converter: converter, limit: limits.maxTextBytes)
            if mail.reply.isEmpty { mail.reply = converted.text.trimmingCharacters(" \t\n") }
        } else if let plain {
            mail.text = plain
            mail.reply = ReplyExtractor.reply(fromText: body.plainWithoutBlocks.map(LinkAnnotations.collapse) ?? plain)
            if mail.reply.isEmpty, !blocksRemoved { mail.reply = plain.trimmingCharacters(" \t\n") }
        }
    }

    /// Whether `bytes` can be text in some charset: no NUL, and control bytes other than blanks are rare.
    private static func looksLikeText(_ bytes: ArraySlice<UInt8>) -> Bool {
        var controls = 0
        for byte in bytes {
            if byte == 0 { return false }
            if byte < 0x20, !ASCII.isWhitespace(byte) { controls += 1 }
        }
        return controls * 100 <= bytes.count
    }

    /// Whether two short texts have the same words (case, punctuation and blanks ignored).
    private static func sameWords(_ left: String, _ right: String?) -> Bool {
        guard let right else { return false }
        func key(_ text: String) -> String {
            let kept = text.lowercased().unicodeScalars.filter {
                $0.properties.isAlphabetic || $0.properties.numericType != nil
            }
            return String(String.UnicodeScalarView(kept))
        }
        return key(left) == key(right)
    }

    /// Message-ID, threading, date, addresses and subject (RFC 5322 §3.6).
    private func readEnvelope(
        _ header: HeaderSection, decoder: TextDecoder, into mail: inout ParsedMail, warnings: inout WarningLog
    ) {
        func addresses(_ name: String, keepNamedNull: Bool = false) -> [MailAddress] {
            header.all(name).flatMap {
                AddressListParser.parse(
                    $0.unfolded, decoder: decoder, limit: limits.maxAddresses, context: name,
                    keepNamedNull: keepNamedNull, warnings: &warnings)
            }
        }
        func ids(_ name: String) -> [String] {
            header.first(name).map { MessageIDList.parse(String(decoding: $0.unfolded, as: UTF8.self)) } ?? []
        }
        mail.messageID = ids("Message-ID").first
        mail.inReplyTo = ids("In-Reply-To")
        mail.references = ids("References")
        if let field = header.first("Date") {
            let value = String(decoding: field.unfolded, as: UTF8.self)
            mail.date = DateParser.parse(value)
            if mail.date == nil { warnings.add("Date header unreadable; ignored") }
        }
        let froms = addresses("From", keepNamedNull: true)
        mail.from = froms.first { $0.address.contains("@") } ?? froms.first { !$0.address.isEmpty }
        if mail.from == nil {
            for name in ["Sender", "Reply-To", "Return-Path"] {
                if let fallback = addresses(name).first(where: { $0.address.contains("@") }) {
                    warnings.add("no usable From; \(name) used")
                    mail.from = fallback
                    break
                }
            }
        }
        if mail.from == nil, let named = froms.first {
            // `From: MAILER DAEMON <>` (bounces): the null address, but the name is what the operator sees.
            warnings.add("From is the null address <>; only its name kept")
            mail.from = named
        }
        mail.to = addresses("To")
        mail.cc = addresses("Cc")
        mail.replyTo = addresses("Reply-To")
        mail.subject = header.first("Subject").map {
            EncodedWords.decode($0.unfolded, decoder: decoder, context: "Subject", warnings: &warnings).withoutControls
        }
    }

    /// Bounce and auto-response classification.
    private func classify(_ mail: inout ParsedMail, root: MIMEEntity) {
        let subject = mail.subject?.lowercased() ?? ""
        let fromLocal = mail.from?.localPart.lowercased() ?? ""
        let fromDaemon =
            fromLocal == "mailer-daemon" || fromLocal == "postmaster" || fromLocal == "mail-daemon"
            || mail.from?.address.isEmpty == true  // `From: … <>`: only daemons send from the null address
        let bounceSubject = [
            "undeliver", "returned mail", "delivery status notification", "delivery failure",
            "failure notice", "mail delivery failed", "nicht zustellbar", "unzustellbar", "недоставлен",
            "delivery has failed", "non remis", "rejected", "delayed mail", "delivery delayed",
            "could not send message",
            "delivery status notification (delay)", "warning: message", "verzögert",
        ].contains { subject.containsBytes($0) }
        let isReport = root.mediaType == "multipart/report"
        let parts = mail.attachments.map { BounceReader.Part(mediaType: $0.contentType, data: $0.data) }
        mail.bounce = BounceReader.read(
            parts: parts, text: mail.text, looksLikeBounce: isReport || (fromDaemon && bounceSubject))
        if let bounce = mail.bounce, !isReport,
            !parts.contains(where: { $0.mediaType.containsBytes("delivery-status") }),
            bounce.recipients.isEmpty, bounce.status == nil, !fromDaemon
        {
            mail.bounce = nil
        }
        let headers = mail.headers
        mail.autoResponse = AutoResponseClassifier.classify(
            .init(
                header: { name in headers.first { $0.name.utf8.equalsIgnoringCase(name) }?.value },
                fromAddress: mail.from?.address, subject: mail.subject, isBounce: mail.bounce != nil))
    }
}
