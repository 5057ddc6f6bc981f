import Foundation

/// Delivery state of an outbound mail. Raw values are the SQL spelling.
public enum OutboxState: String, Codable, Sendable {
    /// Waiting for its first or next attempt.
    case queued
    /// Claimed by a sender; SMTP in progress.
    case sending
    /// Accepted by the relay.
    case sent
    /// Refused for good (or retries exhausted); shown on the ticket.
    case failed
    /// The process died while the relay had the message: it may or may not have gone out. Never resent on its own,
    /// shown on the ticket, resent only when someone says so (`postdesk outbox retry`).
    case uncertain
}

/// A mail to send, written in the same transaction as the change that caused it.
public struct NewOutboxItem: Sendable {
    public var ticketID: TicketID?
    /// The template folder under `MailTemplates/`, e.g. `ticket_created`.
    public var template: String
    /// The template's language, e.g. `en`, `ru`.
    public var language: String
    public var recipient: Person
    /// Our Message-ID for it, fixed before the first attempt so a retry sends the same message.
    public var messageID: String
    public var inReplyTo: String?
    public var references: [String]
    /// Typed view model, JSON-encoded by the workflow that queued it.
    public var model: Data
    /// Whether this is automatic mail (`Auto-Submitted: auto-replied`).
    public var isAutomatic: Bool
    public var dueAt: Date
    /// The mailbox (by name) whose address and relay send it; nil: the default mailbox.
    public var mailbox: String?
    /// The display name in From (the mailbox's address stays the address): an operator's name on a relayed reply;
    /// nil: the mailbox's own name.
    public var fromName: String?
    /// Whose reply token the Reply-To carries.
    public var replyToken: ReplyTokenSubject

    public init(
        ticketID: TicketID?, template: String, language: String, recipient: Person, messageID: String,
        inReplyTo: String?, references: [String], model: Data, isAutomatic: Bool, dueAt: Date,
        mailbox: String? = nil, fromName: String? = nil, replyToken: ReplyTokenSubject = .recipient
    ) {
        self.mailbox = mailbox
        self.fromName = fromName
        self.replyToken = replyToken
        self.ticketID = ticketID
        self.template = template
        self.language = language
        self.recipient = recipient
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.model = model
        self.isAutomatic = isAutomatic
        self.dueAt = dueAt
    }
}

/// A row of the outbox.
public struct OutboxItem: Sendable {
    public var id: OutboxID
    public var item: NewOutboxItem
    public var state: OutboxState
    public var attempts: Int
    /// The exact bytes of the first rendering; every retry sends these.
    public var raw: [UInt8]?
    public var lastError: String?

    public init(id: OutboxID, item: NewOutboxItem, state: OutboxState, attempts: Int, raw: [UInt8]?, lastError: String?)
    {
        self.id = id
        self.item = item
        self.state = state
        self.attempts = attempts
        self.raw = raw
        self.lastError = lastError
    }
}

/// Who the signed Reply-To of an outbound mail is for. Raw SQL spelling: `recipient`, `operator:<id>`, `none`.
public enum ReplyTokenSubject: Sendable, Hashable {
    /// Signed for the recipient's address (customers and participants): only a reply from it threads.
    case recipient
    /// Signed for an operator and the ticket: a reply from one of that operator's addresses acts as them.
    case `operator`(OperatorID)
    /// No token (a refusal of a command mail: nothing to reply to).
    case none

    public var storedValue: String {
        switch self {
        case .recipient: "recipient"
        case .operator(let id): "operator:\(id.rawValue)"
        case .none: "none"
        }
    }

    public init?(storedValue: String) {
        switch storedValue {
        case "recipient": self = .recipient
        case "none": self = .none
        default:
            guard storedValue.hasPrefix("operator:"), let id = Int64(storedValue.dropFirst("operator:".count))
            else { return nil }
            self = .operator(OperatorID(id))
        }
    }
}
