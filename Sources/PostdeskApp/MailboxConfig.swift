import Foundation

/// One entry of the `mailboxes:` list: a support address (`support@`, `sales@`) with its own IMAP and SMTP logins.
///
/// Values stay as written until ``PostdeskConfig/problems()`` has looked at all of them, so that `check-config` names
/// every mistake at once; ``PostdeskConfig/mailboxProfiles()`` turns them into checked `MailboxProfile`s.
public struct MailboxConfig: Sendable, Equatable {
    /// `[a-z0-9_-]{1,32}`, unique: stored on every ticket of this mailbox.
    public var name: String
    /// From and Reply-To base of everything sent about its tickets.
    public var address: String
    /// Display name of its mail; `support.name` when unset.
    public var displayName: String?
    /// The team its new tickets go to; none: every operator hears of them.
    public var team: String?
    /// Language of its automatic mail when the customer's cannot be told.
    public var language: String = "en"
    /// The folder polled; none: the mailbox only sends.
    public var imap: ServerLogin?
    /// The relay its mail leaves through; none: the first mailbox's relay that has one.
    public var smtp: ServerLogin?
    /// The receiving server's authserv-id, whose `Authentication-Results` are believed.
    public var authservID: String?
    /// The receiving server takes mail from our own domain's addresses only after SMTP AUTH as that address.
    public var trustSenderCheck: Bool = false
    /// New tickets of this mailbox get an automatic acknowledgement.
    public var acknowledge: Bool = true
    /// Its template under `MailTemplates/` (`ticket_created` unless set).
    public var acknowledgementTemplate: String = "ticket_created"

    public init(name: String, address: String) {
        self.name = name
        self.address = address
    }
}

/// A server URL and the login used there (`imap:` or `smtp:` of a mailbox).
public struct ServerLogin: Sendable, Equatable {
    public var url: String
    public var user: String
    public var password: String
    /// `smtp.lanes`: how many connections send through this relay at once; nil: `smtp.lanes` of the whole file, or
    /// two per core.
    public var lanes: Int?

    public init(url: String, user: String = "", password: String = "", lanes: Int? = nil) {
        self.url = url
        self.user = user
        self.password = password
        self.lanes = lanes
    }
}

extension MailboxConfig {
    /// Reads one list entry. Unknown keys and values of the wrong shape are errors; bad values (an address that is
    /// not one, a duplicate name) are left for ``PostdeskConfig/problems()``.
    /// - Parameters:
    ///   - node: the entry as Yams read it.
    ///   - label: `mailboxes[2]`, for messages.
    static func parse(_ node: Any, label: String) throws(ConfigError) -> MailboxConfig {
        guard let map = node as? [String: Any] else {
            throw ConfigError(message: "\(label) must be a map of settings (name: …, address: …)")
        }
        guard let name = try scalar(map["name"], "\(label).name") else {
            throw ConfigError(message: "\(label) needs a name (e.g. name: sales)")
        }
        let label = "\(label) (\(name))"
        guard let address = try scalar(map["address"], "\(label).address") else {
            throw ConfigError(message: "\(label) needs an address (e.g. address: \(name)@example.com)")
        }
        var mailbox = MailboxConfig(name: name, address: address)
        for (key, value) in map {
            switch key {
            case "name", "address": break
            case "display_name": mailbox.displayName = try scalar(value, "\(label).\(key)")
            case "team": mailbox.team = try scalar(value, "\(label).\(key)").flatMap { $0.isEmpty ? nil : $0 }
            case "language": mailbox.language = try scalar(value, "\(label).\(key)") ?? "en"
            case "imap": mailbox.imap = try ServerLogin.parse(value, label: "\(label).imap")
            case "smtp": mailbox.smtp = try ServerLogin.parse(value, label: "\(label).smtp", allowsLanes: true)
            case "authserv_id":
                mailbox.authservID = try scalar(value, "\(label).\(key)").flatMap { $0.isEmpty ? nil : $0 }
            case "trust_sender_check": mailbox.trustSenderCheck = try flag(value, "\(label).\(key)", default: false)
            case "acknowledge": mailbox.acknowledge = try flag(value, "\(label).\(key)", default: true)
            case "acknowledgement_template":
                let name = try scalar(value, "\(label).\(key)") ?? "ticket_created"
                // A directory name under MailTemplates/, never a path.
                guard name.range(of: "^[a-z0-9_]{1,64}$", options: .regularExpression) != nil else {
                    throw ConfigError(
                        message: "\(label).\(key) must be a template name such as ticket_created, not '\(name)'")
                }
                mailbox.acknowledgementTemplate = name
            default: throw ConfigError(message: "\(label): unknown setting '\(key)'")
            }
        }
        return mailbox
    }

    /// A single value as text; nil when absent or `~`.
    static func scalar(_ value: Any?, _ label: String) throws(ConfigError) -> String? {
        switch value {
        case nil, is NSNull: return nil
        case is [Any], is [String: Any]: throw ConfigError(message: "\(label) must be a single value")
        case let value?: return "\(value)"
        }
    }

    /// `true`/`false` (YAML booleans, or the words written as strings).
    static func flag(_ value: Any?, _ label: String, default fallback: Bool) throws(ConfigError) -> Bool {
        if let value = value as? Bool { return value }
        switch try scalar(value, label)?.lowercased() {
        case nil: return fallback
        case "true"?: return true
        case "false"?: return false
        case let other?: throw ConfigError(message: "\(label) must be true or false, not '\(other)'")
        }
    }
}

extension ServerLogin {
    /// The most lanes one relay gets: each is a connection and a thread.
    static let maxLanes = 64

    static func parse(_ node: Any?, label: String, allowsLanes: Bool = false) throws(ConfigError) -> ServerLogin? {
        if node == nil || node is NSNull { return nil }
        guard let map = node as? [String: Any] else {
            throw ConfigError(message: "\(label) must be a map: url, user, password")
        }
        var url: String?
        var login = ServerLogin(url: "")
        for (key, value) in map {
            switch key {
            case "url": url = try MailboxConfig.scalar(value, "\(label).url")
            case "user": login.user = try MailboxConfig.scalar(value, "\(label).user") ?? ""
            case "password": login.password = try MailboxConfig.scalar(value, "\(label).password") ?? ""
            case "lanes" where allowsLanes:
                let text = try MailboxConfig.scalar(value, "\(label).lanes") ?? ""
                guard let lanes = Int(text), (1...maxLanes).contains(lanes) else {
                    throw ConfigError(message: "\(label).lanes must be a number from 1 to \(maxLanes), not '\(text)'")
                }
                login.lanes = lanes
            default: throw ConfigError(message: "\(label): unknown setting '\(key)'")
            }
        }
        guard let url, !url.isEmpty else { throw ConfigError(message: "\(label) needs a url") }
        login.url = url
        return login
    }
}
