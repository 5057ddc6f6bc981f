import Foundation
import PostdeskApp
import PostdeskCore
import Testing

/// Issue 8 §1: several mailboxes from a `mailboxes:` list; the `POSTDESK_IMAP_*`/`POSTDESK_SMTP_*` variables stay the
/// one-mailbox shorthand.
@Suite("Configuration: the mailboxes list and the one-mailbox shorthand")
struct MailboxConfigTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("MailTemplates").path

    static let twoMailboxes = """
        support:
          name: Example Support
        templates_dir: \(templates)
        mailboxes:
          - name: support
            address: support@example.test
            team: support
            imap: {url: "imap://127.0.0.1:14143/INBOX", user: support@example.test, password: secret}
            smtp: {url: "smtp://127.0.0.1:14025", user: support@example.test, password: secret}
          - name: sales
            address: sales@example.test
            display_name: Example Sales
            team: sales
            language: ru
            imap: {url: "imap://127.0.0.1:14143/INBOX", user: sales@example.test, password: "0123"}
            smtp: {url: "smtp://127.0.0.1:14025", user: sales@example.test, password: secret}
            authserv_id: mx.example.test
            trust_sender_check: true
            acknowledge: false
        """

    func load(_ yaml: String, environment: [String: String] = [:]) throws -> PostdeskConfig {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-\(UUID().uuidString).yaml")
            .path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try PostdeskConfig.load(file: path, environment: environment)
    }

    @Test("a list of two mailboxes gives two profiles with their own address, team, language and logins")
    func list() throws {
        // When the file with two mailboxes is read
        let config = try load(Self.twoMailboxes)

        // Then both are there, in order, with every setting and the defaults filled in
        #expect(config.problems() == [])
        let profiles = try config.mailboxProfiles()
        #expect(profiles.map(\.name) == ["support", "sales"])
        #expect(profiles.map(\.address.rawValue) == ["support@example.test", "sales@example.test"])
        #expect(profiles.map(\.displayName) == ["Example Support", "Example Sales"])
        #expect(profiles.map(\.defaultTeam) == ["support", "sales"])
        #expect(profiles.map(\.defaultLanguage) == ["en", "ru"])
        #expect(profiles.map(\.authservID) == [nil, "mx.example.test"])
        #expect(profiles.map(\.trustsSenderCheck) == [false, true])
        #expect(profiles.map(\.acknowledges) == [true, false])
        let sales = config.effectiveMailboxes[1]
        #expect(
            sales.imap == ServerLogin(url: "imap://127.0.0.1:14143/INBOX", user: "sales@example.test", password: "0123")
        )
        #expect(sales.smtp?.user == "sales@example.test")
        // And our Message-IDs take the first mailbox's domain
        #expect(config.effectiveMessageIDDomain == "example.test")
    }

    @Test("without a list, support.* and POSTDESK_IMAP_*/SMTP_* make the one mailbox, as before")
    func shorthand() throws {
        // Given only the variables a one-mailbox deployment sets
        let config = try PostdeskConfig.load(
            file: nil,
            environment: [
                "POSTDESK_SUPPORT_ADDRESS": "help@example.org", "POSTDESK_SUPPORT_NAME": "Help",
                "POSTDESK_IMAP_URL": "imaps://mail.example.org/INBOX", "POSTDESK_IMAP_USER": "help",
                "POSTDESK_IMAP_PASSWORD": "pw1", "POSTDESK_SMTP_URL": "smtps://mail.example.org",
                "POSTDESK_SMTP_USER": "help", "POSTDESK_SMTP_PASSWORD": "pw2",
            ])

        // Then there is one mailbox named after the address's local part, with those logins
        let mailbox = try #require(config.effectiveMailboxes.first)
        #expect(config.effectiveMailboxes.count == 1 && config.mailboxes.isEmpty)
        #expect(mailbox.name == "help" && mailbox.address == "help@example.org")
        #expect(mailbox.imap == ServerLogin(url: "imaps://mail.example.org/INBOX", user: "help", password: "pw1"))
        #expect(mailbox.smtp == ServerLogin(url: "smtps://mail.example.org", user: "help", password: "pw2"))
        let profile = try #require(try config.mailboxProfiles().first)
        #expect(profile.displayName == "Help" && profile.defaultTeam == nil && profile.defaultLanguage == "en")
        #expect(profile.acknowledges && !profile.trustsSenderCheck)

        // And with no settings at all, the default mailbox only (no polling, no relay)
        let bare = try PostdeskConfig.load(file: nil, environment: [:]).effectiveMailboxes
        #expect(bare.map(\.name) == ["support"] && bare[0].imap == nil && bare[0].smtp == nil)
    }

    @Test("with a list, POSTDESK_IMAP_*/SMTP_* override the first mailbox's logins and nothing else")
    func environmentOverridesFirst() throws {
        // Given the two-mailbox file and the shorthand variables (a password kept out of the file)
        let config = try load(
            Self.twoMailboxes,
            environment: [
                "POSTDESK_IMAP_PASSWORD": "from-env", "POSTDESK_SMTP_URL": "smtps://relay.example.test",
                "POSTDESK_SMTP_USER": "relay-user",
            ])

        // Then the first mailbox takes them, over its file values, and the second keeps its own
        let mailboxes = config.effectiveMailboxes
        #expect(
            mailboxes[0].imap
                == ServerLogin(url: "imap://127.0.0.1:14143/INBOX", user: "support@example.test", password: "from-env"))
        #expect(
            mailboxes[0].smtp
                == ServerLogin(url: "smtps://relay.example.test", user: "relay-user", password: "secret"))
        #expect(mailboxes[1].imap?.password == "0123" && mailboxes[1].smtp?.url == "smtp://127.0.0.1:14025")
        #expect(config.problems() == [])
    }

    @Test(
        "a malformed list is refused with a message naming the entry and key",
        arguments: [
            (
                "mailboxes:\n  - name: a\n    address: a@example.test\n    imap: {ulr: x}\n",
                "mailboxes[0] (a).imap: unknown setting 'ulr'"
            ),
            ("mailboxes:\n  - name: a\n    address: a@example.test\n    teams: x\n", "unknown setting 'teams'"),
            ("mailboxes:\n  - address: a@example.test\n", "mailboxes[0] needs a name"),
            ("mailboxes:\n  - name: a\n", "needs an address"),
            ("mailboxes:\n  - name: a\n    address: a@example.test\n    smtp: {user: u}\n", "smtp needs a url"),
            ("mailboxes:\n  - name: a\n    address: a@example.test\n    acknowledge: maybe\n", "true or false"),
            ("mailboxes:\n  - name: a\n    address: [a@example.test]\n", "must be a single value"),
            ("mailboxes: []\n", "mailboxes is empty"),
            ("mailboxes:\n  name: a\n", "must be a list"),
            ("mailboxes:\n  - just-a-name\n", "must be a map"),
            (
                "imap:\n  url: imap://x/INBOX\nmailboxes:\n  - name: a\n    address: a@example.test\n",
                "imap.url belong to the one-mailbox shorthand"
            ),
            (
                "support:\n  address: a@example.test\nmailboxes:\n  - name: a\n    address: a@example.test\n",
                "support.address belong to the one-mailbox shorthand"
            ),
            ("other:\n  - 1\n  - 2\n", "other must be a single value, not a list of 2"),
        ])
    func malformed(yaml: String, message: String) throws {
        let error = #expect(throws: ConfigError.self) { try load(yaml) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "no error")")
    }

    @Test("POSTDESK_SUPPORT_ADDRESS beside a list is refused: it would silently name no mailbox")
    func supportAddressWithList() throws {
        let error = #expect(throws: ConfigError.self) {
            try load(Self.twoMailboxes, environment: ["POSTDESK_SUPPORT_ADDRESS": "help@example.test"])
        }
        #expect(error?.message.contains("POSTDESK_SUPPORT_ADDRESS") == true)
    }

    @Test(
        "bad mailbox values are problems an admin can act on",
        arguments: [
            ("name: Sales Team", "name must be 1 to 32 of a-z"),
            ("name: support", "name 'support' is taken by mailboxes[0]"),
            ("address: not-an-address", "address 'not-an-address' is not a plain address"),
            ("address: SUPPORT@example.test", "also the address of mailbox support"),
            ("imap: {url: 'http://x/INBOX'}", "imap.url must start with imap:// or imaps://"),
            ("smtp: {url: 'imap://x'}", "smtp.url must start with smtp:// or smtps://"),
            ("team: 'Sales & Co'", "team 'Sales & Co' must be 1 to 32"),
            ("language: ../../etc", "language '../../etc' must be a language tag"),
            ("language: de", "language 'de' has no templates"),
            ("authserv_id: 'mx.example.test; dmarc=pass'", "authserv_id"),
            ("display_name: \"Sales\\r\\nBcc: x@evil.test\"", "display_name must be one line"),
            (
                "imap: {url: 'imap://127.0.0.1:14143/INBOX', user: support@example.test}",
                "poll the same folder"
            ),
        ])
    func problems(setting: String, problem: String) throws {
        // Given a second mailbox with one bad setting (the key it replaces, or an extra one)
        let key = String(setting.prefix { $0 != ":" })
        var second = [
            "name": "name: sales", "address": "address: sales@example.test",
        ]
        second[key] = setting
        let yaml = """
            templates_dir: \(Self.templates)
            mailboxes:
              - name: support
                address: support@example.test
                imap: {url: "imap://127.0.0.1:14143/INBOX", user: support@example.test}
              - \(second.values.sorted().joined(separator: "\n    "))
            """

        // When it is checked, the problem names the mailbox and what to fix
        let problems = try load(yaml).problems()
        #expect(problems.contains { $0.contains(problem) }, "\(problems)")
        #expect(problems.allSatisfy { $0.contains("mailboxes") }, "\(problems)")
    }

    @Test("deploy/postdesk.example.yaml shows two mailboxes and has no problem")
    func example() throws {
        // Given the example file, with templates_dir pointed at the repository's templates
        let path = URL(fileURLWithPath: Self.templates).deletingLastPathComponent()
            .appendingPathComponent("deploy/postdesk.example.yaml").path
        let config = try PostdeskConfig.load(file: path, environment: ["POSTDESK_TEMPLATES_DIR": Self.templates])

        // Then it reads as support@ (team support) and sales@ (team sales) on the dev stack, each polled and sending
        #expect(config.problems() == [])
        let profiles = try config.mailboxProfiles()
        #expect(profiles.map(\.name) == ["support", "sales"])
        #expect(profiles.map(\.defaultTeam) == ["support", "sales"])
        #expect(config.effectiveMailboxes.allSatisfy { $0.imap?.url.contains(":14143/") == true && $0.smtp != nil })
    }

    @Test("the shorthand's problems keep naming its keys")
    func shorthandProblems() throws {
        let config = try PostdeskConfig.load(
            file: nil,
            environment: [
                "POSTDESK_SUPPORT_ADDRESS": "support", "POSTDESK_IMAP_URL": "http://x", "POSTDESK_SMTP_URL": "ftp://y",
                "POSTDESK_TEMPLATES_DIR": Self.templates,
            ])
        #expect(
            config.problems() == [
                "support.address 'support' is not a plain address (local@domain)",
                "imap.url must start with imap:// or imaps://", "smtp.url must start with smtp:// or smtps://",
            ])
        #expect(throws: ConfigError.self) { try config.mailboxProfiles() }
    }
}
