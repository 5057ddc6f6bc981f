import ArgumentParser
import PostdeskApp
import PostdeskCore

struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets", abstract: "Read tickets (safe while serve runs; changes nothing).",
        subcommands: [List.self, Show.self, ParticipantCommand.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tickets, newest first.")
        @OptionGroup var options: ConfigOptions
        @Flag(help: "Print a JSON array.") var json = false
        @Option(help: "At most this many.") var limit = 1000

        func run() async throws {
            let store = try options.existingDatabase(.readOnly)
            let tickets = try await store.read { [limit] q in try q.tickets(limit: limit) }
            if json {
                print(try TicketJSON.jsonString(tickets.map { TicketJSON($0) }))
            } else {
                tickets.forEach { print(TicketText.line($0)) }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One ticket with its messages and events.")
        @OptionGroup var options: ConfigOptions
        @Argument(help: "The ticket number.") var number: Int64
        @Flag(help: "Print a JSON object.") var json = false

        func run() async throws {
            let store = try options.existingDatabase(.readOnly)
            let found = try await store.read { [number] q -> (Ticket, [TicketMessage], [TicketEvent], [Participant])? in
                guard let t = try q.ticket(number: TicketNumber(number)) else { return nil }
                return (
                    t, try q.messages(of: t.id, includeInternal: true), try q.events(of: t.id),
                    try q.participants(of: t.id)
                )
            }
            guard let found else {
                printError("postdesk: no ticket #\(number)")
                throw ExitCode(1)
            }
            let (ticket, messages, events, participants) = found
            if json {
                print(
                    try TicketJSON.jsonString(
                        TicketJSON(ticket, messages: messages, events: events, participants: participants)))
            } else {
                print(TicketText.render(ticket, messages: messages, events: events), terminator: "")
            }
        }
    }
}
