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
    /// The mailbox it arrived in.
    public var mailbox: MailboxProfile?
    /// What the receiving server says about the sender.
    public var evidence: SenderEvidence
    /// The mail forwarded in this one's body, when it forwards one (an operator opening a ticket for a customer).
    public var forwarded: ForwardedMail?

    public init(
        from: Person, subject: String, text: String, html: String?, reply: String, messageID: String?,
        attachments: [AttachmentRef], language: String, automatic: AutomaticMail?, hints: ThreadHints,
        mailbox: MailboxProfile? = nil, evidence: SenderEvidence = SenderEvidence(), forwarded: ForwardedMail? = nil
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
        self.mailbox = mailbox
        self.evidence = evidence
        self.forwarded = forwarded
    }
}

/// The original of a forwarded mail, read from the forwarding mail's body or its attached message.
public struct ForwardedMail: Sendable, Hashable {
    public var from: Person
    public var subject: String?
    /// The original's text.
    public var text: String

    public init(from: Person, subject: String?, text: String) {
        self.from = from
        self.subject = subject
        self.text = text
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
    /// An operator's reply token whose signature checked out: signed for that operator and that ticket. It proves
    /// nothing alone: the workflow also checks the From and the server's authentication results.
    public var operatorToken: OperatorTokenClaim?
    /// An operator-form token was present but its signature did not check out (or its key expired).
    public var forgedOperatorToken: Bool
    /// In-Reply-To and References, nearest first.
    public var referencedMessageIDs: [String]
    /// `[#N]` in the subject.
    public var subjectTag: TicketNumber?
    /// For DSNs: the Message-ID of our mail that bounced.
    public var bouncedMessageID: String?
    /// For DSNs: the recipients that failed, and whether for good (status class 5).
    public var bouncedRecipients: [String]
    public var bouncePermanent: Bool

    public init(
        verifiedToken: TicketNumber? = nil, forgedToken: Bool = false, operatorToken: OperatorTokenClaim? = nil,
        forgedOperatorToken: Bool = false, referencedMessageIDs: [String] = [], subjectTag: TicketNumber? = nil,
        bouncedMessageID: String? = nil, bouncedRecipients: [String] = [], bouncePermanent: Bool = false
    ) {
        self.bouncedRecipients = bouncedRecipients
        self.bouncePermanent = bouncePermanent
        self.verifiedToken = verifiedToken
        self.forgedToken = forgedToken
        self.operatorToken = operatorToken
        self.forgedOperatorToken = forgedOperatorToken
        self.referencedMessageIDs = referencedMessageIDs
        self.subjectTag = subjectTag
        self.bouncedMessageID = bouncedMessageID
    }
}

/// The ticket and operator an operator's reply token was signed for.
public struct OperatorTokenClaim: Sendable, Hashable {
    public var ticket: TicketNumber
    public var operatorID: OperatorID

    public init(ticket: TicketNumber, operatorID: OperatorID) {
        self.ticket = ticket
        self.operatorID = operatorID
    }
}
