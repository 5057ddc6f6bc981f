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
        if let components = URLComponents(string: url) {
            guard components.user != nil || components.password != nil else { return url }
            if let host = components.rangeOfHost {
                return String(url[..<schemeEnd.upperBound] + url[host.lowerBound...])
            }
        }
        // Not a URL Foundation can read (say, an unescaped `@` or `/` in the password): drop everything up to the last
        // `@` before the path, erring on the side of dropping too much.
        let rest = url[schemeEnd.upperBound...]
        guard let firstAt = rest.firstIndex(of: "@") else { return url }
        let pathStart = rest[firstAt...].firstIndex(of: "/") ?? rest.endIndex
        guard let lastAt = rest[..<pathStart].lastIndex(of: "@") else { return url }
        return String(url[..<schemeEnd.upperBound] + rest[rest.index(after: lastAt)...])
    }
}
