import ArgumentParser
import Foundation
import PostdeskApp
import PostdeskCore

/// `postdesk team add|list`: the groups tickets are routed to (ARCHITECTURE §4).
struct TeamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team", abstract: "Teams of operators.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a team; operators join it with user add --team.")
        @OptionGroup var options: ConfigOptions
        @Argument(help: "1–64 letters, digits, '-', '_' or '.'; unique regardless of case.") var name: String

        func run() async throws {
            guard let name = TeamName(name) else {
                throw usage("'\(name)' is not a team name: use 1–64 letters, digits, '-', '_' or '.'")
            }
            let postdesk = try Postdesk(config: try options.load())
            let team = try await storeErrorsExit {
                try await postdesk.store.write { tx in try tx.addTeam(name: name.rawValue, at: Date()) }
            }
            print("team \(team.name) added")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Teams by name, with their members.")
        @OptionGroup var options: ConfigOptions
        @Flag(help: "Print a JSON array.") var json = false

        func run() async throws {
            let store = try options.existingDatabase(.readOnly)
            let (teams, operators) = try await store.read { q in
                (try q.teams(), try q.operatorAccounts(includeDisabled: true))
            }
            let entries = teams.map { PeopleJSON.TeamEntry($0, operators: operators) }
            if json {
                print(try TicketJSON.jsonString(entries))
            } else {
                for team in teams {
                    let members = operators.filter { $0.isMember(of: team.name) }.map(\.primaryAddress)
                    print("\(team.name)\t\(members.joined(separator: ","))")
                }
            }
        }
    }
}
