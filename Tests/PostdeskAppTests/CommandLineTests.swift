import Foundation
import PostdeskCore
import PostdeskStore
import Testing

/// ARCHITECTURE §4: the `postdesk` executable as other tools and MTAs call it.
@Suite("postdesk command line", .serialized)
struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-cli-\(UUID().uuidString)")
        .path

    func postdesk(_ arguments: [String], stdin: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CrashRecoveryTests.binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("POSTDESK_") }
        environment["POSTDESK_DATA_DIR"] = dataDir
        environment["POSTDESK_TEMPLATES_DIR"] =
            URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("MailTemplates").path
        process.environment = environment
        let (out, err, input) = (Pipe(), Pipe(), Pipe())
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static let mail = """
        From: Ivan <ivan@example.ru>\r
        To: support@example.test\r
        Subject: =?utf-8?B?0J/RgNC40L3RgtC10YA=?=\r
        Message-ID: <cli-1@example.ru>\r
        Date: Mon, 23 Nov 2026 10:00:00 +0000\r
        \r
        Hello.\r

        """

    @Test("ingest takes a mail from stdin once; a second copy is recognised; tickets list/show print the contract")
    func ingestAndRead() throws {
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        // When an MTA pipes the same mail twice
        let first = try postdesk(["ingest", "-", "--mailbox", "pipe"], stdin: Self.mail)
        let second = try postdesk(["ingest", "-", "--mailbox", "pipe"], stdin: Self.mail)

        // Then the first makes ticket #1 and the second changes nothing
        #expect(first.status == 0 && first.stdout.contains("new ticket #1"), "\(first)")
        #expect(second.status == 0 && second.stdout.contains("already taken in"), "\(second)")
        let list = try postdesk(["tickets", "list", "--json"])
        let tickets = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(tickets.count == 1)
        #expect(tickets.first?["subject"] as? String == "Принтер")
        let show = try postdesk(["tickets", "show", "1", "--json"])
        let ticket = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect((ticket["messages"] as? [[String: Any]])?.count == 1)
        #expect((ticket["events"] as? [[String: Any]])?.contains { $0["kind"] as? String == "ticket.created" } == true)
        #expect(try postdesk(["tickets", "show", "99"]).status != 0)

        // And without --json, show prints a view for a person, not JSON
        let human = try postdesk(["tickets", "show", "1"])
        #expect(human.status == 0 && human.stdout.hasPrefix("#1 Принтер\n"), "\(human)")
        #expect(human.stdout.contains("customer Ivan <ivan@example.ru>") && human.stdout.contains("  Hello."))
        #expect(human.stdout.contains("ticket.created") && !human.stdout.contains("\"messages\""))

        // And the inbound ledger lists the one stored mail, processed into #1
        let inbound = try postdesk(["inbound", "list", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(inbound.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1 && rows.first?["state"] as? String == "processed" && rows.first?["ticket"] as? Int == 1)
        let quarantined = try postdesk(["inbound", "list", "--state", "quarantined", "--json"])
        #expect((try JSONSerialization.jsonObject(with: Data(quarantined.stdout.utf8)) as? [Any])?.isEmpty == true)
    }

    /// Every command that only reads, and `outbox retry`, which needs an existing database.
    static let readOnlyCommands = [
        ["tickets", "list"], ["tickets", "list", "--json"], ["tickets", "show", "1"],
        ["tickets", "show", "1", "--json"],
        ["inbound", "list"], ["inbound", "list", "--json"], ["outbox", "retry", "1"],
        ["user", "list"], ["user", "list", "--json"], ["team", "list"], ["team", "list", "--json"],
    ]

    @Test("read-only commands on a missing or empty data directory create nothing and say to run migrate")
    func readOnlyOnEmptyDataDir() throws {
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let database = "\(dataDir)/postdesk.sqlite"
        for existing in [false, true] {
            // Given no data directory at all, then an empty one
            if existing { try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true) }

            for command in Self.readOnlyCommands {
                // When a read-only command runs
                let run = try postdesk(command)

                // Then it names the missing database and what to do, and exits non-zero
                #expect(run.status == 78, "\(command): \(run)")
                #expect(run.stderr == "postdesk: no database at \(database); run postdesk migrate\n", "\(command)")
            }
            // And mail parse works without any database
            #expect(try postdesk(["mail", "parse", "-", "--json"], stdin: Self.mail).status == 0)

            // And nothing was created: no directory, or the directory still empty
            if existing {
                #expect(try FileManager.default.contentsOfDirectory(atPath: dataDir).isEmpty)
            } else {
                #expect(!FileManager.default.fileExists(atPath: dataDir))
            }
        }
    }

    @Test("read-only commands on an older schema say to run migrate and leave the file byte-identical")
    func readOnlyOnOlderSchema() async throws {
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        // Given a database an older postdesk left behind: only the first migration applied
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        let database = "\(dataDir)/postdesk.sqlite"
        let first = try #require(SQLiteStore.knownMigrations.first)
        let old = try SQLiteStore(path: database)
        try old.migrate(upTo: first)
        try old.close()
        let before = try #require(FileManager.default.contents(atPath: database))

        for command in Self.readOnlyCommands {
            // When a read-only command runs
            let run = try postdesk(command)

            // Then it says which schema it found and to run migrate
            #expect(run.status == 78, "\(command): \(run)")
            #expect(run.stderr.contains("schema '\(first)'") && run.stderr.hasSuffix("; run postdesk migrate\n"))
            #expect(FileManager.default.contents(atPath: database) == before, "\(command)")
        }
        // And the database file is exactly as it was
        #expect(FileManager.default.contents(atPath: database) == before)
        #expect(try SQLiteStore(path: database).appliedMigrations() == [first])

        // When migrate runs, Then the same commands work
        let migrate = try postdesk(["migrate"])
        #expect(migrate.status == 0, "\(migrate)")
        #expect(try SQLiteStore(path: database).appliedMigrations() == SQLiteStore.knownMigrations)
        let list = try postdesk(["tickets", "list", "--json"])
        #expect(list.status == 0, "\(list)")
        #expect((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [Any])?.isEmpty == true)
    }

    @Test("outbox retry requeues a failed mail once, and refuses queued, sent and unknown ones")
    func outboxRetry() async throws {
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        // Given ticket #1 with its acknowledgement queued as outbox mail 1
        #expect(try postdesk(["ingest", "-"], stdin: Self.mail).status == 0)
        let store = try SQLiteStore(path: "\(dataDir)/postdesk.sqlite")
        let id = OutboxID(1)

        // When it is retried while queued, Then it is refused: the outbox already has it
        var run = try postdesk(["outbox", "retry", "1"])
        #expect(run.status == 1 && run.stderr.contains("mail 1 is already queued"), "\(run)")

        // When it failed and is retried, Then it is queued again once, and the ticket says so
        try await store.write { tx in try tx.markOutbox(id, state: .failed, error: "550 5.1.1 no such user") }
        run = try postdesk(["outbox", "retry", "1"])
        #expect(run.status == 0 && run.stdout.contains("mail 1 queued again (it was failed)"), "\(run)")
        run = try postdesk(["outbox", "retry", "1"])
        #expect(run.status == 1 && run.stderr.contains("already queued"), "\(run)")
        let show = try postdesk(["tickets", "show", "1", "--json"])
        let ticket = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let events = try #require(ticket["events"] as? [[String: Any]])
        #expect(events.filter { $0["kind"] as? String == "mail.requeued" }.count == 1)

        // When it was sent and is retried, Then it is refused, naming when it went out, and stays sent
        _ = try await store.write { tx in try tx.claimOutbox(now: Date.distantFuture, limit: 10) }
        try await store.write { tx in try tx.markOutboxSent(id, at: Date(timeIntervalSince1970: 1_795_428_000)) }
        run = try postdesk(["outbox", "retry", "1"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr == "postdesk: mail 1 was sent at 2026-11-23T10:00:00Z; it is not sent again\n")
        #expect(try await store.read { q in try q.outbox(state: .sent, limit: 10) }.map(\.id) == [id])

        // When an unknown mail is retried, Then it says there is none
        run = try postdesk(["outbox", "retry", "99"])
        #expect(run.status == 1 && run.stderr == "postdesk: no outbox mail 99\n", "\(run)")
    }

    @Test("a mail that cannot be read is kept, reported on stderr, and does not bounce back to the MTA")
    func quarantine() throws {
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let run = try postdesk(["ingest", "-"], stdin: "this is not a mail at all\n")
        #expect(run.status == 0)
        #expect(run.stderr.contains("quarantined") && run.stderr.contains("--reprocess"), "\(run)")
    }

    @Test("mail parse prints the §4 JSON object with every key")
    func mailParse() throws {
        let run = try postdesk(["mail", "parse", "-", "--json"], stdin: Self.mail)
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(
            Set(object.keys).isSuperset(of: [
                "message_id", "in_reply_to", "references", "date", "from", "to", "cc", "reply_to", "subject",
                "content_type", "text", "html", "reply", "attachments", "auto_response", "bounce", "warnings",
            ]))
        #expect(object["message_id"] as? String == "cli-1@example.ru")
        #expect(object["date"] as? String == "2026-11-23T10:00:00Z")
    }

    @Test("check-config names the problem and exits non-zero")
    func checkConfig() throws {
        var run = try postdesk(["check-config"])
        #expect(run.status == 0, "\(run)")
        run = try postdesk(["check-config", "--config", "/nonexistent.yaml"])
        #expect(run.status != 0 && run.stderr.contains("nonexistent"))
    }
}
