/// The typed view model every ticket mail template renders (`MailTemplates/<template>/`).
public struct TicketMailModel: Codable, Sendable, Equatable {
    public var ticketNumber: Int64
    public var subject: String
    public var customerName: String?
    /// Opens the customer's page for this one ticket; the Gateway turns it into a URL.
    public var portalToken: String
    /// The message being relayed, for replies; nil for acknowledgements.
    public var body: String?

    public init(ticketNumber: Int64, subject: String, customerName: String?, portalToken: String, body: String? = nil) {
        self.ticketNumber = ticketNumber
        self.subject = subject
        self.customerName = customerName
        self.portalToken = portalToken
        self.body = body
    }
}
