import ArgumentParser
import Foundation
import PostdeskApp
import PostdeskStore
import PostdeskWeb

/// `postdesk dev …`: tools for developers and benchmarks, never needed to run a helpdesk.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev", abstract: "Developer tools (benchmark data).", subcommands: [Seed.self])

    /// `postdesk dev seed --tickets N [--messages M] --password P [--json]` (ARCHITECTURE §4).
    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fill an empty database with synthetic customers, operators, teams and tickets.",
            discussion: """
                Customers are c<i>@seed.test (about one per four tickets), operators op<i>@seed.test (op1 is an \
                admin) in teams t1…; tickets have English and Russian mail, statuses, priorities, tags and time \
                entries spread like a working helpdesk. Refuses a database that already holds anything.
                """)
        @OptionGroup var options: ConfigOptions
        @Option(help: "How many tickets (1 to 10,000,000).") var tickets: Int
        @Option(help: "Messages per ticket (1 to 100).") var messages = 4
        @Option(help: "Every seeded person's password.") var password: String
        @Flag(help: "Print the summary as one line of JSON.") var json = false

        func run() async throws {
            guard (1...10_000_000).contains(tickets) else { throw usage("--tickets must be 1 to 10,000,000") }
            guard (1...100).contains(messages) else { throw usage("--messages must be 1 to 100") }
            if let problem = PasswordPolicy.problem(with: password) { throw usage("--password needs \(problem)") }
            let postdesk = try Postdesk(config: try options.load())
            let plan = SeedPlan(
                tickets: tickets, messagesPerTicket: messages, passwordHash: PasswordPolicy().hash(password),
                now: Date())
            let total = tickets
            let started = Date()
            let summary = try await storeErrorsExit {
                try postdesk.store.seed(plan) { written in
                    if written % 100_000 == 0 || written == total {
                        printError("seeded \(written) of \(total) tickets")
                    }
                }
            }
            let seconds = Date().timeIntervalSince(started)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            } else {
                print(
                    "seeded \(summary.tickets) tickets, \(summary.messages) messages, \(summary.customers) customers, "
                        + "\(summary.operators) operators in \(summary.teams) teams, \(summary.timeEntries) time entries "
                        + "in \(Int(seconds)) s; sign in as \(summary.customer) or \(summary.operator)")
            }
        }
    }
}
