import Foundation
public import PostdeskCore

/// The `user list --json` and `team list --json` shapes. Other tools read these: change only by adding keys.
public enum PeopleJSON {
    /// An operator, admin or customer account.
    public struct User: Encodable, Sendable {
        /// The primary address: where notifications go, and what `user disable` takes.
        var address: String
        var name: String?
        var role: String
        /// Every address, the primary first.
        var addresses: [String]
        /// Team names, sorted; empty for customers.
        var teams: [String]
        var disabled: Bool
        var created_at: String

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(address, forKey: .address)
            try c.encode(name, forKey: .name)
            try c.encode(role, forKey: .role)
            try c.encode(addresses, forKey: .addresses)
            try c.encode(teams, forKey: .teams)
            try c.encode(disabled, forKey: .disabled)
            try c.encode(created_at, forKey: .created_at)
        }
        enum CodingKeys: String, CodingKey { case address, name, role, addresses, teams, disabled, created_at }

        public init(_ account: OperatorAccount) {
            address = account.primaryAddress
            name = account.name
            role = account.role.rawValue
            addresses = account.addresses
            teams = account.teams
            disabled = account.isDisabled
            created_at = TicketJSON.timestamp(account.createdAt)
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
        var name: String
        var members: [String]
        var created_at: String

        /// - Parameters:
        ///   - operators: every operator; those in the team become its members, by primary address.
        public init(_ team: Team, operators: [OperatorAccount]) {
            name = team.name
            members = operators.filter { $0.isMember(of: team.name) }.map(\.primaryAddress)
            created_at = TicketJSON.timestamp(team.createdAt)
        }
    }
}
