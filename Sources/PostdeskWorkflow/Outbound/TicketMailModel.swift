public import PostdeskCore

/// The typed view model every ticket mail template renders (`MailTemplates/<template>/`).
///
/// One shape for every kind of mail: acknowledgements and relays to the customer side, notifications and refusals to
/// operators. Fields a template does not use stay nil; rows queued by older versions decode, as every newer field is
/// optional.
public struct TicketMailModel: Codable, Sendable, Equatable {
    public var ticketNumber: Int64
    public var subject: String
    public var customerName: String?
    /// Opens the customer's page for this one ticket; the Gateway turns it into a URL. Only in mail to the customer
    /// it was made for: never in an operator's mail.
    public var portalToken: String?
    /// The message being relayed (an operator's reply), or the customer's words an operator is told about.
    public var body: String?
    /// The customer, as operators see them (notifications only).
    public var customerAddress: String?
    /// The operator who wrote or acted: the name a customer sees on a relayed reply.
    public var actorName: String?
    /// Why an operator receives this notification, in words (`assigned to you`, `new ticket in billing`).
    public var reason: String?
    public var status: String?
    public var priority: String?
    public var team: String?
    public var assigneeName: String?
    /// The ticket's recent conversation for operators, newest first, internal notes marked.
    public var conversation: [ConversationEntry]?
    /// The command lines of an operator's mail that were refused, and why.
    public var refusals: [CommandRefusal]?
    /// Files to attach (stored in the blob store by SHA-256): a relayed reply keeps the operator's attachments.
    public var attachments: [AttachmentRef]?
    /// Account mail (sign-up, sign-in link, invitation): the path, under the portal's base URL, of the one-time link
    /// the mail carries (`/login/link/<token>`, `/password/<token>`); the Gateway turns it into a URL.
    public var accountPath: String?
    /// Account mail: the login the recipient signs in with.
    public var login: String?
    /// Account mail with `portal.signup: generated`: the generated password.
    public var generatedPassword: String?

    public init(
        ticketNumber: Int64, subject: String, customerName: String?, portalToken: String?, body: String? = nil,
        customerAddress: String? = nil, actorName: String? = nil, reason: String? = nil, status: String? = nil,
        priority: String? = nil, team: String? = nil, assigneeName: String? = nil,
        conversation: [ConversationEntry]? = nil, refusals: [CommandRefusal]? = nil,
        attachments: [AttachmentRef]? = nil
    ) {
        self.ticketNumber = ticketNumber
        self.subject = subject
        self.customerName = customerName
        self.portalToken = portalToken
        self.body = body
        self.customerAddress = customerAddress
        self.actorName = actorName
        self.reason = reason
        self.status = status
        self.priority = priority
        self.team = team
        self.assigneeName = assigneeName
        self.conversation = conversation
        self.refusals = refusals
        self.attachments = attachments
    }
}

/// One message of a ticket's conversation as an operator's notification shows it.
public struct ConversationEntry: Codable, Sendable, Equatable {
    public var author: String
    /// `customer`, `operator`, `system`.
    public var authorKind: String
    public var isInternal: Bool
    public var text: String
    /// ISO 8601, UTC.
    public var at: String

    public init(author: String, authorKind: String, isInternal: Bool, text: String, at: String) {
        self.author = author
        self.authorKind = authorKind
        self.isInternal = isInternal
        self.text = text
        self.at = at
    }
}

/// A command line an operator's mail could not carry out.
public struct CommandRefusal: Codable, Sendable, Equatable {
    /// The line as written.
    public var line: String
    public var reason: String

    public init(line: String, reason: String) {
        self.line = line
        self.reason = reason
    }
}
