import Foundation

/// Reads about operators, teams, customers with accounts, watchers and time (the people area of the store).
public protocol PeopleQueries {
    func operatorAccount(id: OperatorID) throws -> OperatorAccount?
    /// The operator (enabled or not) one of whose addresses is `address`, case-insensitive.
    func operatorAccount(address: String) throws -> OperatorAccount?
    /// Every operator and admin, by primary address.
    func operatorAccounts(includeDisabled: Bool) throws -> [OperatorAccount]
    /// Customers who have an account, by address.
    func customerAccounts() throws -> [CustomerAccount]
    func teams() throws -> [Team]
    /// The team with this name, case-insensitive (its stored spelling).
    func team(named name: String) throws -> Team?
    /// Operators who follow the ticket: the ones who wrote, noted or changed something on it. Hear of what others do.
    func watchers(of ticket: TicketID) throws -> [OperatorID]
    func timeEntries(of ticket: TicketID) throws -> [TimeEntry]
    /// The new, open and pending tickets assigned to the operator, oldest first.
    func openTickets(assignedTo operatorID: OperatorID) throws -> [TicketID]
}

/// Writes about people, valid only inside ``TicketStore/write(_:)``.
public protocol PeopleTransaction: PeopleQueries {
    /// Creates an operator, admin or customer account. Throws a `StoreError` with code `conflict` when an address
    /// already belongs to an operator (or, for customers, to a customer account), and `notFound` for an unknown team.
    func addUser(_ user: NewUser, at date: Date) throws -> UserAdded
    /// Disables (or enables) the operator or customer account with this address; false when there is none.
    func setUserDisabled(address: String, disabled: Bool) throws -> Bool
    /// Creates a team; `conflict` when the name exists (case-insensitive).
    func addTeam(name: String, at date: Date) throws -> Team
    /// Makes `operatorID` a watcher of the ticket (idempotent).
    func addWatcher(_ operatorID: OperatorID, to ticket: TicketID, at date: Date) throws
    func append(_ entry: TimeEntry) throws
    /// Replaces the operator's away flag, hours, quiet hours and opt-outs; false when there is no such operator.
    func setAvailability(_ availability: OperatorAvailability, of operatorID: OperatorID) throws -> Bool
}

/// What `addUser` created.
public enum UserAdded: Sendable, Hashable {
    case `operator`(OperatorAccount)
    case customer(CustomerAccount)
}

/// A ticket to create.
public struct NewTicket: Sendable {
    public var subject: String
    public var customer: CustomerID
    public var priority: TicketPriority
    public var team: String?
    /// The mailbox name it came in through (``MailboxProfile/name``).
    public var mailbox: String?
    /// The customer's link to its page (stored hashed: pass the token, never keep it elsewhere).
    public var portalToken: String
    public var createdAt: Date

    public init(
        subject: String, customer: CustomerID, priority: TicketPriority = .normal, team: String? = nil,
        mailbox: String? = nil, portalToken: String, createdAt: Date
    ) {
        self.subject = subject
        self.customer = customer
        self.priority = priority
        self.team = team
        self.mailbox = mailbox
        self.portalToken = portalToken
        self.createdAt = createdAt
    }
}
