import CCurl
import PostdeskCore

/// When a lane's SMTP connection is given up and a new one opened.
public struct SMTPConnectionReuse: Sendable, Hashable {
    /// At most this many mails go over one connection; then it is closed and the next mail opens a new one. Relays
    /// limit this themselves (Postfix's `smtpd_client_message_rate_limit`, Exchange's messages per connection), and
    /// a fresh connection now and then spreads the load again behind a balancer.
    public var maxMailsPerConnection: Int
    /// A connection idle longer than this is not used again: relays close idle sessions (RFC 5321 §4.5.3.2 allows
    /// five minutes), and a mail that meets a half-closed one fails and waits for a retry.
    public var idleTimeout: Duration

    /// - Parameters:
    ///   - maxMailsPerConnection: at least 1; 1 opens a connection per mail, as before lanes.
    ///   - idleTimeout: how long an unused connection may be kept.
    public init(maxMailsPerConnection: Int = 100, idleTimeout: Duration = .seconds(30)) {
        self.maxMailsPerConnection = max(1, maxMailsPerConnection)
        self.idleTimeout = idleTimeout
    }
}

/// One lane's SMTP connection: a libcurl easy handle reused for mail after mail, so TCP, STARTTLS and AUTH happen
/// once per connection instead of once per mail.
///
/// libcurl keeps the connection of a finished transfer in the handle's cache and the next `curl_easy_perform` with
/// the same URL and login continues on it with `MAIL FROM`. No `RSET` is needed between mails: a transaction that
/// ended with the relay's reply to the data leaves the session clear (RFC 5321 §4.1.4), and a transaction that ended
/// in any error is never continued, because the handle (and its connection) is dropped on every error and the next
/// mail starts from a new connection.
///
/// `@unchecked Sendable`: the handle is touched only on the lane's own serial ``BlockingQueue``, one call at a time,
/// which is what libcurl asks of a handle ([threadsafe](https://curl.se/libcurl/c/threadsafe.html)).
final class SMTPConnection: @unchecked Sendable {
    private var handle: CurlEasyHandle?
    private var mailsOnConnection = 0
    private var lastUsed = ContinuousClock.now

    /// Sends one mail, on the open connection when it may still be used, else on a new one.
    /// - Returns: how many connections libcurl opened for it (0 when the open one was reused).
    /// - Throws: ``MailTransportError``; the connection is closed first, so the next mail starts clean.
    func send(
        _ mail: OutgoingMail, config: MailServerConfig, reuse: SMTPConnectionReuse
    ) throws(MailTransportError) -> Int {
        if handle != nil, ContinuousClock.now - lastUsed > reuse.idleTimeout { close() }
        let handle: CurlEasyHandle
        if let open = self.handle {
            handle = open
        } else {
            handle = try open(config, reuse: reuse)
        }
        let upload = SMTPUpload(mail.raw)
        do throws(MailTransportError) {
            // Only `EmailAddress` values reach the envelope: no CR, LF or angle bracket can end a command early.
            try handle.set(CURLOPT_MAIL_FROM, "<\(mail.envelopeFrom?.rawValue ?? "")>")
            try handle.set(CURLOPT_MAIL_RCPT, list: mail.recipients.map { "<\($0.rawValue)>" })
            try handle.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(mail.raw.count))
            // The handle keeps an unretained pointer: `upload` must outlive `perform`.
            try handle.set(CURLOPT_READDATA, pointer: Unmanaged.passUnretained(upload).toOpaque())
        } catch {
            close()
            throw error
        }
        defer { withExtendedLifetime(upload) {} }
        do throws(CurlError) {
            try handle.perform()
        } catch {
            close()
            throw MailTransportError(curl: error, context: "SMTP send")
        }
        let opened = handle.connectsOfLastTransfer
        if opened > 0 { mailsOnConnection = 0 }
        mailsOnConnection += 1
        lastUsed = ContinuousClock.now
        if mailsOnConnection >= reuse.maxMailsPerConnection { close() }
        return opened
    }

    /// Ends the connection (libcurl says `QUIT` when it still can).
    func close() {
        handle = nil
        mailsOnConnection = 0
    }

    /// A handle with everything that stays the same from mail to mail:
    /// [CURLOPT_UPLOAD](https://curl.se/libcurl/c/CURLOPT_UPLOAD.html) through
    /// [CURLOPT_READFUNCTION](https://curl.se/libcurl/c/CURLOPT_READFUNCTION.html),
    /// [CURLOPT_TIMEOUT_MS](https://curl.se/libcurl/c/CURLOPT_TIMEOUT_MS.html) for each whole transaction, and
    /// [CURLOPT_MAXAGE_CONN](https://curl.se/libcurl/c/CURLOPT_MAXAGE_CONN.html) as a second guard on idle
    /// connections.
    private func open(_ config: MailServerConfig, reuse: SMTPConnectionReuse) throws(MailTransportError)
        -> CurlEasyHandle
    {
        let handle = try CurlEasyHandle()
        try handle.apply(config, protocols: ["smtp", "smtps"])
        try handle.set(CURLOPT_TIMEOUT_MS, config.timeout.milliseconds)
        try handle.set(CURLOPT_UPLOAD, 1)
        try handle.set(CURLOPT_READFUNCTION, callback: SMTPUpload.callback)
        try handle.set(CURLOPT_MAXAGE_CONN, max(1, Int(reuse.idleTimeout.components.seconds)))
        self.handle = handle
        mailsOnConnection = 0
        return handle
    }
}
