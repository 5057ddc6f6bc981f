import ArgumentParser
import PostdeskApp
import PostdeskCore

struct InboundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbound", abstract: "The inbound ledger (safe while serve runs; changes nothing).",
        subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stored inbound mails in ledger order, with reasons.")
        @OptionGroup var options: ConfigOptions
        @Option(help: "Only this state: received, processed, ignored or quarantined.") var state: State?
        @Flag(help: "Print a JSON array.") var json = false
        @Option(help: "At most this many.") var limit = 1000

        enum State: String, ExpressibleByArgument, CaseIterable {
            case received, processed, ignored, quarantined
        }

        func run() async throws {
            let store = try options.existingDatabase(.readOnly)
            let states = (state.map { [$0] } ?? State.allCases).compactMap { InboundState(rawValue: $0.rawValue) }
            let rows = try await store.read { [limit] q in
                try states.flatMap { try q.inbound(state: $0, limit: limit) }
            }
            let listed = rows.sorted { $0.id.rawValue < $1.id.rawValue }.prefix(limit).map(InboundJSON.init)
            if json {
                print(try TicketJSON.jsonString(Array(listed)))
            } else {
                listed.forEach { print($0.line) }
            }
        }
    }
}
