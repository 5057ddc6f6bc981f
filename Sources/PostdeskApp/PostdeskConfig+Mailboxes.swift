import Foundation
public import PostdeskCore

extension PostdeskConfig {
    /// The mailboxes Postdesk serves, the default (rows and commands that name none) first.
    ///
    /// Without a `mailboxes:` list: one mailbox from `support.*`, `imap.*` and `smtp.*`, named after the address's
    /// local part, as before lists existed. With a list: the list, where the `imap.*`/`smtp.*` fields (set by
    /// `POSTDESK_IMAP_*`/`POSTDESK_SMTP_*`, since the file may not have them beside a list) override the first
    /// mailbox's logins, so a deployment can keep those passwords out of the file.
    public var effectiveMailboxes: [MailboxConfig] {
        guard var first = mailboxes.first else {
            var one = MailboxConfig(
                name: String(supportAddress.split(separator: "@").first ?? "support"), address: supportAddress)
            one.imap = imapURL.map { ServerLogin(url: $0, user: imapUser, password: imapPassword) }
            one.smtp = smtpURL.map { ServerLogin(url: $0, user: smtpUser, password: smtpPassword) }
            return [one]
        }
        first.imap = Self.override(first.imap, url: imapURL, user: imapUser, password: imapPassword)
        first.smtp = Self.override(first.smtp, url: smtpURL, user: smtpUser, password: smtpPassword)
        return [first] + mailboxes.dropFirst()
    }

    /// How many connections send through the relay of `login` at once: its own `lanes`, else `smtp.lanes`, else two
    /// per core; from 1 to 64. Two, because a lane spends most of a mail waiting for the relay to write it to its queue
    /// and fsync (about 6 ms a mail on the dev stack's Postfix), not on a core: 4 lanes sent 253 mails/s on the
    /// 2-core machine where 2 sent 143–172.
    public func effectiveSMTPLanes(_ login: ServerLogin) -> Int {
        let lanes = login.lanes ?? (smtpLanes > 0 ? smtpLanes : 2 * ProcessInfo.processInfo.activeProcessorCount)
        return min(max(1, lanes), ServerLogin.maxLanes)
    }

    private static func override(_ login: ServerLogin?, url: String?, user: String, password: String) -> ServerLogin? {
        var login = login ?? ServerLogin(url: "")
        if let url { login.url = url }
        if !user.isEmpty { login.user = user }
        if !password.isEmpty { login.password = password }
        return login.url.isEmpty ? nil : login
    }

    /// The mailboxes as the workflow and the outbox see them, the default first.
    /// - Throws: `ConfigError` when an address is not one (``problems()`` says so too).
    public func mailboxProfiles() throws(ConfigError) -> [MailboxProfile] {
        var profiles: [MailboxProfile] = []
        for mailbox in effectiveMailboxes {
            guard let address = EmailAddress(mailbox.address) else {
                throw ConfigError(message: "mailbox \(mailbox.name): '\(mailbox.address)' is not a plain address")
            }
            profiles.append(
                MailboxProfile(
                    name: mailbox.name, address: address, displayName: mailbox.displayName ?? supportName,
                    defaultTeam: mailbox.team, defaultLanguage: mailbox.language, authservID: mailbox.authservID,
                    trustsSenderCheck: mailbox.trustSenderCheck, acknowledges: mailbox.acknowledge,
                    acknowledgementTemplate: mailbox.acknowledgementTemplate))
        }
        return profiles
    }

    /// What is wrong with the mailboxes, one line each, naming the key to fix.
    func mailboxProblems() -> [String] {
        guard !mailboxes.isEmpty else { return shorthandProblems() }
        var problems: [String] = []
        if mailboxes.first?.imap == nil, imapURL == nil, !imapUser.isEmpty || !imapPassword.isEmpty {
            problems.append(
                "POSTDESK_IMAP_USER/POSTDESK_IMAP_PASSWORD override the first mailbox's imap login, but "
                    + "\(mailboxes[0].name) has no imap url")
        }
        if mailboxes.first?.smtp == nil, smtpURL == nil, !smtpUser.isEmpty || !smtpPassword.isEmpty {
            problems.append(
                "POSTDESK_SMTP_USER/POSTDESK_SMTP_PASSWORD override the first mailbox's smtp login, but "
                    + "\(mailboxes[0].name) has no smtp url")
        }
        var names: [String: Int] = [:]
        var addresses: [String: String] = [:]
        for (index, mailbox) in effectiveMailboxes.enumerated() {
            let label = "mailboxes[\(index)] (\(mailbox.name))"
            if !Self.isName(mailbox.name) {
                problems.append(
                    "\(label): name must be 1 to 32 of a-z, 0-9, - and _ (it is stored on every ticket)")
            }
            if let other = names[mailbox.name] {
                problems.append("\(label): name '\(mailbox.name)' is taken by mailboxes[\(other)]")
            }
            names[mailbox.name] = names[mailbox.name] ?? index
            if EmailAddress(mailbox.address) == nil {
                problems.append("\(label): address '\(mailbox.address)' is not a plain address (local@domain)")
            } else if let other = addresses[mailbox.address.lowercased()] {
                problems.append("\(label): address \(mailbox.address) is also the address of mailbox \(other)")
            }
            addresses[mailbox.address.lowercased()] = addresses[mailbox.address.lowercased()] ?? mailbox.name
            problems += settingProblems(mailbox, label: "\(label):")
        }
        let keys = MailboxName.ledgerKeys(of: effectiveMailboxes)
        for (key, group) in Dictionary(grouping: keys, by: \.value) where group.count > 1 {
            problems.append(
                "mailboxes \(group.map(\.key).sorted().joined(separator: " and ")) poll the same folder \(key) "
                    + "with the same login; give each its own")
        }
        return problems
    }

    /// The one mailbox of the shorthand keys, with messages naming those keys.
    private func shorthandProblems() -> [String] {
        guard let mailbox = effectiveMailboxes.first else { return [] }
        var problems: [String] = []
        if EmailAddress(supportAddress) == nil {
            problems.append("support.address '\(supportAddress)' is not a plain address (local@domain)")
        }
        problems += settingProblems(mailbox, label: "")
        return problems
    }

    /// Problems of the settings a list entry and the shorthand share. `label` starts each line (empty: the shorthand).
    private func settingProblems(_ mailbox: MailboxConfig, label: String) -> [String] {
        var problems: [String] = []
        let prefix = label.isEmpty ? "" : "\(label) "
        if let url = mailbox.imap?.url, !(url.hasPrefix("imap://") || url.hasPrefix("imaps://")) {
            problems.append("\(prefix)imap.url must start with imap:// or imaps://")
        }
        if let url = mailbox.smtp?.url, !(url.hasPrefix("smtp://") || url.hasPrefix("smtps://")) {
            problems.append("\(prefix)smtp.url must start with smtp:// or smtps://")
        }
        if let team = mailbox.team, !Self.isName(team) {
            problems.append("\(prefix)team '\(team)' must be 1 to 32 of a-z, 0-9, - and _ (as in postdesk team add)")
        }
        if !Self.isLanguage(mailbox.language) {
            problems.append("\(prefix)language '\(mailbox.language)' must be a language tag such as en or ru")
        } else if FileManager.default.fileExists(atPath: templatesDir),
            !FileManager.default.fileExists(atPath: "\(templatesDir)/ticket_created/\(mailbox.language).text.mustache")
        {
            problems.append(
                "\(prefix)language '\(mailbox.language)' has no templates in \(templatesDir) "
                    + "(add ticket_created/\(mailbox.language).text.mustache and the rest, or choose another)")
        }
        if let name = mailbox.displayName,
            name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        {
            problems.append("\(prefix)display_name must be one line without control characters")
        }
        if let id = mailbox.authservID, !Self.isAuthservID(id) {
            problems.append("\(prefix)authserv_id '\(id)' must be a host name such as mx.example.com (RFC 8601 §2.5)")
        }
        return problems
    }

    /// `[a-z0-9_-]{1,32}`: a mailbox or team name.
    static func isName(_ text: String) -> Bool {
        (1...32).contains(text.count)
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
    }

    /// Letters, digits, `-`, `_`: a name that can be part of a template path.
    static func isLanguage(_ text: String) -> Bool {
        (1...35).contains(text.count)
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                    || $0 == "_"
            }
    }

    /// A dot-atom (RFC 8601 §2.5 `authserv-id = value`, in practice a host name): no spaces, `;` or quotes.
    static func isAuthservID(_ text: String) -> Bool {
        (1...255).contains(text.utf8.count)
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                    || $0 == "." || $0 == "_"
            }
    }
}
