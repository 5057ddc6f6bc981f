import ArgumentParser
import Foundation
import PostdeskApp
import PostdeskCore
import PostdeskGateway

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Take one message as an MTA pipe would. Exits 75 when trying again later can help.")

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The message file, or - for standard input.")
    var file: String = "-"

    @Option(
        help: ArgumentHelp(
            "The mailbox name recorded for it.",
            discussion:
                "A configured mailbox's name (sales) also reads it as that mailbox's mail (its address, team and "
                + "language); any other name reads it as the default mailbox's."))
    var mailbox: String = "pipe"

    @Option(help: "Apply a stored (e.g. quarantined) inbound message again, by its ID.")
    var reprocess: Int64?

    func run() async throws {
        do {
            let postdesk = try Postdesk(config: try options.load())
            let languages = try await postdesk.renderer().languages()
            let processor = postdesk.processor(
                languages: languages, mailbox: postdesk.mailboxes.first { $0.name == mailbox })
            // Finish what a crash left, each row read as the mailbox it came in through.
            let interrupted = try await postdesk.store.read { q in
                Set(try q.inbound(state: .received, limit: 1000).map(\.mailbox))
            }
            for ledgerName in interrupted.sorted() {
                try await postdesk.processor(languages: languages, mailbox: postdesk.mailbox(forLedgerName: ledgerName))
                    .resumeInterrupted(mailbox: ledgerName)
            }
            let result: IngestResult
            if let reprocess {
                // Read again as the mailbox it came in through: the one polling under its ledger name, or named so.
                let id = InboundID(reprocess)
                let stored = try await postdesk.store.read { q in try q.inbound(id) }
                let reader = postdesk.processor(
                    languages: languages, mailbox: stored.map { postdesk.mailbox(forLedgerName: $0.mailbox) })
                result = try await reader.reprocess(id)
            } else {
                let raw = try readInput(file)
                guard
                    let first = try await processor.ingest(
                        [.init(bytes: raw, uid: nil)], mailbox: mailbox,
                        uidValidity: nil
                    ).first
                else { throw ExitCode(70) }
                result = first
            }
            report(result)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            // The message may or may not be stored yet; the MTA keeps it and tries again, and the ledger drops a copy.
            printError("postdesk: ingest failed, try again later: \(error)")
            throw ExitCode(75)  // EX_TEMPFAIL
        }
    }

    private func report(_ result: IngestResult) {
        switch result {
        case .accepted(let id, .created(let number)):
            print("inbound \(id): new ticket #\(number)")
        case .accepted(let id, .followUp(let number)):
            print("inbound \(id): added to ticket #\(number)")
        case .accepted(let id, .ignored(let reason, _)):
            print("inbound \(id): recorded, not applied: \(reason)")
        case .duplicate(let id):
            print("inbound \(id): already taken in")
        case .quarantined(let id, let reason), .accepted(let id, .quarantined(let reason)):
            // Stored and kept: exiting 0 stops the MTA from bouncing a message we already hold.
            printError("postdesk: inbound \(id) quarantined: \(reason) (replay with --reprocess \(id))")
        }
    }
}
