import CCurl
import CCurlShims
import PostdeskCore

extension CurlSMTPSender {
    /// Connects, greets with EHLO, upgrades to TLS and authenticates exactly as ``send(_:)`` would, then sends
    /// `NOOP` and quits: the admin page's connection test. No mail is sent and no recipient is named.
    ///
    /// Without [CURLOPT_MAIL_RCPT](https://curl.se/libcurl/c/CURLOPT_MAIL_RCPT.html) and without an upload, libcurl
    /// sends the [CURLOPT_CUSTOMREQUEST](https://curl.se/libcurl/c/CURLOPT_CUSTOMREQUEST.html) command; its reply is
    /// dropped by a [CURLOPT_WRITEFUNCTION](https://curl.se/libcurl/c/CURLOPT_WRITEFUNCTION.html) that keeps nothing.
    /// - Throws: ``MailTransportError`` naming the step that failed (connect, TLS, AUTH, timeout).
    public func probe() async throws {
        let config = self.config
        try await lanes[0].run { () throws(MailTransportError) in
            let handle = try CurlEasyHandle()
            try handle.apply(config, protocols: ["smtp", "smtps"])
            try handle.set(CURLOPT_TIMEOUT_MS, config.timeout.milliseconds)
            try handle.set(CURLOPT_CUSTOMREQUEST, "NOOP")
            try handle.set(CURLOPT_WRITEFUNCTION, callback: Self.discard)
            do throws(CurlError) {
                try handle.perform()
            } catch {
                throw MailTransportError(curl: error, context: "SMTP test")
            }
        }
    }

    /// Takes every byte and keeps none.
    static let discard: postdesk_curl_data_callback = { _, size, count, _ in size * count }
}
