import ArgumentParser
import Foundation
import Logging
import PostdeskApp

struct PollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll",
        abstract: "Take in everything waiting in the configured mailboxes once, send what is due, and exit (for cron).")

    @OptionGroup var options: ConfigOptions

    @Flag(help: "Do not send the outbox afterwards.")
    var noSend = false

    func run() async throws {
        let postdesk = try Postdesk(config: try options.load())
        var logger = Logger(label: "postdesk")
        logger.logLevel = .warning
        let renderer = try await postdesk.renderer()
        let pollers = try postdesk.pollers(languages: renderer.languages(), logger: logger)
        guard !pollers.isEmpty else {
            printError("postdesk: no mailbox has an imap url (imap.url, or imap: in a mailboxes: entry)")
            throw ExitCode(78)
        }
        let start = ContinuousClock.now
        var fetched = 0
        for poller in pollers {
            fetched += try await poller.drain()
            await poller.reader.close()
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "fetched \(fetched) mails in \(String(format: "%.3f", seconds)) s"
                + (fetched > 0 ? String(format: " (%.0f mails/s)", Double(fetched) / seconds) : ""))
        if !noSend, let outbox = try postdesk.outbox(renderer: renderer, logger: logger) {
            let start = ContinuousClock.now
            let sent = try await outbox.drainAll()
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print(
                "sent \(sent) mails in \(String(format: "%.3f", seconds)) s"
                    + (sent > 0 ? String(format: " (%.0f mails/s)", Double(sent) / seconds) : ""))
        }
    }
}
