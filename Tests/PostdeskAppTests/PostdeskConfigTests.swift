import Foundation
import PostdeskApp
import Testing

@Suite("Configuration: one YAML file, every key overridable by POSTDESK_*")
struct PostdeskConfigTests {
    func write(_ yaml: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-\(UUID().uuidString).yaml")
            .path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("YAML is read, and an environment variable beats it")
    func environmentOverridesFile() throws {
        // Given a file and a variable for the same key
        let file = try write(
            """
            data_dir: /srv/postdesk
            imap:
              url: imaps://mail.example.test:993/INBOX
              user: support@example.test
            poll_interval: 45
            """)
        defer { try? FileManager.default.removeItem(atPath: file) }

        // When both are read
        let config = try PostdeskConfig.load(
            file: file,
            environment: [
                "POSTDESK_IMAP_USER": "helpdesk@example.test", "POSTDESK_HTTP_ADDRESS": "0.0.0.0:9000",
            ])

        // Then the variable wins and the rest comes from the file or the defaults
        #expect(config.dataDir == "/srv/postdesk")
        #expect(config.imapURL == "imaps://mail.example.test:993/INBOX")
        #expect(config.imapUser == "helpdesk@example.test")
        #expect(config.httpAddress == "0.0.0.0:9000")
        #expect(config.pollInterval == 45)
        #expect(config.smtpURL == nil)
        #expect(config.startTLS == "required")
    }

    @Test("a misspelt key is an error, not a silent default", arguments: ["imap:\n  ulr: x\n", "pol_interval: 3\n"])
    func unknownKey(yaml: String) throws {
        let file = try write(yaml)
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(throws: ConfigError.self) { try PostdeskConfig.load(file: file, environment: [:]) }
    }

    @Test("bad values are reported in words an admin can act on")
    func problems() throws {
        let config = try PostdeskConfig.load(
            file: nil,
            environment: [
                "POSTDESK_SUPPORT_ADDRESS": "support", "POSTDESK_IMAP_URL": "http://x", "POSTDESK_HTTP_ADDRESS": "8080",
                "POSTDESK_TEMPLATES_DIR": "/nonexistent",
            ])
        let problems = config.problems()
        #expect(problems.contains { $0.contains("support.address") })
        #expect(problems.contains { $0.contains("imap.url") })
        #expect(problems.contains { $0.contains("http.address") })
        #expect(problems.contains { $0.contains("templates_dir") })
        #expect(throws: ConfigError.self) {
            try PostdeskConfig.load(file: nil, environment: ["POSTDESK_POLL_INTERVAL": "soon"])
        }
    }

    @Test("automatic-mail limits: 10 per 3 hours and 30 days of bounce suppression unless set, in YAML or variables")
    func automaticMailLimits() throws {
        let defaults = try PostdeskConfig.load(file: nil, environment: [:])
        #expect(defaults.autoReplyLimit == 10 && defaults.autoReplyWindowMinutes == 180)
        #expect(defaults.bounceSuppressionDays == 30)
        let file = try write("auto_reply:\n  limit: 3\n  window_minutes: 60\nbounce_suppression_days: 7\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let set = try PostdeskConfig.load(file: file, environment: ["POSTDESK_AUTO_REPLY_LIMIT": "5"])
        #expect(set.autoReplyLimit == 5 && set.autoReplyWindowMinutes == 60 && set.bounceSuppressionDays == 7)
        #expect(throws: ConfigError.self) {
            try PostdeskConfig.load(file: nil, environment: ["POSTDESK_AUTO_REPLY_LIMIT": "lots"])
        }
    }
}

@Suite("Configuration: console.operators_see_all_teams")
struct ConsoleTeamsSettingTests {
    @Test("operators see all teams unless the file or the environment says false; anything else is an error")
    func seeAllTeams() throws {
        #expect(try PostdeskConfig.load(file: nil, environment: [:]).consoleOperatorsSeeAllTeams)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-\(UUID().uuidString).yaml")
            .path
        try "console:\n  operators_see_all_teams: false\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try !PostdeskConfig.load(file: path, environment: [:]).consoleOperatorsSeeAllTeams)
        #expect(
            try PostdeskConfig.load(file: path, environment: ["POSTDESK_CONSOLE_OPERATORS_SEE_ALL_TEAMS": "yes"])
                .consoleOperatorsSeeAllTeams)
        #expect(throws: ConfigError.self) {
            try PostdeskConfig.load(file: nil, environment: ["POSTDESK_CONSOLE_OPERATORS_SEE_ALL_TEAMS": "maybe"])
        }
    }
}
