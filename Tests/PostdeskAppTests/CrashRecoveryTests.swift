import Foundation
import PostdeskCore
import PostdeskStore
import Testing

/// SIGKILL in the middle of ingesting: nothing lost, nothing doubled (ARCHITECTURE §2 steps 2 and 8).
@Suite("Crash recovery", .serialized, .enabled(if: MailStack.isAvailable))
struct CrashRecoveryTests {
    let stack = MailStack.current!

    /// The `postdesk` binary built next to the test bundle.
    static var binary: String {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return here.appendingPathComponent("postdesk").path
    }

    @Test("SIGKILL while ingesting 500 mails, then a restart, leaves exactly 500 tickets")
    func killDuringIngest() async throws {
        // Given 500 mails waiting in a fresh support mailbox
        let support = try stack.newUser("support")
        try stack.run("\(stack.scripts)/fill", support, "500", "20000")
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-kill-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: data) }
        var environment = ProcessInfo.processInfo.environment
        environment["POSTDESK_DATA_DIR"] = data
        environment["POSTDESK_SUPPORT_ADDRESS"] = support
        environment["POSTDESK_IMAP_URL"] = "imap://127.0.0.1:\(stack.imapPort)/INBOX"
        environment["POSTDESK_IMAP_USER"] = support
        environment["POSTDESK_IMAP_PASSWORD"] = "secret"
        environment["POSTDESK_CA_FILE"] = stack.caFile
        environment["POSTDESK_HTTP_ADDRESS"] = "127.0.0.1:0"
        environment["POSTDESK_TEMPLATES_DIR"] =
            URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("MailTemplates").path
        environment["POSTDESK_SMTP_URL"] = nil

        func start() throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.binary)
            process.arguments = ["serve"]
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        /// The tickets so far; nil while the file cannot be read (not there yet, or locked by a long batch), so a
        /// busy writer never reads as "no progress yet".
        /// One reader for the whole test: opening the file takes a lock a long write batch holds, while reads of
        /// an open WAL database never wait for the writer.
        nonisolated(unsafe) var reader: SQLiteStore?
        func progress() async -> Int? {
            if reader == nil, FileManager.default.fileExists(atPath: "\(data)/postdesk.sqlite") {
                reader = try? SQLiteStore(path: "\(data)/postdesk.sqlite")
            }
            guard let reader else { return nil }
            return try? await reader.read { q in try q.tickets(limit: 100_000).count }
        }
        func count() async -> Int { await progress() ?? 0 }

        // When postdesk is killed with SIGKILL as soon as it has made progress, three times over
        var kills = 0
        var seen = 0
        for _ in 0..<3 {
            let process = try start()
            let deadline = ContinuousClock.now + .seconds(20)
            while await progress() ?? seen == seen, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            seen = await count()
            if seen < 500 { kills += 1 }
        }

        // And started once more to finish
        let last = try start()
        defer { kill(last.processIdentifier, SIGKILL); last.waitUntilExit() }
        let deadline = ContinuousClock.now + .seconds(60)
        while await count() < 500, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        try await Task.sleep(for: .milliseconds(500))

        // Then exactly 500 tickets exist, one per mail, and the kills landed mid-way
        let store = try SQLiteStore(path: "\(data)/postdesk.sqlite")
        #expect(kills >= 1, "no SIGKILL landed before the end; the test proved nothing")
        #expect(try await store.read { q in try q.tickets(limit: 100_000).count } == 500)
        let ids = try await store.read { q in try q.inbound(state: .processed, limit: 10_000) }
        #expect(ids.count == 500)
        #expect(Set(ids.map(\.sha256)).count == 500)
    }
}
