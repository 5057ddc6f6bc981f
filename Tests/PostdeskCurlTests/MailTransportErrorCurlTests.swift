import CCurl
import PostdeskCore
import Testing

@testable import PostdeskCurl

/// Every libcurl outcome maps to a code and says whether a retry helps.
struct MailTransportErrorCurlTests {
    @Test(
        arguments: [
            (CURLE_COULDNT_CONNECT, 0, MailTransportError.Code.connectionFailed, true),
            (CURLE_COULDNT_RESOLVE_HOST, 0, .connectionFailed, true),
            (CURLE_RECV_ERROR, 0, .connectionFailed, true),
            (CURLE_SEND_ERROR, 0, .connectionFailed, true),
            (CURLE_GOT_NOTHING, 0, .connectionFailed, true),
            (CURLE_OPERATION_TIMEDOUT, 0, .timedOut, true),
            (CURLE_LOGIN_DENIED, 0, .authenticationFailed, false),
            (CURLE_LOGIN_DENIED, 535, .authenticationFailed, false),
            (CURLE_LOGIN_DENIED, 454, .authenticationFailed, true),
            (CURLE_URL_MALFORMAT, 0, .misconfigured, false),
            (CURLE_UNSUPPORTED_PROTOCOL, 0, .misconfigured, false),
            (CURLE_PEER_FAILED_VERIFICATION, 0, .tlsFailed, false),
            (CURLE_SSL_CACERT_BADFILE, 0, .tlsFailed, false),
            (CURLE_SSL_CONNECT_ERROR, 0, .tlsFailed, false),
            (CURLE_USE_SSL_FAILED, 0, .tlsFailed, false),
            (CURLE_SEND_ERROR, 554, .rejected, false),
            (CURLE_SEND_ERROR, 550, .rejected, false),
            (CURLE_SEND_ERROR, 450, .rejected, true),
            (CURLE_SEND_ERROR, 451, .rejected, true),
            (CURLE_SEND_ERROR, 421, .connectionFailed, true),
            (CURLE_SEND_ERROR, 552, .messageTooLarge, false),
            (CURLE_FILESIZE_EXCEEDED, 0, .messageTooLarge, false),
            (CURLE_ABORTED_BY_CALLBACK, 0, .cancelled, true),
            (CURLE_WEIRD_SERVER_REPLY, 0, .protocolError, true),
            (CURLE_WEIRD_SERVER_REPLY, 250, .protocolError, true),
        ] as [(CURLcode, Int, MailTransportError.Code, Bool)])
    func mapping(_ curlCode: CURLcode, reply: Int, code: MailTransportError.Code, transient: Bool) {
        let error = MailTransportError(curl: CurlError(curlCode, responseCode: reply), context: "test")
        #expect(error.code == code)
        #expect(error.isTransient == transient)
        #expect(error.cause is CurlError)
        #expect(error.message.hasPrefix("test: curl error \(curlCode.rawValue)"))
    }

    @Test func durationMilliseconds() {
        #expect(Duration.seconds(2).milliseconds == 2000)
        #expect(Duration.microseconds(1).milliseconds == 1)
        #expect(Duration.milliseconds(1500).milliseconds == 1500)
        #expect(Duration.zero.milliseconds == 0)
    }

    @Test func configDescriptionHidesPassword() {
        let config = MailServerConfig(url: "imap://h/INBOX", user: "u", password: "hunter2")
        #expect(!config.description.contains("hunter2"))
    }

    @Test func schemesAreChecked() {
        let imap = MailServerConfig(url: "smtp://h", user: "u", password: "p")
        #expect(throws: MailTransportError.self) { try CurlIMAPMailbox(config: imap) }
        let smtp = MailServerConfig(url: "imap://h/INBOX", user: "u", password: "p")
        #expect(throws: MailTransportError.self) { try CurlSMTPSender(config: smtp) }
    }
}
