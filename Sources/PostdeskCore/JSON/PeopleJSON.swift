import Foundation

/// The `user list --json` and `team list --json` shapes. Other tools read these: change only by adding keys.
public enum PeopleJSON {
    /// An operator, admin or customer account. Since issue 9 also `away`, `time_zone` (IANA or null: UTC), `week`
    /// (`"mon-fri 09:00-17:00"`, null: always on shift), `quiet_hours` (`"22:00-07:00"` or null) and
    /// `muted_templates` (sorted names).
    public struct User: Encodable, Sendable {
        /// The primary address: where notifications go, and what `user disable` takes.
        public var address: String
        public var name: String?
        public var role: String
        /// Every address, the primary first.
        public var addresses: [String]
        /// Team names, sorted; empty for customers.
        public var teams: [String]
        public var disabled: Bool
        public var created_at: String
        /// Issue 9: away, working hours and notification preferences (customers: the defaults).
        public var availability = OperatorAvailability()

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(address, forKey: .address)
            try c.encode(name, forKey: .name)
            try c.encode(role, forKey: .role)
            try c.encode(addresses, forKey: .addresses)
            try c.encode(teams, forKey: .teams)
            try c.encode(disabled, forKey: .disabled)
            try c.encode(created_at, forKey: .created_at)
            try c.encode(availability.isAway, forKey: .away)
            try c.encode(availability.timeZone, forKey: .time_zone)
            try c.encode(availability.week, forKey: .week)
            try c.encode(availability.quietHours, forKey: .quiet_hours)
            try c.encode(availability.mutedTemplates, forKey: .muted_templates)
        }
        enum CodingKeys: String, CodingKey {
            case address, name, role, addresses, teams, disabled, created_at
            case away, time_zone, week, quiet_hours, muted_templates
        }

        public init(_ account: OperatorAccount) {
            address = account.primaryAddress
            name = account.name
            role = account.role.rawValue
            addresses = account.addresses
            teams = account.teams
            disabled = account.isDisabled
            created_at = TicketJSON.timestamp(account.createdAt)
            availability = account.availability
        }

        public init(_ account: CustomerAccount) {
            address = account.person.address
            name = account.person.name
            role = Role.customer.rawValue
            addresses = [account.person.address]
            teams = []
            disabled = account.isDisabled
            created_at = TicketJSON.timestamp(account.createdAt)
        }
    }

    /// A team and its members' primary addresses.
    public struct TeamEntry: Encodable, Sendable {
        public var name: String
        public var members: [String]
        public var created_at: String

        /// - Parameters:
        ///   - operators: every operator; those in the team become its members, by primary address.
        public init(_ team: Team, operators: [OperatorAccount]) {
            name = team.name
            members = operators.filter { $0.isMember(of: team.name) }.map(\.primaryAddress)
            created_at = TicketJSON.timestamp(team.createdAt)
        }
    }
}
