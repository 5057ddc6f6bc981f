import Foundation
import PostdeskCore
import PostdeskCurl

/// The test mail stack of `deploy/mailstack`, when `MAILSTACK_DIR` names a running one (its `env` file is read).
struct Mailstack: Sendable {
    var dir: String
    var imapPort: Int
    var imapsPort: Int
    var smtpPort: Int
    var smtpsPort: Int
    var caCert: String
    var dovecotConf: String
    var scripts: String
    static let password = "secret"

    /// The stack named by `MAILSTACK_DIR`, or `nil` (then the integration tests are skipped).
    static let current: Mailstack? = {
        guard let dir = ProcessInfo.processInfo.environment["MAILSTACK_DIR"], !dir.isEmpty,
            let text = try? String(contentsOfFile: dir + "/env", encoding: .utf8)
        else { return nil }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { values[String(pair[0])] = String(pair[1]) }
        }
        // Scripts of the checkout these tests belong to; the env file's own when that one is missing.
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("deploy/mailstack").path
        let scripts =
            FileManager.default.isExecutableFile(atPath: here + "/smtp-pause")
            ? here : values["MAILSTACK_SCRIPTS"] ?? here
        guard let imap = values["MAILSTACK_IMAP_PORT"].flatMap(Int.init),
            let imaps = values["MAILSTACK_IMAPS_PORT"].flatMap(Int.init),
            let smtp = values["MAILSTACK_SMTP_PORT"].flatMap(Int.init),
            let smtps = values["MAILSTACK_SMTPS_PORT"].flatMap(Int.init),
            let ca = values["MAILSTACK_CA_CERT"], let conf = values["MAILSTACK_DOVECOT_CONF"]
        else { return nil }
        return Mailstack(
            dir: dir, imapPort: imap, imapsPort: imaps, smtpPort: smtp, smtpsPort: smtps, caCert: ca,
            dovecotConf: conf, scripts: scripts)
    }()

    static var isRunning: Bool { current != nil }

    enum IMAPSecurity { case plain, startTLS, implicitTLS }

    func imap(
        _ user: String, password: String = Mailstack.password, security: IMAPSecurity = .plain,
        caFile: String?? = .none, mailbox: String = "INBOX", timeout: Duration = .seconds(10)
    ) -> MailServerConfig {
        let url =
            security == .implicitTLS
            ? "imaps://127.0.0.1:\(imapsPort)/\(mailbox)" : "imap://127.0.0.1:\(imapPort)/\(mailbox)"
        let ca: String? = caFile ?? (security == .plain ? nil : caCert)
        return MailServerConfig(
            url: url, user: user, password: password, caFile: ca,
            startTLS: security == .startTLS ? .required : .never, timeout: timeout)
    }

    func smtp(
        _ user: String = "", password: String = Mailstack.password, implicitTLS: Bool = false,
        startTLS: MailServerConfig.StartTLS = .never, caFile: String?? = .none, timeout: Duration = .seconds(10)
    ) -> MailServerConfig {
        let url = implicitTLS ? "smtps://127.0.0.1:\(smtpsPort)/localhost" : "smtp://127.0.0.1:\(smtpPort)/localhost"
        let ca: String? = caFile ?? (implicitTLS || startTLS != .never ? caCert : nil)
        return MailServerConfig(
            url: url, user: user, password: password, caFile: ca, startTLS: startTLS, timeout: timeout)
    }

    /// A fresh user of its own for one test, so tests never see each other's mail.
    func newUser(_ prefix: String = "t") throws -> String {
        let address = "\(prefix)\(UInt32.random(in: 0...UInt32.max))@example.test"
        try run(scripts + "/adduser", address, Mailstack.password)
        return address
    }

    /// Runs a program with `MAILSTACK_DIR` set; throws when it fails.
    @discardableResult
    func run(_ program: String, _ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["MAILSTACK_DIR"] = dir
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw ScriptFailed(command: program, output: text) }
        return text
    }

    struct ScriptFailed: Error { var command: String; var output: String }

    /// Disconnects every IMAP session of `user` on the server side (`doveadm kick`).
    func kick(_ user: String) throws {
        try run("/usr/bin/doveadm", "-c", dovecotConf, "kick", user)
    }

    /// A message with its own Message-ID and Date, so Postfix adds nothing inside it.
    static func message(from: String, to: [String], subject: String, body: String) -> [UInt8] {
        let id = "\(UInt64.random(in: 0...UInt64.max))@postdesk.test"
        let head = [
            "From: Test <\(from)>", "To: \(to.joined(separator: ", "))", "Subject: \(subject)",
            "Message-ID: <\(id)>", "Date: Mon, 01 Jan 2024 10:00:00 +0000", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ].joined(separator: "\r\n")
        return Array((head + "\r\n\r\n" + body).utf8)
    }

    /// Fetches from `reader` until `count` messages above `after` arrived, or fails after `seconds`.
    static func waitForMail(
        _ reader: CurlIMAPMailbox, count: Int, after: UInt32 = 0, seconds: Double = 10
    ) async throws -> [FetchedMail] {
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
        var mails: [FetchedMail] = []
        while mails.count < count {
            let next = try await reader.fetch(after: mails.last?.uid ?? after, limit: 100)
            mails += next
            if mails.count >= count { break }
            guard ContinuousClock.now < deadline else { throw TimedOut(got: mails.count, wanted: count) }
            try await Task.sleep(for: .milliseconds(50))
        }
        return mails
    }

    struct TimedOut: Error { var got: Int; var wanted: Int }
}
