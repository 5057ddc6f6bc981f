import CCurl
import Logging
import PostdeskCore
import Synchronization

/// A ``MailSender`` over libcurl's SMTP: `smtp://` (with optional STARTTLS) or `smtps://`, AUTH when a user is set.
///
/// The sender has `lanes`: each is one SMTP connection kept open from mail to mail (``SMTPConnection``), with its
/// own serial queue (``BlockingQueue``) for the blocking `curl_easy_perform`, never the Swift concurrency pool. A send
/// goes to the lane with the fewest sends in flight, so concurrent callers (the outbox's lanes) each keep to a
/// connection of their own. A connection is closed after any error, after ``SMTPConnectionReuse/idleTimeout`` unused
/// and after ``SMTPConnectionReuse/maxMailsPerConnection`` mails.
///
/// The send succeeds only when the relay accepted every recipient and the data (libcurl aborts the transaction on
/// the first refused `RCPT TO`). Reply codes decide ``MailTransportError/isTransient``: 4xx is worth retrying, 5xx is
/// not.
public final class CurlSMTPSender: MailSender {
    let config: MailServerConfig
    let lanes: [BlockingQueue]
    private let connections: [SMTPConnection]
    private let inFlight: Mutex<[Int]>
    private let opened = Atomic<Int>(0)
    private let reuse: SMTPConnectionReuse
    private let logger: Logger

    /// - Parameters:
    ///   - config: an `smtp://` or `smtps://` URL (its path, if any, is the EHLO name), credentials, CA file, and the
    ///     time allowed for one whole send.
    ///   - lanes: how many connections may send at once (at least 1).
    ///   - reuse: when a connection is closed and a new one opened.
    ///   - logger: gets outcomes with reply codes, never addresses or contents.
    /// - Throws: `misconfigured` when the URL is not SMTP.
    public init(
        config: MailServerConfig, lanes: Int = 2, reuse: SMTPConnectionReuse = SMTPConnectionReuse(),
        logger: Logger = Logger(label: "postdesk.curl.smtp")
    ) throws(MailTransportError) {
        let scheme = config.url.prefix { $0 != ":" }.lowercased()
        guard scheme == "smtp" || scheme == "smtps" else {
            throw MailTransportError(
                code: .misconfigured, message: "SMTP URL must start with smtp:// or smtps://", isTransient: false)
        }
        let count = max(1, lanes)
        self.config = config
        self.lanes = (0..<count).map { BlockingQueue(label: "postdesk.curl.smtp.\($0)") }
        self.connections = (0..<count).map { _ in SMTPConnection() }
        self.inFlight = Mutex([Int](repeating: 0, count: count))
        self.reuse = reuse
        self.logger = logger
    }

    /// How many lanes (connections at most) this sender has.
    public var laneCount: Int { lanes.count }

    /// How many SMTP connections carried the mails sent so far: with lanes kept alive, far fewer than the mails.
    public var connectionsOpened: Int { opened.load(ordering: .relaxed) }

    public func send(_ mail: OutgoingMail) async throws {
        guard !mail.recipients.isEmpty else {
            throw MailTransportError(code: .rejected, message: "SMTP: no recipients", isTransient: false)
        }
        let index = inFlight.withLock { counts in
            // The first of the least busy lanes: an idle sender keeps using lane 0's open connection.
            let index = counts.indices.min { counts[$0] < counts[$1] } ?? 0
            counts[index] += 1
            return index
        }
        defer { inFlight.withLock { $0[index] -= 1 } }
        let (config, reuse, connection) = (self.config, self.reuse, connections[index])
        do {
            let connects = try await lanes[index].run { () throws(MailTransportError) in
                try connection.send(mail, config: config, reuse: reuse)
            }
            if connects > 0 { opened.add(connects, ordering: .relaxed) }
        } catch {
            logger.debug("SMTP send failed", metadata: ["postdesk.error": "\(error.code)"])
            throw error
        }
    }
}
