import Foundation

/// An outbound message to be written as RFC 5322 bytes: UTF-8 text, optional HTML alternative, attachments and inline
/// images.
public struct ComposedMail: Sendable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var replyTo: MailAddress?
    public var subject: String
    /// Without angle brackets.
    public var messageID: String
    public var inReplyTo: String?
    public var references: [String]
    public var date: Date
    public var text: String
    public var html: String?
    /// Extra header fields, e.g. `Auto-Submitted: auto-replied`. ASCII values only.
    public var extraHeaders: [(name: String, value: String)]
    /// Files sent with the mail; inline images (``ComposedAttachment/isInline`` with a Content-ID) go beside the
    /// HTML body, or as ordinary attachments when there is no HTML.
    public var attachments: [ComposedAttachment]

    public init(
        from: MailAddress, to: [MailAddress], replyTo: MailAddress?, subject: String, messageID: String,
        inReplyTo: String?, references: [String], date: Date, text: String, html: String?,
        extraHeaders: [(name: String, value: String)] = [], attachments: [ComposedAttachment] = []
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.date = date
        self.text = text
        self.html = html
        self.extraHeaders = extraHeaders
        self.attachments = attachments
    }

    /// The message as CRLF-terminated bytes, bodies in quoted-printable UTF-8 (RFC 2045 §6.7), non-ASCII header
    /// text as RFC 2047 encoded words.
    ///
    /// No value can start a header line: names and the subject lose their control characters and are quoted or
    /// encoded; addresses, Message-IDs and extra fields, which are written as they are, must pass their grammar.
    /// - Throws: ``ComposeError`` naming the first value that does not, and nothing is written.
    public func render() throws(ComposeError) -> [UInt8] {
        var h: [String] = []
        h.append("Date: \(HeaderEncoding.rfc5322Date(date))")
        h.append("From: \(try HeaderEncoding.address(from, field: "From"))")
        var recipients: [String] = []
        for address in to { recipients.append(try HeaderEncoding.address(address, field: "To")) }
        h.append("To: \(recipients.joined(separator: ",\r\n "))")
        if let replyTo { h.append("Reply-To: \(try HeaderEncoding.address(replyTo, field: "Reply-To"))") }
        h.append("Subject: \(HeaderEncoding.encodedWords(subject.withoutControls, offset: 9))")
        h.append("Message-ID: \(try HeaderEncoding.messageID(messageID, field: "Message-ID"))")
        if let inReplyTo { h.append("In-Reply-To: \(try HeaderEncoding.messageID(inReplyTo, field: "In-Reply-To"))") }
        if !references.isEmpty {
            var ids: [String] = []
            for id in references { ids.append(try HeaderEncoding.messageID(id, field: "References")) }
            h.append("References: \(ids.joined(separator: "\r\n "))")
        }
        for (name, value) in extraHeaders { h.append(try HeaderEncoding.field(name, value)) }
        h.append("MIME-Version: 1.0")
        let (contentHeaders, body) = MIMEPartWriter.render(
            try bodyStructure(), seed: MIMEPartWriter.seed(messageID), preamble: true)
        h += contentHeaders
        return Array((h.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body
    }

    /// The MIME structure (RFC 2046 §5.1.3, §5.1.4, RFC 2387): the text alone; text and HTML as
    /// multipart/alternative, the HTML inside a multipart/related with its inline images; and a multipart/mixed
    /// around it all with the other attachments.
    private func bodyStructure() throws(ComposeError) -> MIMEPartWriter.Part {
        let textPart = MIMEPartWriter.text("plain", text)
        var body = textPart
        var files: [ComposedAttachment] = attachments
        if let html {
            var htmlPart = MIMEPartWriter.text("html", html)
            let images = attachments.filter(\.isInlineImage)
            if !images.isEmpty {
                var parts = [htmlPart]
                for image in images { parts.append(try MIMEPartWriter.file(image, inline: true)) }
                htmlPart = .multipart(subtype: "related", parameters: "\r\n type=\"text/html\";", parts: parts)
                files.removeAll(where: \.isInlineImage)
            }
            body = .multipart(subtype: "alternative", parameters: "", parts: [textPart, htmlPart])
        }
        guard !files.isEmpty else { return body }
        var parts = [body]
        for file in files { parts.append(try MIMEPartWriter.file(file, inline: false)) }
        return .multipart(subtype: "mixed", parameters: "", parts: parts)
    }
}

/// A value that would break the header block of a mail we compose: composing refused it, nothing was sent. Retrying
/// cannot help; the value must change.
public struct ComposeError: Error, Sendable, CustomStringConvertible {
    /// The header field whose value was refused.
    public var field: String
    /// What is wrong with it (never the value itself: it came from outside and may be anything).
    public var message: String
    public var isTransient: Bool { false }
    public var description: String { "\(field): \(message); the mail was not composed" }
}
