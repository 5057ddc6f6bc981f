import ArgumentParser
import Foundation
import PostdeskCore
import PostdeskGateway

struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Outbound mail that failed or may not have gone out.",
        subcommands: [Retry.self])

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue a failed or uncertain mail again; a sent, queued or unknown one is refused.")
        @OptionGroup var options: ConfigOptions
        @Argument(help: "The outbox row ID shown on the ticket.") var id: Int64

        func run() async throws {
            let store = try options.existingDatabase(.readWrite)
            let result = try await OutboxRetry.requeue(OutboxID(id), store: store, now: Date())
            switch result {
            case .requeued(let was, _, _):
                print("mail \(id) queued again (it was \(was.rawValue)); it keeps its Message-ID and bytes")
            case .refused(.sent, let sentAt):
                let when = sentAt.map { " at \($0.formatted(Date.ISO8601FormatStyle()))" } ?? ""
                printError("postdesk: mail \(id) was sent\(when); it is not sent again")
                throw ExitCode(1)
            case .refused(.queued, _):
                printError("postdesk: mail \(id) is already queued; the outbox sends it when it falls due")
                throw ExitCode(1)
            case .refused(let state, _):
                printError("postdesk: mail \(id) is \(state.rawValue) right now; it is not queued a second time")
                throw ExitCode(1)
            case .notFound:
                printError("postdesk: no outbox mail \(id)")
                throw ExitCode(1)
            }
        }
    }
}
