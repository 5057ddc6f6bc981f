import Foundation

/// One entry of a ticket's conversation: a mail, a portal reply or an internal note.
public struct TicketMessage: Hashable, Codable, Sendable {
    public var id: MessageRowID?
    public var ticketID: TicketID
    public var authorKind: AuthorKind
    public var author: Person?
    public var isInternal: Bool
    public var via: Via
    /// The whole body as plain text.
    public var text: String
    public var html: String?
    /// What the author wrote now, quoted history and signature removed.
    public var reply: String
    /// The RFC 5322 Message-ID (no angle brackets) of the mail this entry came from or went out as.
    public var messageIDHeader: String?
    public var inboundID: InboundID?
    public var attachments: [AttachmentRef]
    public var createdAt: Date
    /// Written by an address that is not (yet) a confirmed participant of the ticket: a mail that found the ticket
    /// only through its In-Reply-To/References. Shown marked; its author receives nothing until someone adds them.
    public var fromNewParticipant: Bool

    public init(
        id: MessageRowID? = nil, ticketID: TicketID, authorKind: AuthorKind, author: Person?, isInternal: Bool,
        via: Via, text: String, html: String?, reply: String, messageIDHeader: String?, inboundID: InboundID?,
        attachments: [AttachmentRef], createdAt: Date, fromNewParticipant: Bool = false
    ) {
        self.id = id
        self.ticketID = ticketID
        self.authorKind = authorKind
        self.author = author
        self.isInternal = isInternal
        self.via = via
        self.text = text
        self.html = html
        self.reply = reply
        self.messageIDHeader = messageIDHeader
        self.inboundID = inboundID
        self.attachments = attachments
        self.createdAt = createdAt
        self.fromNewParticipant = fromNewParticipant
    }
}

/// An attachment stored content-addressed in the ``BlobStore`` under its SHA-256.
public struct AttachmentRef: Hashable, Codable, Sendable {
    public var filename: String?
    public var contentType: String
    public var size: Int
    public var sha256: String
    public var contentID: String?
    public var isInline: Bool

    public init(filename: String?, contentType: String, size: Int, sha256: String, contentID: String?, isInline: Bool) {
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.contentID = contentID
        self.isInline = isInline
    }
}
