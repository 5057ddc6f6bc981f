/// Where and how to reach one IMAP mailbox or SMTP relay.
///
/// The URL's scheme picks the protocol and implicit TLS: `imap://host:143/INBOX`, `imaps://host:993/INBOX`,
/// `smtp://host:587`, `smtps://host:465`. The IMAP path names the mailbox (percent-encoded; `INBOX` when empty);
/// an SMTP path is the EHLO name (libcurl's convention, see
/// [CURLOPT_URL](https://curl.se/libcurl/c/CURLOPT_URL.html)).
public struct MailServerConfig: Sendable, Hashable {
    /// Whether a plain `imap://` or `smtp://` connection upgrades to TLS with STARTTLS
    /// ([CURLOPT_USE_SSL](https://curl.se/libcurl/c/CURLOPT_USE_SSL.html)). Ignored for `imaps://` and `smtps://`.
    public enum StartTLS: Sendable, Hashable {
        /// Stay in plain text (libcurl's default, `CURLUSESSL_NONE`).
        case never
        /// Upgrade when the server offers it, stay plain otherwise (`CURLUSESSL_TRY`). The certificate is still
        /// verified once TLS starts.
        case ifAvailable
        /// Upgrade or fail (`CURLUSESSL_ALL`); the choice for any server off the local machine.
        case required
    }

    /// `imap://`, `imaps://`, `smtp://` or `smtps://` URL, e.g. `imaps://mail.example.com:993/INBOX`.
    public var url: String
    /// The login name (IMAP LOGIN/AUTHENTICATE, SMTP AUTH). Empty: no authentication (SMTP only).
    public var user: String
    public var password: String
    /// An OAuth 2.0 access token for SASL XOAUTH2 (Gmail, Microsoft 365), sent instead of the password when the
    /// server offers XOAUTH2 ([CURLOPT_XOAUTH2_BEARER](https://curl.se/libcurl/c/CURLOPT_XOAUTH2_BEARER.html)).
    /// Refreshing it is the caller's job: build a new reader or sender with the new token.
    public var oauth2Token: String?
    /// PEM file of CA certificate(s) to trust in addition to the system's bundle (joined in memory, not replacing
    /// it as `CURLOPT_CAINFO` would); `nil` trusts the system store alone.
    public var caFile: String?
    public var startTLS: StartTLS
    /// The longest wait for connecting, for one IMAP command's reply, or for one whole SMTP send.
    public var timeout: Duration

    /// - Parameters:
    ///   - url: the server and, for IMAP, the mailbox, e.g. `imaps://127.0.0.1:14993/INBOX`.
    ///   - user: the login name; empty sends SMTP without AUTH.
    ///   - password: the password for `user`.
    ///   - caFile: a PEM CA bundle trusted besides the system's, or `nil` for the system's alone.
    ///   - startTLS: STARTTLS policy for `imap://` and `smtp://` URLs.
    ///   - timeout: limit for connecting, each IMAP command, and each SMTP send.
    ///   - oauth2Token: an access token for SASL XOAUTH2, or `nil` to log in with `password`.
    public init(
        url: String, user: String, password: String, caFile: String? = nil, startTLS: StartTLS = .never,
        timeout: Duration = .seconds(30), oauth2Token: String? = nil
    ) {
        self.url = url
        self.user = user
        self.password = password
        self.oauth2Token = oauth2Token
        self.caFile = caFile
        self.startTLS = startTLS
        self.timeout = timeout
    }
}

extension MailServerConfig: CustomStringConvertible {
    /// The URL and user, never the password or token.
    public var description: String {
        "MailServerConfig(url: \(url), user: \(user), caFile: \(caFile ?? "system"), startTLS: \(startTLS)"
            + (oauth2Token == nil ? ")" : ", oauth2: yes)")
    }
}

extension Duration {
    /// Whole milliseconds, at least 1 for any positive duration; libcurl's `*_MS` options take these.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return ms == 0 && attoseconds > 0 ? 1 : Int(clamping: ms)
    }
}
