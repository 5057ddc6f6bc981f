import Foundation
import PostdeskCore
import PostdeskWeb

/// Everything `postdesk` can be told, from one YAML file with every key overridable by `POSTDESK_…` variables.
///
/// A key's variable is its path in capitals joined by `_`: `imap.url` ↔ `POSTDESK_IMAP_URL`. `deploy/postdesk.example.yaml`
/// documents every key.
///
/// The mailboxes come from the `mailboxes:` list; without one, `support.*`, `imap.*` and `smtp.*` make the one
/// mailbox (``effectiveMailboxes``).
public struct PostdeskConfig: Sendable, Equatable {
    public var dataDir: String = "./var"
    public var httpAddress: String = "127.0.0.1:8080"
    public var baseURL: String = "http://127.0.0.1:8080"
    /// Signs reply tokens, portal links and sessions; at least 32 bytes. Generated into the data directory when unset.
    public var secret: String?
    /// The secret before the last rotation: its tokens keep verifying until `secretPreviousUntil`.
    public var secretPrevious: String?
    /// `2027-01-31` (accepted through the end of that day, UTC) or an ISO 8601 time; required with `secretPrevious`.
    public var secretPreviousUntil: String?
    /// The one mailbox's address when there is no `mailboxes:` list.
    public var supportAddress: String = "support@example.test"
    /// Display name of every mailbox that sets none.
    public var supportName: String = "Support"
    /// The `mailboxes:` list; empty: the one mailbox of the `support.*`, `imap.*` and `smtp.*` keys. With a list,
    /// the `imap.*`/`smtp.*` fields (only variables can set them then) override the first mailbox's logins.
    public var mailboxes: [MailboxConfig] = []
    public var imapURL: String?
    public var imapUser: String = ""
    public var imapPassword: String = ""
    public var smtpURL: String?
    public var smtpUser: String = ""
    public var smtpPassword: String = ""
    /// `smtp.lanes`: connections per relay that send at once, for every relay that sets none; 0 (unset): two per
    /// core (``effectiveSMTPLanes(_:)``).
    public var smtpLanes: Int = 0
    /// `never`, `if_available` or `required`: STARTTLS on plain imap:// and smtp:// URLs.
    public var startTLS: String = "required"
    public var caFile: String?
    public var pollInterval: Int = 30
    /// At most this many automatic mails (acknowledgements, auto-replies) per recipient within the window.
    public var autoReplyLimit: Int = 10
    /// The window of that limit, in minutes.
    public var autoReplyWindowMinutes: Int = 180
    /// How many days an address that bounced permanently gets no automatic mail.
    public var bounceSuppressionDays: Int = 30
    /// At most one notification per recipient per ticket within this many minutes; 0 (unset): every one is sent.
    public var notificationDigestMinutes: Int = 0
    /// `attachments.quota_mb`: web uploads are refused once the attachment store holds this many megabytes
    /// (10^6 bytes); 0 (unset): unlimited. Inbound mail is always stored.
    public var attachmentsQuotaMB: Int = 0
    /// `attachments.usage_refresh_seconds`: how old the measure of the attachment store may get before the quota
    /// walks the directory again (uploads made in between are counted as they are written).
    public var attachmentsUsageRefreshSeconds: Int = 60
    /// `uploads.files_per_hour` and `uploads.mb_per_hour`: what one customer (signed in, or through their tickets'
    /// mailed links) may upload through the portal within an hour.
    public var uploadsFilesPerHour: Int = 100
    public var uploadsMBPerHour: Int = 200

    /// The whole-number settings: key, field, and what the number counts (for the error message).
    static var numberKeys: [(key: String, path: WritableKeyPath<PostdeskConfig, Int>, unit: String)] {
        [
            ("poll_interval", \.pollInterval, "seconds"), ("auto_reply.limit", \.autoReplyLimit, "mails"),
            ("auto_reply.window_minutes", \.autoReplyWindowMinutes, "minutes"),
            ("bounce_suppression_days", \.bounceSuppressionDays, "days"),
            ("notifications.digest_minutes", \.notificationDigestMinutes, "minutes"),
            ("attachments.quota_mb", \.attachmentsQuotaMB, "megabytes"),
            ("attachments.usage_refresh_seconds", \.attachmentsUsageRefreshSeconds, "seconds"),
            ("uploads.files_per_hour", \.uploadsFilesPerHour, "files"),
            ("uploads.mb_per_hour", \.uploadsMBPerHour, "megabytes"),
            ("smtp.lanes", \.smtpLanes, "connections"),
        ]
    }
    /// Whether an operator may act on tickets of teams they are not in (`console.operators_see_all_teams`).
    public var consoleOperatorsSeeAllTeams = true

    /// The yes/no settings.
    static var flagKeys: [(key: String, path: WritableKeyPath<PostdeskConfig, Bool>)] {
        [("console.operators_see_all_teams", \.consoleOperatorsSeeAllTeams)]
    }
    public var templatesDir: String = "MailTemplates"
    /// Domain of our Message-IDs; the support address's domain when unset.
    public var messageIDDomain: String?
    /// Bearer token that opens `/metrics` to peers other than loopback; unset: loopback only.
    public var metricsToken: String?
    /// `portal.signup`: what a portal sign-up mails, `link` (to set a password) or `generated` (a password).
    public var portalSignup: String = "link"
    /// `trusted_proxies`: reverse proxies (IP addresses or CIDR blocks) whose `X-Forwarded-For` names the client;
    /// empty (the default): the header is ignored. A YAML list, or in the environment a comma-separated string.
    public var trustedProxies: [String] = []

    /// The settings that hold a list (in YAML a list or one comma-separated string, in the environment the latter).
    static var listKeys: [(key: String, path: WritableKeyPath<PostdeskConfig, [String]>)] {
        [("trusted_proxies", \.trustedProxies)]
    }

    public init() {}

    /// The keys, as written in YAML (dotted) and mapped to fields.
    static var keys:
        [(
            key: String, path: WritableKeyPath<PostdeskConfig, String>?,
            optional: WritableKeyPath<PostdeskConfig, String?>?
        )]
    {
        [
            ("data_dir", \.dataDir, nil),
            ("http.address", \.httpAddress, nil),
            ("base_url", \.baseURL, nil),
            ("secret", nil, \.secret),
            ("secret_previous", nil, \.secretPrevious),
            ("secret_previous_until", nil, \.secretPreviousUntil),
            ("support.address", \.supportAddress, nil),
            ("support.name", \.supportName, nil),
            ("imap.url", nil, \.imapURL),
            ("imap.user", \.imapUser, nil),
            ("imap.password", \.imapPassword, nil),
            ("smtp.url", nil, \.smtpURL),
            ("smtp.user", \.smtpUser, nil),
            ("smtp.password", \.smtpPassword, nil),
            ("starttls", \.startTLS, nil),
            ("ca_file", nil, \.caFile),
            ("templates_dir", \.templatesDir, nil),
            ("message_id_domain", nil, \.messageIDDomain),
            ("metrics.token", nil, \.metricsToken),
            ("portal.signup", \.portalSignup, nil),
        ]
    }

    /// `POSTDESK_HTTP_ADDRESS` for `http.address`.
    static func variable(for key: String) -> String {
        "POSTDESK_" + key.replacingOccurrences(of: ".", with: "_").uppercased()
    }

    /// Applies flat `key → value` settings (from YAML or the environment). Unknown keys are errors: a typo must not
    /// silently leave a default in place.
    mutating func apply(_ values: [String: String], source: String) throws(ConfigError) {
        for (key, value) in values {
            if let number = Self.numberKeys.first(where: { $0.key == key }) {
                guard let amount = Int(value), amount > 0, amount <= 1_000_000 else {
                    throw ConfigError(
                        message: "\(source): \(key) must be a positive number of \(number.unit), not '\(value)'")
                }
                self[keyPath: number.path] = amount
                continue
            }
            if let list = Self.listKeys.first(where: { $0.key == key }) {
                let entries = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
                if case .failure(let problem) = TrustedProxies.parse(entries) {
                    throw ConfigError(
                        message: "\(source): \(key) must list IP addresses or CIDR blocks (10.0.0.1, 10.0.0.0/8, "
                            + "fd00::/8), not '\(problem.entry)'")
                }
                self[keyPath: list.path] = entries
                continue
            }
            if let flag = Self.flagKeys.first(where: { $0.key == key }) {
                switch value.lowercased() {
                case "true", "yes", "on", "1": self[keyPath: flag.path] = true
                case "false", "no", "off", "0": self[keyPath: flag.path] = false
                default: throw ConfigError(message: "\(source): \(key) must be true or false, not '\(value)'")
                }
                continue
            }
            guard let entry = Self.keys.first(where: { $0.key == key }) else {
                throw ConfigError(message: "\(source): unknown setting '\(key)'")
            }
            if let path = entry.path { self[keyPath: path] = value }
            if let path = entry.optional { self[keyPath: path] = value.isEmpty ? nil : value }
        }
    }

    /// Problems that stop Postdesk from starting, in words an admin can act on.
    public func problems() -> [String] {
        var problems: [String] = []
        problems += secretProblems()
        problems += mailboxProblems()
        if !["never", "if_available", "required"].contains(startTLS) {
            problems.append("starttls must be never, if_available or required")
        }
        if let caFile, !FileManager.default.fileExists(atPath: caFile) {
            problems.append("ca_file \(caFile) does not exist")
        }
        if !FileManager.default.fileExists(atPath: templatesDir) {
            problems.append("templates_dir \(templatesDir) does not exist")
        }
        if httpAddress.split(separator: ":").count != 2 || Int(httpAddress.split(separator: ":").last ?? "") == nil {
            problems.append("http.address must be HOST:PORT, not '\(httpAddress)'")
        }
        return problems
    }

    public var effectiveMessageIDDomain: String {
        messageIDDomain
            ?? String(effectiveMailboxes.first?.address.split(separator: "@").last ?? "postdesk.invalid")
    }
}

/// The configuration cannot be read. Retrying will not help until the file or variable is fixed.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var isTransient: Bool { false }
    public var description: String { message }
}
