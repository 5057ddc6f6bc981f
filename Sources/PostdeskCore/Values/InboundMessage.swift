import Foundation

/// An inbound mail after parsing and filtering, in the domain's words: what the workflow needs, nothing of MIME.
public struct InboundMessage: Sendable {
    public var from: Person
    public var subject: String
    public var text: String
    public var html: String?
    public var reply: String
    /// Our Message-ID form, without angle brackets.
    public var messageID: String?
    public var attachments: [AttachmentRef]
    /// `en`, `ru`, …: the language automatic answers use.
    public var language: String
    /// Set when the mail was written by a machine; such mail never gets an automatic answer.
    public var automatic: AutomaticMail?
    public var hints: ThreadHints

    public init(
        from: Person, subject: String, text: String, html: String?, reply: String, messageID: String?,
        attachments: [AttachmentRef], language: String, automatic: AutomaticMail?, hints: ThreadHints
    ) {
        self.from = from
        self.subject = subject
        self.text = text
        self.html = html
        self.reply = reply
        self.messageID = messageID
        self.attachments = attachments
        self.language = language
        self.automatic = automatic
        self.hints = hints
    }
}

/// Why a mail counts as machine-written.
public struct AutomaticMail: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case autoReply = "auto_reply", outOfOffice = "out_of_office", bulk, list, bounce, loop
    }
    public var kind: Kind
    public var reason: String

    public init(kind: Kind, reason: String) {
        self.kind = kind
        self.reason = reason
    }
}

/// What the mail says about the ticket it belongs to, strongest first (ARCHITECTURE §2 step 5).
public struct ThreadHints: Sendable, Hashable {
    /// The ticket named by a reply token whose signature checked out.
    public var verifiedToken: TicketNumber?
    /// A token was present but its signature did not check out.
    public var forgedToken: Bool
    /// In-Reply-To and References, nearest first.
    public var referencedMessageIDs: [String]
    /// `[#N]` in the subject.
    public var subjectTag: TicketNumber?
    /// For DSNs: the Message-ID of our mail that bounced.
    public var bouncedMessageID: String?

    public init(
        verifiedToken: TicketNumber? = nil, forgedToken: Bool = false, referencedMessageIDs: [String] = [],
        subjectTag: TicketNumber? = nil, bouncedMessageID: String? = nil
    ) {
        self.verifiedToken = verifiedToken
        self.forgedToken = forgedToken
        self.referencedMessageIDs = referencedMessageIDs
        self.subjectTag = subjectTag
        self.bouncedMessageID = bouncedMessageID
    }
}
