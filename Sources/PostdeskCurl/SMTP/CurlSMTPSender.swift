import CCurl
import Logging
import PostdeskCore
import Synchronization

/// A ``MailSender`` over libcurl's SMTP: `smtp://` (with optional STARTTLS) or `smtps://`, AUTH when a user is set.
///
/// Each send uses a fresh easy handle, so one failed transaction never leaves state behind. The blocking
/// `curl_easy_perform` runs on one of the sender's own serial queues (``BlockingQueue``), never on the Swift
/// concurrency pool; `lanes` of them allow that many sends at once.
///
/// The send succeeds only when the relay accepted every recipient and the data (libcurl aborts the transaction on
/// the first refused `RCPT TO`). Reply codes decide ``MailTransportError/isTransient``: 4xx is worth retrying, 5xx is
/// not.
public final class CurlSMTPSender: MailSender {
    let config: MailServerConfig
    let lanes: [BlockingQueue]
    private let nextLane = Atomic<Int>(0)
    private let logger: Logger

    /// - Parameters:
    ///   - config: an `smtp://` or `smtps://` URL (its path, if any, is the EHLO name), credentials, CA file, and the
    ///     time allowed for one whole send.
    ///   - lanes: how many sends may run at once, each on its own queue.
    ///   - logger: gets outcomes with reply codes, never addresses or contents.
    /// - Throws: `misconfigured` when the URL is not SMTP.
    public init(
        config: MailServerConfig, lanes: Int = 2, logger: Logger = Logger(label: "postdesk.curl.smtp")
    ) throws(MailTransportError) {
        let scheme = config.url.prefix { $0 != ":" }.lowercased()
        guard scheme == "smtp" || scheme == "smtps" else {
            throw MailTransportError(
                code: .misconfigured, message: "SMTP URL must start with smtp:// or smtps://", isTransient: false)
        }
        self.config = config
        self.lanes = (0..<max(1, lanes)).map { BlockingQueue(label: "postdesk.curl.smtp.\($0)") }
        self.logger = logger
    }

    public func send(_ mail: OutgoingMail) async throws {
        guard !mail.recipients.isEmpty else {
            throw MailTransportError(code: .rejected, message: "SMTP: no recipients", isTransient: false)
        }
        let lane = lanes[nextLane.add(1, ordering: .relaxed).oldValue % lanes.count]
        let config = self.config
        do {
            try await lane.run { () throws(MailTransportError) in try Self.sendBlocking(mail, config: config) }
        } catch {
            logger.debug("SMTP send failed", metadata: ["postdesk.error": "\(error.code)"])
            throw error
        }
    }

    /// One SMTP transaction on a fresh handle: [CURLOPT_MAIL_FROM](https://curl.se/libcurl/c/CURLOPT_MAIL_FROM.html),
    /// [CURLOPT_MAIL_RCPT](https://curl.se/libcurl/c/CURLOPT_MAIL_RCPT.html),
    /// [CURLOPT_UPLOAD](https://curl.se/libcurl/c/CURLOPT_UPLOAD.html) through
    /// [CURLOPT_READFUNCTION](https://curl.se/libcurl/c/CURLOPT_READFUNCTION.html), the size announced with
    /// [CURLOPT_INFILESIZE_LARGE](https://curl.se/libcurl/c/CURLOPT_INFILESIZE_LARGE.html) (SMTP `SIZE`), and
    /// [CURLOPT_TIMEOUT_MS](https://curl.se/libcurl/c/CURLOPT_TIMEOUT_MS.html) for the whole transaction.
    static func sendBlocking(_ mail: OutgoingMail, config: MailServerConfig) throws(MailTransportError) {
        let handle = try CurlEasyHandle()
        try handle.apply(config, protocols: ["smtp", "smtps"])
        try handle.set(CURLOPT_TIMEOUT_MS, config.timeout.milliseconds)
        // Only `EmailAddress` values reach the envelope: no CR, LF or angle bracket can end a command early.
        try handle.set(CURLOPT_MAIL_FROM, "<\(mail.envelopeFrom?.rawValue ?? "")>")
        try handle.set(CURLOPT_MAIL_RCPT, list: mail.recipients.map { "<\($0.rawValue)>" })
        let upload = SMTPUpload(mail.raw)
        try handle.set(CURLOPT_UPLOAD, 1)
        try handle.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(mail.raw.count))
        try handle.set(CURLOPT_READFUNCTION, callback: SMTPUpload.callback)
        // The handle keeps an unretained pointer: `upload` must outlive `perform`.
        try handle.set(CURLOPT_READDATA, pointer: Unmanaged.passUnretained(upload).toOpaque())
        defer { withExtendedLifetime(upload) {} }
        do {
            try handle.perform()
        } catch {
            throw MailTransportError(curl: error, context: "SMTP send")
        }
    }
}
