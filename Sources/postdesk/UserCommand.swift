import ArgumentParser
import Foundation
import PostdeskApp
import PostdeskCore
import PostdeskStore

/// `postdesk user add|list|disable|enable|away|back|hours|notify|quiet`: operators, admins and customers with
/// accounts (ARCHITECTURE §4), and operators' availability and notification preferences (issue 9).
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Operators, admins and customer accounts.",
        subcommands: [
            Add.self, List.self, Disable.self, Enable.self, Away.self, Back.self, Hours.self, Notify.self, Quiet.self,
            Password.self, Invite.self,
        ])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an operator, an admin, or an account for a customer.")
        @OptionGroup var options: ConfigOptions
        @Option(help: "customer, operator or admin.") var role: String
        @Argument(help: "The primary mail address (local@domain): notifications go there.") var address: String
        @Option(help: "A display name (an operator's name is shown to customers on relayed answers).") var name: String?
        @Option(help: "A team to join (operators and admins); repeat for several. The team must exist.")
        var team: [String] = []
        @Option(help: "Another address of the same operator; repeat for several.") var also: [String] = []

        func run() async throws {
            let user = try parsedUser()
            let postdesk = try Postdesk(config: try options.load())
            let added = try await storeErrorsExit {
                try await postdesk.store.write { [user] tx in try tx.addUser(user, at: Date()) }
            }
            switch added {
            case .operator(let account):
                let teams = account.teams.isEmpty ? "" : " in \(account.teams.joined(separator: ", "))"
                print("\(account.role.rawValue) \(account.addresses.joined(separator: ", ")) added\(teams)")
            case .customer(let account):
                print("customer \(account.person.address) added")
            }
        }

        /// The arguments as a ``NewUser``, or a message naming the bad one and exit 1.
        func parsedUser() throws -> NewUser {
            guard let role = Role(rawValue: role) else {
                throw usage("--role must be customer, operator or admin, not '\(role)'")
            }
            guard let primary = EmailAddress(address) else { throw usage("'\(address)' is not a mail address") }
            let others = try also.map { text in
                guard let address = EmailAddress(text) else { throw usage("--also '\(text)' is not a mail address") }
                return address
            }
            if role == .customer, !team.isEmpty || !others.isEmpty {
                throw usage("--team and --also are for operators and admins")
            }
            // A name goes into From display names and mail bodies: no line breaks or other control characters.
            if let name, name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                throw usage("--name must not contain control characters")
            }
            let name = name.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            return NewUser(role: role, address: primary, name: name, teams: team, also: others)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Operators and admins, then customers with accounts, by address.")
        @OptionGroup var options: ConfigOptions
        @Flag(help: "Print a JSON array.") var json = false

        func run() async throws {
            let store = try options.existingDatabase(.readOnly)
            let (operators, customers) = try await store.read { q in
                (try q.operatorAccounts(includeDisabled: true), try q.customerAccounts())
            }
            let users = operators.map(PeopleJSON.User.init) + customers.map(PeopleJSON.User.init)
            if json {
                print(try TicketJSON.jsonString(users))
            } else {
                for account in operators {
                    print(
                        [
                            account.role.rawValue, account.addresses.joined(separator: ","), account.name ?? "",
                            account.teams.joined(separator: ","), account.isDisabled ? "disabled" : "enabled",
                        ].joined(separator: "\t"))
                }
                for account in customers {
                    print(
                        [
                            "customer", account.person.address, account.person.name ?? "", "",
                            account.isDisabled ? "disabled" : "enabled",
                        ].joined(separator: "\t"))
                }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account: a disabled operator gets no mail and can post nothing.")
        @OptionGroup var options: ConfigOptions
        @Argument(help: "Any of the account's addresses.") var address: String

        func run() async throws { try await setDisabled(true, address: address, options: options) }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")
        @OptionGroup var options: ConfigOptions
        @Argument(help: "Any of the account's addresses.") var address: String

        func run() async throws { try await setDisabled(false, address: address, options: options) }
    }

    static func setDisabled(_ disabled: Bool, address: String, options: ConfigOptions) async throws {
        let postdesk = try Postdesk(config: try options.load())
        let found = try await postdesk.store.write { tx in try tx.setUserDisabled(address: address, disabled: disabled)
        }
        guard found else {
            printError("postdesk: no operator or customer account has the address \(address)")
            throw ExitCode(1)
        }
        print("\(address) \(disabled ? "disabled" : "enabled")")
    }
}

/// Prints `postdesk: <message>` to standard error; the error to throw to exit 1.
func usage(_ message: String) -> ExitCode {
    printError("postdesk: \(message)")
    return ExitCode(1)
}

/// Runs `work`; a refused change (a conflict, an unknown name) prints its message and exits 1.
func storeErrorsExit<T>(_ work: () async throws -> T) async throws -> T {
    do {
        return try await work()
    } catch let error as StoreError where error.code == .conflict || error.code == .notFound {
        throw usage(error.message)
    }
}
