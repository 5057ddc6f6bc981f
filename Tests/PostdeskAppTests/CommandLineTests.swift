import Foundation
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
