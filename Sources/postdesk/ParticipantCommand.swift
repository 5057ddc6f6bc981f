import ArgumentParser
import PostdeskApp
import PostdeskCore
import PostdeskWorkflow

/// `postdesk tickets participant add|list`: who takes part in a ticket, and the operator's way to add someone.
/// Only confirmed participants ever receive a ticket's mail.
struct ParticipantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "participant", abstract: "Who receives a ticket's mail.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an address to a ticket, or confirm a pending one: it then receives the ticket's mail.")
        @OptionGroup var options: ConfigOptions
        @Argument(help: "The ticket number.") var number: Int64
        @Argument(help: "The mail address (local@domain).") var address: String
        @Option(help: "A display name.") var name: String?

        func run() async throws {
            let postdesk = try Postdesk(config: try options.load())
            let workflow = ParticipantWorkflow(environment: postdesk.environment)
            let change: ParticipantChange
            do {
                change = try await postdesk.store.write { [number, address, name] tx in
                    try workflow.add(
                        address: address, name: name, to: TicketNumber(number), by: "operator:cli", in: tx)
                }
            } catch let error as WorkflowError {
                printError("postdesk: \(error.message)")
                throw ExitCode(1)
            }
            switch change {
            case .added: print("#\(number): \(address) added")
            case .confirmed: print("#\(number): \(address) confirmed")
            case .unchanged: print("#\(number): \(address) was already a participant")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A ticket's participants, oldest first.")
        @OptionGroup var options: ConfigOptions
        @Argument(help: "The ticket number.") var number: Int64
        @Flag(help: "Print a JSON array.") var json = false

        func run() async throws {
            let postdesk = try Postdesk(config: try options.load())
            let found = try await postdesk.store.read { [number] q -> [Participant]? in
                guard let ticket = try q.ticket(number: TicketNumber(number)) else { return nil }
                return try q.participants(of: ticket.id)
            }
            guard let participants = found else {
                printError("postdesk: no ticket #\(number)")
                throw ExitCode(1)
            }
            if json {
                print(try TicketJSON.jsonString(participants.map(TicketJSON.ParticipantJSON.init)))
            } else {
                for p in participants {
                    print("\(p.state.rawValue)\t\(p.person.address)\t\(p.person.name ?? "")\t\(p.addedBy)")
                }
            }
        }
    }
}
