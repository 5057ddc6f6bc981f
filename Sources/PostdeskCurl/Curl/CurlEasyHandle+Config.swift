import CCurl
import PostdeskCore

extension CurlEasyHandle {
    /// Applies what every PostdeskCurl connection shares: URL, credentials, TLS trust, STARTTLS and time limits.
    ///
    /// - [CURLOPT_URL](https://curl.se/libcurl/c/CURLOPT_URL.html),
    ///   [CURLOPT_PROTOCOLS_STR](https://curl.se/libcurl/c/CURLOPT_PROTOCOLS_STR.html) (only the mail schemes),
    /// - [CURLOPT_USERNAME](https://curl.se/libcurl/c/CURLOPT_USERNAME.html),
    ///   [CURLOPT_PASSWORD](https://curl.se/libcurl/c/CURLOPT_PASSWORD.html),
    ///   [CURLOPT_XOAUTH2_BEARER](https://curl.se/libcurl/c/CURLOPT_XOAUTH2_BEARER.html),
    /// - [CURLOPT_CAINFO_BLOB](https://curl.se/libcurl/c/CURLOPT_CAINFO_BLOB.html) (see ``CATrust``),
    ///   [CURLOPT_USE_SSL](https://curl.se/libcurl/c/CURLOPT_USE_SSL.html),
    /// - [CURLOPT_CONNECTTIMEOUT_MS](https://curl.se/libcurl/c/CURLOPT_CONNECTTIMEOUT_MS.html),
    ///   [CURLOPT_SERVER_RESPONSE_TIMEOUT](https://curl.se/libcurl/c/CURLOPT_SERVER_RESPONSE_TIMEOUT.html).
    /// - Parameters:
    ///   - config: the server to reach.
    ///   - protocols: the schemes this use accepts, e.g. `["imap", "imaps"]`.
    ///   - systemBundle: the CA bundle trusted without `caFile`; libcurl's own default unless a test says otherwise.
    func apply(
        _ config: MailServerConfig, protocols: [String], systemBundle: String? = CATrust.defaultBundle
    ) throws(MailTransportError) {
        let scheme = config.url.prefix { $0 != ":" }.lowercased()
        guard protocols.contains(scheme) else {
            throw MailTransportError(
                code: .misconfigured, message: "URL scheme must be one of \(protocols.joined(separator: ", "))",
                isTransient: false)
        }
        try set(CURLOPT_PROTOCOLS_STR, protocols.joined(separator: ","))
        try set(CURLOPT_URL, config.url)
        if !config.user.isEmpty {
            try set(CURLOPT_USERNAME, config.user)
            try set(CURLOPT_PASSWORD, config.password)
        }
        if let token = config.oauth2Token {
            // libcurl then prefers SASL XOAUTH2 when the server offers it (IMAP AUTHENTICATE, SMTP AUTH).
            try set(CURLOPT_XOAUTH2_BEARER, token)
        }
        if let caFile = config.caFile {
            // CURLOPT_CAINFO would replace the system bundle; the extra file is meant to add to it.
            try set(CURLOPT_CAINFO_BLOB, blob: try CATrust.bundle(adding: caFile, to: systemBundle))
        }
        switch config.startTLS {
        case .never: break
        case .ifAvailable: try set(CURLOPT_USE_SSL, Int(CURLUSESSL_TRY.rawValue))
        case .required: try set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        }
        let timeout = config.timeout.milliseconds
        try set(CURLOPT_CONNECTTIMEOUT_MS, timeout)
        // Bounds each reply libcurl itself waits for (greeting, STARTTLS, LOGIN/AUTH, EHLO, …).
        try set(CURLOPT_SERVER_RESPONSE_TIMEOUT, max(1, (timeout + 999) / 1000))
    }
}
