import CCurl

/// A libcurl call that did not return `CURLE_OK`: the code, libcurl's text for it, and the handle's error buffer.
///
/// It travels as the ``MailTransportError/cause`` of the error PostdeskCurl throws.
public struct CurlError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The raw `CURLcode` ([libcurl-errors](https://curl.se/libcurl/c/libcurl-errors.html)).
    public var code: Int32
    /// What libcurl says about it: the error buffer when it has text, else `curl_easy_strerror`.
    public var message: String
    /// The server's last reply code (`CURLINFO_RESPONSE_CODE`), 0 when there was none.
    public var responseCode: Int

    public init(code: Int32, message: String, responseCode: Int = 0) {
        self.code = code
        self.message = message
        self.responseCode = responseCode
    }

    init(_ code: CURLcode, detail: String = "", responseCode: Int = 0) {
        let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        self.init(code: Int32(code.rawValue), message: text, responseCode: responseCode)
    }

    public var description: String {
        "curl error \(code): \(message)" + (responseCode > 0 ? " (server replied \(responseCode))" : "")
    }
}
