import ArgumentParser
import Logging
import PostdeskApp

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run everything: portal, mailbox poller, outbox.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        let problems = config.problems()
        guard problems.isEmpty else {
            problems.forEach { printError("postdesk: \($0)") }
            throw ExitCode(78)  // EX_CONFIG
        }
        var logger = Logger(label: "postdesk")
        logger.logLevel = .info
        let postdesk = try Postdesk(config: config)
        logger.info(
            "postdesk serving",
            metadata: [
                "postdesk.portal": "\(config.baseURL)", "postdesk.support": "\(config.supportAddress)",
                "postdesk.data_dir": "\(config.dataDir)",
            ])
        try await postdesk.serviceGroup(logger: logger).run()
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or upgrade the database, then exit.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let postdesk = try Postdesk(config: try options.load())
        print(
            "database \(postdesk.config.dataDir)/postdesk.sqlite at: \(try postdesk.store.appliedMigrations().last ?? "empty")"
        )
    }
}

struct CheckConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config", abstract: "Read the configuration and report every problem found.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        let problems = config.problems()
        if problems.isEmpty {
            print(
                "configuration ok: support \(config.supportAddress), imap \(config.imapURL ?? "none"), "
                    + "smtp \(config.smtpURL ?? "none"), portal \(config.baseURL)")
            return
        }
        problems.forEach { printError("postdesk: \($0)") }
        throw ExitCode(78)
    }
}
