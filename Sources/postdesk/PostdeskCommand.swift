import ArgumentParser
import Foundation
import PostdeskApp
import PostdeskCore

@main
struct PostdeskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postdesk",
        abstract: "An email-gateway helpdesk: mail in, tickets out.",
        subcommands: [
            ServeCommand.self, PollCommand.self, MailCommand.self, IngestCommand.self, TicketsCommand.self,
            InboundCommand.self, OutboxCommand.self, UserCommand.self, TeamCommand.self, WorkTypeCommand.self,
            RulesCommand.self,
            MigrateCommand.self, CheckConfigCommand.self, DevCommand.self,
        ]
    )
}

/// `--config FILE`, shared by every command that needs the configuration.
struct ConfigOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "YAML configuration file (default: postdesk.yaml if present); POSTDESK_* variables override it.")
    var config: String?

    func load() throws -> PostdeskConfig {
        try PostdeskConfig.load(file: config, environment: ProcessInfo.processInfo.environment)
    }

    /// The database of an existing installation, opened without creating or migrating anything. When there is none,
    /// or it is older than this version, says "run postdesk migrate" and exits 78 (EX_CONFIG).
    func existingDatabase(_ access: PostdeskConfig.DatabaseAccess) throws -> any TicketStore {
        do {
            return try load().existingDatabase(access)
        } catch let error as ConfigError {
            printError("postdesk: \(error)")
            throw ExitCode(78)
        }
    }
}

/// Prints to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
