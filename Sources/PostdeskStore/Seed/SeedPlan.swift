import Foundation

/// What `postdesk dev seed` makes (ARCHITECTURE §4): synthetic helpdesk data for benchmarks.
public struct SeedPlan: Sendable {
    public var tickets: Int
    public var messagesPerTicket: Int
    /// Every seeded person's password, hashed as sign-in checks it (the store never sees the password itself).
    public var passwordHash: String
    /// The newest ticket is about this old; the oldest about two years older.
    public var now: Date

    /// - Parameters:
    ///   - tickets: at least 1.
    ///   - messagesPerTicket: at least 1 (the customer's first mail); the default is 4.
    public init(tickets: Int, messagesPerTicket: Int = 4, passwordHash: String, now: Date) {
        self.tickets = max(tickets, 1)
        self.messagesPerTicket = max(messagesPerTicket, 1)
        self.passwordHash = passwordHash
        self.now = now
    }

    /// About four tickets per customer.
    var customers: Int { max(tickets / 4, 1) }
    /// One operator per 5,000 tickets, 4 to 200.
    var operators: Int { min(max(tickets / 5_000, 4), 200) }
    /// One team per 100,000 tickets, 3 to 10.
    var teams: Int { min(max(tickets / 100_000, 3), 10) }
}

/// What a seed made: the one-line JSON of `postdesk dev seed`.
public struct SeedSummary: Sendable, Hashable, Codable {
    public var tickets: Int
    public var messages: Int
    public var customers: Int
    public var operators: Int
    public var teams: Int
    public var timeEntries: Int
    /// One seeded customer's address, to sign in with.
    public var customer: String
    /// One seeded operator's address, to sign in with.
    public var `operator`: String

    enum CodingKeys: String, CodingKey {
        case tickets, messages, customers, operators, teams, customer, `operator`
        case timeEntries = "time_entries"
    }
}
