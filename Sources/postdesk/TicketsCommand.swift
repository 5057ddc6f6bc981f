import ArgumentParser
import PostdeskApp
import PostdeskCore

struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets", abstract: "Read tickets (safe while serve runs).",
        subcommands: [List.self, Show.self, ParticipantCommand.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tickets, newest first.")
        @OptionGroup var options: ConfigOptions
        @Flag(help: "Print a JSON array.") var json = false
        @Option(help: "At most this many.") var limit = 1000

        func run() async throws {
            let postdesk = try Postdesk(config: try options.load())
            let tickets = try await postdesk.store.read { [limit] q in try q.tickets(limit: limit) }
            if json {
                print(try TicketJSON.jsonString(tickets.map { TicketJSON($0) }))
            } else {
                for t in tickets {
                    print("#\(t.number)\t\(t.status.rawValue)\t\(t.customer.address)\t\(t.subject)")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One ticket with its messages and events.")
        @OptionGroup var options: ConfigOptions
        @Argument(help: "The ticket number.") var number: Int64
        @Flag(help: "Print a JSON object.") var json = false

        func run() async throws {
            let postdesk = try Postdesk(config: try options.load())
            let found = try await postdesk.store.read { [number] q -> TicketJSON? in
                guard let t = try q.ticket(number: TicketNumber(number)) else { return nil }
                return TicketJSON(
                    t, messages: try q.messages(of: t.id, includeInternal: true), events: try q.events(of: t.id),
                    participants: try q.participants(of: t.id))
            }
            guard let ticket = found else {
                printError("postdesk: no ticket #\(number)")
                throw ExitCode(1)
            }
            print(try TicketJSON.jsonString(ticket))
        }
    }
}

struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Outbound mail that failed or may not have gone out.",
        subcommands: [Retry.self])

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a failed or uncertain mail again.")
        @OptionGroup var options: ConfigOptions
        @Argument(help: "The outbox row ID shown on the ticket.") var id: Int64

        func run() async throws {
            let postdesk = try Postdesk(config: try options.load())
            try await postdesk.store.write { [id] tx in
                try tx.markOutbox(OutboxID(id), state: .queued, error: nil)
            }
            print("outbox \(id) queued again")
        }
    }
}
