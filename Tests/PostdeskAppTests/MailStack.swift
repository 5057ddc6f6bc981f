import Foundation
import PostdeskCore
import PostdeskCurl

/// The real Dovecot + Postfix stack started by `deploy/test` (`deploy/mailstack/up`), read from `MAILSTACK_*`.
/// Integration suites are enabled only when it is there.
struct MailStack: Sendable {
    var dir: String
    var imapPort: String
    var smtpPort: String
    var caFile: String
    var scripts: String

    static let current: MailStack? = {
        let env = ProcessInfo.processInfo.environment
        guard let dir = env["MAILSTACK_DIR"], let imap = env["MAILSTACK_IMAP_PORT"],
            let smtp = env["MAILSTACK_SMTP_PORT"],
            let ca = env["MAILSTACK_CA_CERT"], FileManager.default.fileExists(atPath: "\(dir)/env")
        else { return nil }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        return MailStack(dir: dir, imapPort: imap, smtpPort: smtp, caFile: ca, scripts: "\(repo)/deploy/mailstack")
    }()

    static var isAvailable: Bool { current != nil }

    /// A fresh address with an IMAP password, so every test has mailboxes of its own.
    /// - Parameter operator: only this user, logged in, may then send with the address as envelope sender (the
    ///   stack's sender check, which a mailbox with `trust_sender_check` relies on).
    func newUser(_ prefix: String, operator: Bool = false) throws -> String {
        let address = "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())@example.test"
        if `operator` {
            try run("\(scripts)/adduser", "--operator", address, "secret")
        } else {
            try run("\(scripts)/adduser", address, "secret")
        }
        return address
    }

    func run(_ executable: String, _ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["MAILSTACK_DIR"] = dir
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure("\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
    }

    /// Hands `raw` to Postfix for delivery, as any sender on the internet would.
    /// - Parameter login: SMTP AUTH as this user first (an operator sending from their own mail client).
    func deliver(
        _ raw: String, from: String, to recipients: [String], login: (user: String, password: String)? = nil
    ) async throws {
        let sender = try CurlSMTPSender(
            config: MailServerConfig(
                url: "smtp://127.0.0.1:\(smtpPort)", user: login?.user ?? "", password: login?.password ?? "",
                caFile: login == nil ? nil : caFile, startTLS: login == nil ? .never : .required))
        let bytes = Array(
            raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
        try await sender.send(try OutgoingMail(envelopeFrom: from, recipients: recipients, raw: bytes))
    }

    /// Everything in `user`'s INBOX, oldest first.
    func inbox(of user: String) async throws -> [FetchedMail] {
        let reader = try CurlIMAPMailbox(
            config: MailServerConfig(
                url: "imap://127.0.0.1:\(imapPort)/INBOX", user: user, password: "secret", caFile: caFile,
                startTLS: .required))
        defer { Task { await reader.close() } }
        _ = try await reader.select()
        return try await reader.fetch(after: 0, limit: 10_000)
    }

    /// Waits (polling, bounded) until `user` holds at least `count` mails.
    func waitForInbox(of user: String, count: Int, timeout: Duration = .seconds(15)) async throws -> [FetchedMail] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let mails = try await inbox(of: user)
            if mails.count >= count || ContinuousClock.now > deadline { return mails }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
