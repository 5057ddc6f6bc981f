import Foundation

/// An outbound message to be written as RFC 5322 bytes: UTF-8 text, optional HTML alternative.
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

    public init(
        from: MailAddress, to: [MailAddress], replyTo: MailAddress?, subject: String, messageID: String,
        inReplyTo: String?, references: [String], date: Date, text: String, html: String?,
        extraHeaders: [(name: String, value: String)] = []
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
        var body: String
        if let html {
            let boundary =
                "=_postdesk_\(messageID.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 })"
            h.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            body = "This is a multi-part message in MIME format.\r\n"
            body += "--\(boundary)\r\n" + Self.part("text/plain", text) + "\r\n"
            body += "--\(boundary)\r\n" + Self.part("text/html", html) + "\r\n"
            body += "--\(boundary)--\r\n"
        } else {
            h.append("Content-Type: text/plain; charset=utf-8")
            h.append("Content-Transfer-Encoding: quoted-printable")
            body = QuotedPrintableEncoder.encode(text)
        }
        return Array((h.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
    }

    private static func part(_ type: String, _ content: String) -> String {
        "Content-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + QuotedPrintableEncoder.encode(content)
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
