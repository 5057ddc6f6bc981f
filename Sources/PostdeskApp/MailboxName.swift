import Foundation

/// The name a polled mailbox goes by in the inbound ledger, the poll mark and logs: its IMAP URL without the
/// userinfo, so a password written into `imap.url` (`imaps://user:pass@host/INBOX`) never reaches the database or a
/// log line.
///
/// A URL without userinfo keeps its name unchanged, so the poll mark of an existing installation carries on. The
/// `v3` store migration renames rows stored under a URL with userinfo the same way.
enum MailboxName {
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
