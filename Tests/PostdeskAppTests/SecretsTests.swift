import Foundation
import Logging
import PostdeskCrypto
import Testing

@testable import PostdeskApp
@testable import PostdeskStore

/// Issue 7 point 5: the secret is long enough, generated once and never overwritten; the data is private; mailbox
/// names carry no credentials.
@Suite struct SecretsTests {
    let dataDir: String

    init() {
        dataDir =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("postdesk-secrets-\(UUID().uuidString)/var").path
    }

    func config(_ change: (inout PostdeskConfig) -> Void = { _ in }) -> PostdeskConfig {
        var config = PostdeskConfig()
        config.dataDir = dataDir
        change(&config)
        return config
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: dataDir).deletingLastPathComponent().path)
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1) & 0o777
    }

    @Test("POSTDESK_SECRET shorter than 32 bytes is refused at start; 32 bytes are enough")
    func shortSecretRefused() throws {
        defer { cleanUp() }
        #expect(throws: ConfigError.self) {
            try Postdesk(config: config { $0.secret = String(repeating: "x", count: 31) })
        }
        #expect(config { $0.secret = "short" }.problems().contains { $0.contains("POSTDESK_SECRET") })
        let postdesk = try Postdesk(config: config { $0.secret = String(repeating: "x", count: 32) })
        // And a configured secret leaves no file behind
        #expect(!FileManager.default.fileExists(atPath: "\(dataDir)/secret"))
        #expect(postdesk.keys.currentKeyID.count == KeyRing.keyIDLength)
    }

    @Test("the first start creates the data directory 0700 and a 32-byte secret file 0600; the next start reuses it")
    func firstStart() throws {
        defer { cleanUp() }
        // When Postdesk starts twice on a fresh data directory
        let first = try Postdesk(config: config())
        let second = try Postdesk(config: config())

        // Then the directory, the secret and the database are private
        #expect(try Self.mode(dataDir) == 0o700)
        #expect(try Self.mode("\(dataDir)/secret") == 0o600)
        #expect(try Self.mode("\(dataDir)/postdesk.sqlite") == 0o600)
        #expect(FileManager.default.contents(atPath: "\(dataDir)/secret")?.count == 32)
        // And the second start signs with the same keys
        #expect(first.keys.key(for: .replyToken).bytes == second.keys.key(for: .replyToken).bytes)
        // And nothing but the database files and the secret is left in it
        let files = try FileManager.default.contentsOfDirectory(atPath: dataDir).filter { !$0.hasPrefix("postdesk") }
        #expect(files == ["secret"])
    }

    @Test("an existing short secret file is refused and left exactly as it was")
    func shortFileNeverOverwritten() throws {
        defer { cleanUp() }
        // Given a secret file of 16 bytes
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        let short = Data(repeating: 7, count: 16)
        #expect(FileManager.default.createFile(atPath: "\(dataDir)/secret", contents: short))

        // When Postdesk starts, Then it refuses with an error naming the file
        do {
            _ = try Postdesk(config: config())
            Issue.record("a short secret file must stop the start")
        } catch let error as ConfigError {
            #expect(error.message.contains("\(dataDir)/secret") && error.message.contains("16 bytes"))
        }
        // And the file is untouched
        #expect(FileManager.default.contents(atPath: "\(dataDir)/secret") == short)
    }

    @Test("a secret file that cannot be read is refused, not replaced")
    func unreadableFileRefused() throws {
        defer { cleanUp() }
        // Given a "secret" that cannot be read as a file (a directory: read(2) fails even for root)
        try FileManager.default.createDirectory(atPath: "\(dataDir)/secret", withIntermediateDirectories: true)

        // Then the start is refused with the file's name, and the directory is still there
        do {
            _ = try Postdesk(config: config())
            Issue.record("an unreadable secret file must stop the start")
        } catch let error as ConfigError {
            #expect(error.message.contains("\(dataDir)/secret") && error.message.contains("cannot be read"))
        }
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: "\(dataDir)/secret", isDirectory: &isDirectory))
        #expect(isDirectory.boolValue)
    }

    @Test("first starts racing each other all end up with the one secret that was written")
    func racingFirstStarts() throws {
        defer { cleanUp() }
        // Given a fresh directory and 16 starts at once, each with its own random key
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        let file = SecretFile(path: "\(dataDir)/secret", minimumLength: 32)
        let results = Results()

        // When they all load-or-create the secret
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let key = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
            results.append(Result { try file.loadOrCreate { key } })
        }

        // Then all got the same key, the one in the file, and no temporary file is left
        let keys = try results.all.map { try $0.get() }
        #expect(keys.count == 16 && Set(keys).count == 1)
        #expect(keys.first.map { Data($0) } == FileManager.default.contents(atPath: "\(dataDir)/secret"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dataDir) == ["secret"])
    }

    @Test("a previous secret verifies through its until date (inclusive, UTC), and needs one")
    func previousSecret() throws {
        defer { cleanUp() }
        let old = String(repeating: "o", count: 32)
        let new = String(repeating: "n", count: 32)
        let oldID = try KeyRing(secret: Array(old.utf8)).currentKeyID
        let settings = config {
            $0.secret = new
            $0.secretPrevious = old
            $0.secretPreviousUntil = "2027-01-31"
        }
        let keys = try Postdesk(config: settings).keys
        let lastSecond = try #require(ISO8601DateFormatter().date(from: "2027-01-31T23:59:59Z"))
        #expect(keys.verificationKeys(for: .replyToken, keyID: oldID, at: lastSecond).count == 1)
        #expect(keys.verificationKeys(for: .replyToken, keyID: oldID, at: lastSecond.addingTimeInterval(1)).isEmpty)

        #expect(self.config { $0.secretPrevious = old }.problems().contains { $0.contains("secret_previous_until") })
        let badDate = self.config {
            $0.secretPrevious = old
            $0.secretPreviousUntil = "31.01.2027"
        }
        #expect(badDate.problems().contains { $0.contains("secret_previous_until") })
        #expect(throws: ConfigError.self) { try Postdesk(config: badDate) }
    }

    @Test("a generated secret rotates by renaming its file to secret.previous")
    func rotateGeneratedSecret() throws {
        defer { cleanUp() }
        // Given an installation with a generated secret
        let before = try Postdesk(config: config()).keys
        let oldID = before.currentKeyID

        // When the file is renamed and a grace period is set
        try FileManager.default.moveItem(atPath: "\(dataDir)/secret", toPath: "\(dataDir)/secret.previous")
        let after = try Postdesk(config: config { $0.secretPreviousUntil = "2999-12-31" }).keys

        // Then a new secret signs, and the old keys still verify
        #expect(after.key(for: .replyToken).bytes != before.key(for: .replyToken).bytes)
        #expect(
            after.verificationKeys(for: .replyToken, keyID: oldID, at: Date()).map(\.bytes)
                == [before.key(for: .replyToken).bytes])

        // And an end date without any previous secret is an error
        try FileManager.default.removeItem(atPath: "\(dataDir)/secret.previous")
        #expect(throws: ConfigError.self) { try Postdesk(config: config { $0.secretPreviousUntil = "2999-12-31" }) }
    }

    @Test("secret_previous and secret_previous_until are read from YAML and POSTDESK_SECRET_PREVIOUS(_UNTIL)")
    func previousSecretKeys() throws {
        let config = try PostdeskConfig.load(
            file: nil,
            environment: [
                "POSTDESK_SECRET_PREVIOUS": "old secret", "POSTDESK_SECRET_PREVIOUS_UNTIL": "2027-01-31T12:00:00Z",
            ])
        #expect(config.secretPrevious == "old secret")
        #expect(try config.previousSecretExpiry() == ISO8601DateFormatter().date(from: "2027-01-31T12:00:00Z"))
    }

    @Test(
        "the mailbox name is the IMAP URL without userinfo, the same as the v3 migration makes of old rows",
        arguments: [
            (
                "imaps://support%40example.test:hunter2@mail.example.test:993/INBOX",
                "imaps://mail.example.test:993/INBOX"
            ),
            ("imap://user;AUTH=PLAIN:hunter2@host/INBOX", "imap://host/INBOX"),
            ("imap://u:hunter2@ss@host/INBOX", "imap://host/INBOX"),
            ("imap://u:hunter2/x@host/INBOX", "imap://host/INBOX"),
            ("imap://127.0.0.1:14143/INBOX", "imap://127.0.0.1:14143/INBOX"),
            ("imaps://host/Shared/support@example.test", "imaps://host/Shared/support@example.test"),
        ]
    )
    func mailboxName(url: String, name: String) {
        #expect(MailboxName.of(url: url) == name)
        #expect(SQLiteMigrations.v5CredentialFreeName(url) == name)
    }

    @Test("the poller's mailbox name (ledger, poll mark, logs) carries no password")
    func pollerName() throws {
        defer { cleanUp() }
        let postdesk = try Postdesk(
            config: config { $0.imapURL = "imaps://support:hunter2@mail.example.test/INBOX" })
        let poller = try #require(try postdesk.poller(languages: ["en"], logger: Logger(label: "test")))
        #expect(poller.name == "imaps://mail.example.test/INBOX")
    }
}

/// Collects results from concurrent work.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<[UInt8], any Error>] = []
    func append(_ result: Result<[UInt8], any Error>) { lock.withLock { results.append(result) } }
    var all: [Result<[UInt8], any Error>] { lock.withLock { results } }
}
