import Foundation

/// What someone may do. Raw values are the CLI, JSON and SQL spelling (ARCHITECTURE §4).
public enum Role: String, Codable, Sendable, CaseIterable {
    /// Follows their own tickets; needs no account to write in.
    case customer
    /// Answers tickets, from the console or from a mail client.
    case `operator`
    /// An operator who also tunes mailboxes, rules and people.
    case admin
}

/// An operator or admin: someone whose mail can act on tickets, once it proves who sent it.
///
/// Several addresses (the first is where notifications go) and several teams. A disabled account gets nothing and
/// can post nothing: its mail is quarantined like any other unproven claim.
public struct OperatorAccount: Hashable, Codable, Sendable {
    public var id: OperatorID
    public var name: String?
    /// `.operator` or `.admin`.
    public var role: Role
    /// Lowercased-compared addresses, the primary one (notifications go there) first. Never empty.
    public var addresses: [String]
    /// Team names, sorted.
    public var teams: [String]
    public var isDisabled: Bool
    public var createdAt: Date
    /// Away flag, working hours, quiet hours and opt-outs; the default is present, always on shift, hears all.
    public var availability: OperatorAvailability

    public init(
        id: OperatorID, name: String?, role: Role, addresses: [String], teams: [String], isDisabled: Bool,
        createdAt: Date, availability: OperatorAvailability = OperatorAvailability()
    ) {
        self.availability = availability
        self.id = id
        self.name = name
        self.role = role
        self.addresses = addresses
        self.teams = teams
        self.isDisabled = isDisabled
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, role, addresses, teams, isDisabled, createdAt, availability
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: c.decode(OperatorID.self, forKey: .id), name: c.decodeIfPresent(String.self, forKey: .name),
            role: c.decode(Role.self, forKey: .role), addresses: c.decode([String].self, forKey: .addresses),
            teams: c.decode([String].self, forKey: .teams), isDisabled: c.decode(Bool.self, forKey: .isDisabled),
            createdAt: c.decode(Date.self, forKey: .createdAt),
            // Encoded before availability existed: present, always on shift, hears everything.
            availability: c.decodeIfPresent(OperatorAvailability.self, forKey: .availability)
                ?? OperatorAvailability())
    }

    /// Where notifications go.
    public var primaryAddress: String { addresses.first ?? "" }

    /// The name and primary address, as shown on tickets (`assignee`).
    public var person: Person { Person(name: name, address: primaryAddress) }

    /// How the operator is named to others: the name, or the address when there is none.
    public var displayName: String { name.flatMap { $0.isEmpty ? nil : $0 } ?? primaryAddress }

    /// Whether `address` is one of this operator's, ignoring ASCII case only: exactly the store's `NOCASE`
    /// lookup, so the From check and the lookup can never disagree about who an address is.
    public func owns(_ address: String) -> Bool {
        addresses.contains { Self.asciiCaseInsensitiveEqual($0, address) }
    }

    static func asciiCaseInsensitiveEqual(_ a: String, _ b: String) -> Bool {
        func fold(_ byte: UInt8) -> UInt8 { (65...90).contains(byte) ? byte | 0x20 : byte }
        return a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { fold($0) == fold($1) }
    }

    public func isMember(of team: String) -> Bool {
        teams.contains { $0.caseInsensitiveCompare(team) == .orderedSame }
    }
}

/// A group of operators that tickets are routed to (`billing`, `tier2`).
public struct Team: Hashable, Codable, Sendable {
    public var name: String
    public var createdAt: Date

    public init(name: String, createdAt: Date) {
        self.name = name
        self.createdAt = createdAt
    }
}

/// `postdesk user add`: a person to create.
public struct NewUser: Sendable, Hashable {
    public var role: Role
    public var address: EmailAddress
    public var name: String?
    /// Teams to join (operators and admins); each must exist.
    public var teams: [String]
    /// More addresses of the same person (operators and admins).
    public var also: [EmailAddress]

    public init(role: Role, address: EmailAddress, name: String?, teams: [String] = [], also: [EmailAddress] = []) {
        self.role = role
        self.address = address
        self.name = name
        self.teams = teams
        self.also = also
    }
}

/// A customer who has an account (added by `user add --role customer`, or signed up on the portal later).
public struct CustomerAccount: Hashable, Codable, Sendable {
    public var id: CustomerID
    public var person: Person
    public var isDisabled: Bool
    public var createdAt: Date

    public init(id: CustomerID, person: Person, isDisabled: Bool, createdAt: Date) {
        self.id = id
        self.person = person
        self.isDisabled = isDisabled
        self.createdAt = createdAt
    }
}
