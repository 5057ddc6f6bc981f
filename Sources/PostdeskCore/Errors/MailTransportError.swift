/// A failure talking to an IMAP or SMTP server.
///
/// `isTransient` tells the caller whether the same request can succeed later (server down, timeout, 4xx reply) or
/// will fail again until someone changes something (bad password, 5xx recipient rejection, certificate mismatch).
public struct MailTransportError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable {
            case connectionFailed, timedOut, tlsFailed, authenticationFailed, protocolError, rejected
            case messageTooLarge, mailboxMissing, cancelled, misconfigured
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The server could not be reached, or the connection dropped.
        public static let connectionFailed = Code(.connectionFailed)
        /// No answer within the time allowed.
        public static let timedOut = Code(.timedOut)
        /// TLS handshake or certificate verification failed.
        public static let tlsFailed = Code(.tlsFailed)
        /// The server refused the credentials.
        public static let authenticationFailed = Code(.authenticationFailed)
        /// The server said something we could not read, or refused a command.
        public static let protocolError = Code(.protocolError)
        /// The server refused the message or a recipient.
        public static let rejected = Code(.rejected)
        /// The message is larger than the server accepts.
        public static let messageTooLarge = Code(.messageTooLarge)
        /// The mailbox named in the URL does not exist.
        public static let mailboxMissing = Code(.mailboxMissing)
        /// The operation was cancelled by us.
        public static let cancelled = Code(.cancelled)
        /// The URL or an option is wrong.
        public static let misconfigured = Code(.misconfigured)

        public var description: String { "\(value)" }
    }

    public var code: Code
    public var message: String
    /// Whether trying the same request later can succeed.
    public var isTransient: Bool
    public var cause: (any Error & Sendable)?

    public init(code: Code, message: String, isTransient: Bool, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.isTransient = isTransient
        self.cause = cause
    }

    public var description: String {
        "\(code): \(message)\(isTransient ? " (transient)" : "")"
    }
}
