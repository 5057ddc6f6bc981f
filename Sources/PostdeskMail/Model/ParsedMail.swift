import Foundation

/// Everything Postdesk reads from one RFC 5322 message: the values of the `mail parse --json` contract
/// (ARCHITECTURE §4) plus all top-level headers.
public struct ParsedMail: Sendable {
    /// Message-ID without angle brackets (RFC 5322 §3.6.4).
    public var messageID: String?
    /// In-Reply-To message IDs, without angle brackets.
    public var inReplyTo: [String]
    /// References message IDs, oldest first, without angle brackets.
    public var references: [String]
    /// The Date header (RFC 5322 §3.3), nil when absent or unreadable.
    public var date: Date?
    /// The first From mailbox.
    public var from: MailAddress?
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var replyTo: [MailAddress]
    /// The decoded subject.
    public var subject: String?
    /// `text/html` when the message has an HTML body, else `text/plain`.
    public var contentType: String
    /// The text/plain body, or the HTML body converted to text when there is no plain part.
    public var text: String
    /// The decoded HTML body, or nil.
    public var html: String?
    /// Only what the sender wrote now: quoted history, reply headers and signature removed.
    public var reply: String
    /// All non-body leaf parts, decoded.
    public var attachments: [ParsedAttachment]
    /// Set when the message was written by a machine.
    public var autoResponse: AutoResponse?
    /// Set when the message is a delivery status notification.
    public var bounce: Bounce?
    /// What was malformed and how it was read.
    public var warnings: [String]
    /// All top-level header fields in order (not part of the JSON).
    public var headers: [MailHeader]

    /// Creates an empty message value; ``MailParser`` fills it.
    public init(
        messageID: String? = nil, inReplyTo: [String] = [], references: [String] = [], date: Date? = nil,
        from: MailAddress? = nil, to: [MailAddress] = [], cc: [MailAddress] = [], replyTo: [MailAddress] = [],
        subject: String? = nil, contentType: String = "text/plain", text: String = "", html: String? = nil,
        reply: String = "", attachments: [ParsedAttachment] = [], autoResponse: AutoResponse? = nil,
        bounce: Bounce? = nil, warnings: [String] = [], headers: [MailHeader] = []
    ) {
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.date = date
        self.from = from
        self.to = to
        self.cc = cc
        self.replyTo = replyTo
        self.subject = subject
        self.contentType = contentType
        self.text = text
        self.html = html
        self.reply = reply
        self.attachments = attachments
        self.autoResponse = autoResponse
        self.bounce = bounce
        self.warnings = warnings
        self.headers = headers
    }

    /// The value of the first header field called `name` (case-insensitive), or nil.
    /// - Parameter name: a field name such as `"X-Mailer"`.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.utf8.equalsIgnoringCase(name) }?.value
    }

    /// The values of all header fields called `name` (case-insensitive), in order.
    public func headers(named name: String) -> [String] {
        headers.filter { $0.name.utf8.equalsIgnoringCase(name) }.map(\.value)
    }
}
