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
                "postdesk.portal": "\(config.baseURL)",
                "postdesk.mailboxes":
                    "\(postdesk.mailboxes.map { "\($0.name) <\($0.address)>" }.joined(separator: ", "))",
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
            print("configuration ok: portal \(config.baseURL)")
            for mailbox in config.effectiveMailboxes {
                print(Self.describe(mailbox, supportName: config.supportName))
            }
            return
        }
        problems.forEach { printError("postdesk: \($0)") }
        throw ExitCode(78)
    }

    /// `mailbox sales <sales@example.test> "Sales": team sales, language en, imap …, smtp …`, without passwords.
    static func describe(_ mailbox: MailboxConfig, supportName: String) -> String {
        var parts = [
            "team \(mailbox.team ?? "none")", "language \(mailbox.language)",
            "imap \(mailbox.imap.map { MailboxName.describe($0) } ?? "none")",
            "smtp \(mailbox.smtp.map { MailboxName.describe($0) } ?? "none (the first mailbox's relay)")",
        ]
        if let id = mailbox.authservID { parts.append("authserv-id \(id)") }
        if mailbox.trustSenderCheck { parts.append("trusts its server's sender check") }
        if !mailbox.acknowledge { parts.append("no acknowledgements") }
        return "mailbox \(mailbox.name) <\(mailbox.address)> \"\(mailbox.displayName ?? supportName)\": "
            + parts.joined(separator: ", ")
    }
}
