import Logging
import PostdeskCore

/// A ``MailboxReader`` over libcurl: one IMAP connection per mailbox, kept open across calls.
///
/// Every blocking libcurl call runs on the mailbox's own serial queue (``BlockingQueue``), never on the Swift
/// concurrency pool; the connection is touched only there, which is what makes the class `@unchecked Sendable`. After
/// a transient failure the connection is dropped, and the next call opens a new one (and selects the mailbox again).
///
/// Reading never changes the mailbox: messages are fetched with `BODY.PEEK[]`, so `\Seen` stays unset, and nothing is
/// stored or expunged.
public final class CurlIMAPMailbox: MailboxReader, @unchecked Sendable {
    /// The most messages asked for in one `UID FETCH`, whatever `limit` the caller gives.
    public static let maxBatch = 500

    private let config: MailServerConfig
    private let mailbox: String
    private let queue: BlockingQueue
    private let logger: Logger
    /// How long `idle` sleeps per call when the server has no IDLE capability.
    private let pollInterval: Duration

    // Touched only on `queue`.
    private var connection: IMAPConnection?
    private var selected: MailboxStatus?
    /// UIDVALIDITY from the last `select()`, to notice a change when a reconnect selects again.
    private var expectedUIDValidity: UInt32?
    /// An EXISTS seen outside IDLE, so the next `idle` returns `.changed` at once instead of missing it.
    private var pendingChange = false

    /// - Parameters:
    ///   - config: an `imap://` or `imaps://` URL whose path names the mailbox (`INBOX` when empty), and credentials.
    ///   - pollInterval: the sleep `idle` uses instead of IMAP IDLE when the server does not offer it.
    ///   - logger: gets connection events, never message contents.
    /// - Throws: `misconfigured` when the URL is not IMAP or names a mailbox outside ASCII.
    public init(
        config: MailServerConfig, pollInterval: Duration = .seconds(30),
        logger: Logger = Logger(label: "postdesk.curl.imap")
    ) throws(MailTransportError) {
        let scheme = config.url.prefix { $0 != ":" }.lowercased()
        guard scheme == "imap" || scheme == "imaps" else {
            throw MailTransportError(
                code: .misconfigured, message: "IMAP URL must start with imap:// or imaps://", isTransient: false)
        }
        let mailbox = try Self.mailboxName(in: config.url)
        self.config = config
        self.mailbox = mailbox
        self.pollInterval = pollInterval
        self.logger = logger
        queue = BlockingQueue(label: "postdesk.curl.imap.\(mailbox)")
    }

    public func select() async throws -> MailboxStatus {
        try await queue.run { () throws(MailTransportError) in
            let status = try self.withConnection { connection throws(MailTransportError) in
                try self.selectIfNeeded(on: connection, force: true)
            }
            self.expectedUIDValidity = status.uidValidity
            return status
        }
    }

    public func fetch(after uid: UInt32, limit: Int) async throws -> [FetchedMail] {
        let batch = min(max(limit, 1), Self.maxBatch)
        return try await queue.run { () throws(MailTransportError) in
            try self.withConnection { connection throws(MailTransportError) in
                _ = try self.selectIfNeeded(on: connection, force: false)
                var sawNewMail = false
                let uids = try connection.uids(after: uid, sawNewMail: &sawNewMail)
                let mails = try connection.fetchBodies(Array(uids.prefix(batch)), sawNewMail: &sawNewMail)
                if sawNewMail { self.pendingChange = true }
                return mails
            }
        }
    }

    public func idle(timeout: Duration) async throws -> MailboxWake {
        let hasIdle = try await queue.run { () throws(MailTransportError) -> Bool? in
            try self.withConnection { connection throws(MailTransportError) in
                _ = try self.selectIfNeeded(on: connection, force: false)
                if self.pendingChange { return nil }
                return connection.capabilities.contains("IDLE")
            }
        }
        switch hasIdle {
        case nil:
            try await queue.run { () throws(MailTransportError) in self.pendingChange = false }
            return .changed
        case false?:
            // No IDLE: a plain, cancellable sleep off the queue; the caller polls afterwards.
            do {
                try await Task.sleep(for: min(timeout, pollInterval))
            } catch {
                throw MailTransportError(code: .cancelled, message: "IMAP idle cancelled", isTransient: true)
            }
            return .timedOut
        case true?:
            return try await queue.runCancellable { (cancellation) throws(MailTransportError) in
                try self.withConnection { connection throws(MailTransportError) in
                    _ = try self.selectIfNeeded(on: connection, force: false)
                    return try connection.idle(timeout: timeout, cancellation: cancellation)
                }
            }
        }
    }

    public func close() async {
        try? await queue.run { () throws(MailTransportError) in
            self.connection?.logout()
            self.connection = nil
            self.selected = nil
        }
    }

    // MARK: On the queue

    /// Runs `body` on the open connection, opening one first; drops the connection when `body` broke it.
    private func withConnection<T>(
        _ body: (IMAPConnection) throws(MailTransportError) -> T
    ) throws(MailTransportError) -> T {
        let connection: IMAPConnection
        if let open = self.connection {
            connection = open
        } else {
            do {
                connection = try IMAPConnection(config: config)
            } catch {
                logger.debug("IMAP connect failed", metadata: ["postdesk.error": "\(error.code)"])
                throw error
            }
            logger.debug("IMAP connected", metadata: ["postdesk.mailbox": "\(mailbox)"])
            self.connection = connection
            selected = nil
        }
        do {
            return try body(connection)
        } catch {
            if connection.isBroken {
                logger.debug("IMAP connection dropped", metadata: ["postdesk.error": "\(error.code)"])
                self.connection = nil
                selected = nil
            }
            throw error
        }
    }

    /// Selects the mailbox when this connection has not yet (or always when `force`). After a reconnect, a changed
    /// UIDVALIDITY means the UIDs the caller holds are void: that is reported instead of fetching by them.
    private func selectIfNeeded(on connection: IMAPConnection, force: Bool) throws(MailTransportError)
        -> MailboxStatus
    {
        if !force, let selected { return selected }
        let status = try connection.select(mailbox)
        selected = status
        if !force, let expected = expectedUIDValidity, expected != status.uidValidity {
            throw MailTransportError(
                code: .protocolError,
                message: "IMAP: UIDVALIDITY changed from \(expected) to \(status.uidValidity); select again",
                isTransient: true)
        }
        return status
    }

    /// The mailbox named by the URL's path, percent-decoded; `INBOX` when the path is empty.
    static func mailboxName(in url: String) throws(MailTransportError) -> String {
        guard let schemeEnd = url.range(of: "://") else {
            throw MailTransportError(code: .misconfigured, message: "IMAP URL has no scheme", isTransient: false)
        }
        let afterAuthority = url[schemeEnd.upperBound...].drop { $0 != "/" }
        var path = afterAuthority.dropFirst().prefix { $0 != "?" && $0 != ";" }
        if path.hasSuffix("/") { path = path.dropLast() }
        guard !path.isEmpty else { return "INBOX" }
        guard let name = String(path).removingPercentEncodingASCII, name.allSatisfy({ $0.isASCII && $0 >= " " })
        else {
            throw MailTransportError(
                code: .misconfigured, message: "IMAP mailbox names must be ASCII (modified UTF-7 is not supported)",
                isTransient: false)
        }
        return name
    }
}

extension String {
    /// Decodes `%XX` escapes; `nil` when an escape is malformed or the result is not UTF-8.
    fileprivate var removingPercentEncodingASCII: String? {
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            else { return nil }
            bytes.append(value)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
