import ArgumentParser
import Foundation
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
        /// What `show` reads in one snapshot.
        struct Found: Sendable {
            var ticket: Ticket
            var messages: [TicketMessage]
            var events: [TicketEvent]
            var participants: [Participant]
            var timeEntries: [TicketJSON.TimeEntryJSON]
            var sla: TicketSLA?
            var suppression: AddressSuppression?
            /// The portal form's values the ticket was opened with.
            var form: [FormValue]
        }

        static let configuration = CommandConfiguration(abstract: "One ticket with its messages and events.")
        @OptionGroup var options: ConfigOptions
        @Argument(help: "The ticket number.") var number: Int64
        @Flag(help: "Print a JSON object.") var json = false

        func run() async throws {
            let store = try options.existingDatabase(.readOnly)
            let found = try await store.read { [number] q -> Found? in
                guard let t = try q.ticket(number: TicketNumber(number)) else { return nil }
                let time = try q.timeEntries(of: t.id).map { entry in
                    TicketJSON.TimeEntryJSON(
                        entry,
                        operatorAddress: try q.operatorAccount(id: entry.operatorID)?.primaryAddress
                            ?? "operator:\(entry.operatorID.rawValue)")
                }
                return Found(
                    ticket: t, messages: try q.messages(of: t.id, includeInternal: true),
                    events: try q.events(of: t.id),
                    participants: try q.participants(of: t.id), timeEntries: time, sla: try q.slaState(of: t.id),
                    suppression: try q.suppression(of: t.customer.address, at: Date()), form: try q.formValues(of: t.id)
                )
            }
            guard let found else {
                printError("postdesk: no ticket #\(number)")
                throw ExitCode(1)
            }
            if json {
                print(
                    try TicketJSON.jsonString(
                        TicketJSON(
                            found.ticket, messages: found.messages, events: found.events,
                            participants: found.participants, timeEntries: found.timeEntries, sla: .some(found.sla),
                            suppression: .some(found.suppression), form: found.form)))
            } else {
                print(TicketText.render(found.ticket, messages: found.messages, events: found.events), terminator: "")
                if let held = found.suppression {
                    print(
                        "customer \(held.address) gets no automatic mail until "
                            + "\(held.until.formatted(Date.ISO8601FormatStyle())): \(held.reason)")
                }
            }
        }
    }
}
