import CCurl
import PostdeskCore

extension MailTransportError {
    /// Maps a libcurl failure to a transport error that says whether a retry can help
    /// ([libcurl-errors](https://curl.se/libcurl/c/libcurl-errors.html)).
    ///
    /// When the server gave an SMTP reply code ≥ 400 ([CURLINFO_RESPONSE_CODE]
    /// (https://curl.se/libcurl/c/CURLINFO_RESPONSE_CODE.html)), that code decides: 4xx is transient, 5xx is not
    /// (RFC 5321 §4.2.1). Otherwise: connection trouble and timeouts are transient; a refused login, a bad URL or
    /// option, and TLS verification failures are not.
    /// - Parameters:
    ///   - curl: what libcurl reported.
    ///   - context: what we were doing, e.g. `"SMTP send"`; goes into ``message``.
    init(curl: CurlError, context: String) {
        let message = "\(context): \(curl)"
        if curl.responseCode >= 400, let mapped = Self.fromReplyCode(curl.responseCode, curlCode: curl.code) {
            self.init(code: mapped.code, message: message, isTransient: mapped.transient, cause: curl)
            return
        }
        let (code, transient) = Self.classify(CURLcode(UInt32(bitPattern: curl.code)))
        self.init(code: code, message: message, isTransient: transient, cause: curl)
    }

    private static func fromReplyCode(_ reply: Int, curlCode: Int32) -> (code: Code, transient: Bool)? {
        switch reply {
        case 421: return (.connectionFailed, true)  // service not available, closing channel
        case 454, 432: return (.authenticationFailed, true)  // temporary authentication failure (RFC 4954)
        case 530, 534, 535, 538: return (.authenticationFailed, false)  // RFC 4954 §6
        case 552: return (.messageTooLarge, false)
        case 400..<500: return (.rejected, true)
        case 500..<600: return (.rejected, false)
        default: return nil
        }
    }

    private static func classify(_ code: CURLcode) -> (code: Code, transient: Bool) {
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_NOT_BUILT_IN, CURLE_BAD_FUNCTION_ARGUMENT,
            CURLE_UNKNOWN_OPTION, CURLE_FAILED_INIT, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
            CURLE_SSL_ENGINE_INITFAILED:
            return (.misconfigured, false)
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR,
            CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_UPLOAD_FAILED, CURLE_READ_ERROR:
            return (.connectionFailed, true)
        case CURLE_OPERATION_TIMEDOUT:
            return (.timedOut, true)
        case CURLE_LOGIN_DENIED, CURLE_AUTH_ERROR, CURLE_REMOTE_ACCESS_DENIED:
            return (.authenticationFailed, false)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_USE_SSL_FAILED:
            return (.tlsFailed, false)
        case CURLE_FILESIZE_EXCEEDED:
            return (.messageTooLarge, false)
        case CURLE_ABORTED_BY_CALLBACK:
            return (.cancelled, true)
        default:
            // CURLE_WEIRD_SERVER_REPLY, CURLE_OUT_OF_MEMORY and the rest: nothing says the next try fails too.
            return (.protocolError, true)
        }
    }
}
