import Foundation

/// The name a polled mailbox goes by in the inbound ledger, the poll mark and logs: its IMAP URL without the
/// userinfo, so a password written into `imap.url` (`imaps://user:pass@host/INBOX`) never reaches the database or a
/// log line.
///
/// A URL without userinfo keeps its name unchanged, so the poll mark of an existing installation carries on. The
/// `v3` store migration renames rows stored under a URL with userinfo the same way.
public enum MailboxName {
    /// - Parameter url: the configured `imap.url`.
    static func of(url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd: Substring.Index
        if URLComponents(string: url) != nil {
            // A well-formed URL: the userinfo ends at the last `@` before the path.
            authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        } else {
            // Not a URL Foundation reads (say, an unescaped `/` in the password): the userinfo may run on past a `/`,
            // up to the path after the first `@`. Dropping too much beats keeping a password.
            guard let firstAt = rest.firstIndex(of: "@") else { return url }
            authorityEnd = rest[firstAt...].firstIndex(of: "/") ?? rest.endIndex
        }
        guard let lastAt = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<schemeEnd.upperBound] + rest[rest.index(after: lastAt)...])
    }
}

extension MailboxName {
    /// The ledger name of each mailbox that polls IMAP, by mailbox name.
    ///
    /// A mailbox keeps ``of(url:)`` when no other configured mailbox polls the same URL, so every installation
    /// that had one mailbox (or mailboxes on different servers) keeps its poll mark. Mailboxes that share a URL and
    /// differ only in their login (`support@` and `sales@` on one server) each get the login added, `imap://host/INBOX
    /// (sales@example.test)`: one shared name would share one UID mark, and two INBOXes that happen to have the same
    /// UIDVALIDITY would then drop each other's mail as already taken in. (When a second mailbox on the same server is
    /// added, the first is fetched once more under its new name; the ledger's SHA-256 key recognises every message.)
    /// - Parameter mailboxes: the effective mailboxes.
    static func ledgerKeys(of mailboxes: [MailboxConfig]) -> [String: String] {
        let polled = mailboxes.compactMap { mailbox in mailbox.imap.map { (mailbox.name, $0) } }
        let shared = Dictionary(grouping: polled, by: { of(url: $0.1.url) }).filter { $0.value.count > 1 }
        var keys: [String: String] = [:]
        for (name, login) in polled {
            let plain = of(url: login.url)
            guard shared[plain] != nil else {
                keys[name] = plain
                continue
            }
            let user = login.user.isEmpty ? URLComponents(string: login.url)?.user ?? name : login.user
            keys[name] = "\(plain) (\(user.lowercased()))"
        }
        return keys
    }
}

extension MailboxName {
    /// `imap://host:993/INBOX as support@example.test`: a login for `check-config`, without its password (also one
    /// written into the URL).
    public static func describe(_ login: ServerLogin) -> String {
        let url = of(url: login.url)
        return login.user.isEmpty ? url : "\(url) as \(login.user)"
    }
}
