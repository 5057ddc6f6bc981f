import Foundation
import PostdeskApp
import Testing

/// Issue 11 §1: how many lanes send through each relay: its own `lanes`, else `smtp.lanes`, else two per core.
@Suite("Configuration: SMTP lanes")
struct SMTPLanesConfigTests {
    func load(_ yaml: String, environment: [String: String] = [:]) throws -> PostdeskConfig {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-\(UUID().uuidString).yaml")
            .path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try PostdeskConfig.load(file: path, environment: environment)
    }

    static let list = """
        smtp:
          lanes: 3
        mailboxes:
          - name: support
            address: support@example.test
            smtp: {url: "smtp://127.0.0.1:14025", lanes: 5}
          - name: sales
            address: sales@example.test
            smtp: {url: "smtp://127.0.0.1:14025"}
        """

    @Test("a relay's own lanes win, then smtp.lanes, then two per core")
    func precedence() throws {
        // Given a list where one relay sets lanes and the file sets smtp.lanes
        let config = try load(Self.list)
        let relays = config.effectiveMailboxes.compactMap(\.smtp)

        // Then the first relay has its own 5 and the second the file's 3
        #expect(relays.map { config.effectiveSMTPLanes($0) } == [5, 3])
        #expect(config.problems() == [])

        // And without either, two per core (a lane mostly waits for the relay's fsync, not for a core)
        let bare = try PostdeskConfig.load(
            file: nil, environment: ["POSTDESK_SMTP_URL": "smtp://127.0.0.1:14025"])
        let relay = try #require(bare.effectiveMailboxes.first?.smtp)
        #expect(bare.effectiveSMTPLanes(relay) == max(1, 2 * ProcessInfo.processInfo.activeProcessorCount))
        // And POSTDESK_SMTP_LANES sets it from the environment, capped at 64
        let fromEnv = try PostdeskConfig.load(
            file: nil, environment: ["POSTDESK_SMTP_URL": "smtp://127.0.0.1:14025", "POSTDESK_SMTP_LANES": "2"])
        #expect(fromEnv.effectiveSMTPLanes(relay) == 2)
        let huge = try PostdeskConfig.load(file: nil, environment: ["POSTDESK_SMTP_LANES": "5000"])
        #expect(huge.effectiveSMTPLanes(relay) == 64)
    }

    @Test(
        "a relay's lanes must be a number from 1 to 64, and only a relay has lanes",
        arguments: [
            ("smtp: {url: \"smtp://x\", lanes: 0}", "smtp.lanes must be a number from 1 to 64, not '0'"),
            ("smtp: {url: \"smtp://x\", lanes: 65}", "not '65'"),
            ("smtp: {url: \"smtp://x\", lanes: many}", "not 'many'"),
            ("imap: {url: \"imap://x/INBOX\", lanes: 2}", "imap: unknown setting 'lanes'"),
        ])
    func malformed(entry: String, message: String) throws {
        let yaml = "mailboxes:\n  - name: a\n    address: a@example.test\n    \(entry)\n"
        let error = #expect(throws: ConfigError.self) { try load(yaml) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "no error")")
        // And smtp.lanes of the whole file is a positive number too
        #expect(throws: ConfigError.self) { try load("smtp:\n  lanes: 0\n") }
    }
}
