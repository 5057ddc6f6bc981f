import CCurl
import Glibc
import PostdeskCore

/// One logged-in IMAP connection: libcurl connects, upgrades to TLS and logs in; we speak IMAP over it.
///
/// libcurl's own IMAP commands (`CURLOPT_CUSTOMREQUEST`) pass every server line to the header callback, mangle
/// literal message bodies, and drop the connection after any NO or BAD. So the handle is opened with
/// [CURLOPT_CONNECT_ONLY](https://curl.se/libcurl/c/CURLOPT_CONNECT_ONLY.html): `curl_easy_perform` does TCP, TLS
/// (`imaps://`) or STARTTLS ([CURLOPT_USE_SSL](https://curl.se/libcurl/c/CURLOPT_USE_SSL.html)) and LOGIN or
/// AUTHENTICATE, then stops. Commands go out with [curl_easy_send](https://curl.se/libcurl/c/curl_easy_send.html),
/// replies come back with [curl_easy_recv](https://curl.se/libcurl/c/curl_easy_recv.html) into an
/// ``IMAPResponseParser``, and `poll(2)` on
/// [CURLINFO_ACTIVESOCKET](https://curl.se/libcurl/c/CURLINFO_ACTIVESOCKET.html) waits for readiness.
///
/// Not `Sendable`: it lives on its mailbox's ``BlockingQueue``. After an I/O error, a timeout or unreadable data
/// ``isBroken`` is set and the owner opens a new connection for its next call.
final class IMAPConnection {
    private let handle: CurlEasyHandle
    private let socket: Int32
    private var parser = IMAPResponseParser()
    private var nextTag = 1
    private let receiveBuffer: UnsafeMutableRawBufferPointer
    /// The limit for each command's reply.
    let commandTimeout: Duration
    /// Upper-cased capability names, from a CAPABILITY command sent right after login.
    private(set) var capabilities: Set<String> = []
    /// Set when the connection can no longer be trusted; the owner drops it.
    private(set) var isBroken = false

    /// Connects and logs in.
    /// - Throws: ``MailTransportError``: `connectionFailed`, `timedOut`, `tlsFailed`, `authenticationFailed`, …
    init(config: MailServerConfig) throws(MailTransportError) {
        handle = try CurlEasyHandle()
        try handle.apply(config, protocols: ["imap", "imaps"])
        try handle.set(CURLOPT_CONNECT_ONLY, 1)
        try handle.set(CURLOPT_TIMEOUT_MS, config.timeout.milliseconds)
        do {
            try handle.perform()
        } catch {
            throw MailTransportError(curl: error, context: "IMAP connect")
        }
        guard let socket = handle.activeSocket else {
            throw MailTransportError(
                code: .connectionFailed, message: "IMAP connect: libcurl has no active socket", isTransient: true)
        }
        self.socket = socket
        commandTimeout = config.timeout
        receiveBuffer = .allocate(byteCount: 1 << 16, alignment: 1)
        let result = try command("CAPABILITY") { data in
            if case .capability(let names) = data { self.capabilities.formUnion(names) }
        }
        guard result.status == .ok else { throw refusal("CAPABILITY", result) }
    }

    deinit {
        if isBroken {
            // Should libcurl try to talk on cleanup, a broken connection fails at once instead of waiting for a
            // reply that will not come.
            shutdown(socket, Int32(SHUT_RDWR))
        }
        receiveBuffer.deallocate()
    }

    // MARK: Commands

    /// Sends one command and reads until its tagged completion.
    /// - Parameters:
    ///   - text: the command without tag and CRLF, e.g. `SELECT "INBOX"`.
    ///   - untagged: sees each untagged response that arrives before the completion.
    /// - Returns: the tagged result; NO and BAD are returned, not thrown.
    func command(
        _ text: String, untagged: (IMAPUntaggedData) throws(MailTransportError) -> Void = { _ in }
    ) throws(MailTransportError) -> IMAPTaggedResult {
        let tag = try send(text)
        return try awaitCompletion(of: tag, context: text, untagged: untagged)
    }

    /// Sends `tag text\r\n` and returns the tag.
    func send(_ text: String) throws(MailTransportError) -> String {
        let tag = "P\(nextTag)"
        nextTag += 1
        try sendRaw(Array("\(tag) \(text)\r\n".utf8))
        return tag
    }

    /// Reads responses until the completion of `tag`, within ``commandTimeout``.
    func awaitCompletion(
        of tag: String, context: String, untagged: (IMAPUntaggedData) throws(MailTransportError) -> Void
    ) throws(MailTransportError) -> IMAPTaggedResult {
        let deadline = ContinuousClock.now.advanced(by: commandTimeout)
        while true {
            guard let response = try nextResponse(until: deadline) else {
                throw broken(.timedOut, "no reply to \(Self.verb(context)) within \(commandTimeout)")
            }
            switch response.kind {
            case .tagged(let received) where received == tag:
                guard let result = response.taggedResult else {
                    throw broken(.protocolError, "unreadable completion of \(Self.verb(context))")
                }
                return result
            case .tagged, .continuation:
                throw broken(.protocolError, "unexpected reply to \(Self.verb(context))")
            case .untagged:
                guard let data = IMAPUntaggedData(response) else { continue }
                if case .status(.bye, _, let text) = data {
                    throw broken(.connectionFailed, "server closed the connection: \(text)")
                }
                try untagged(data)
            }
        }
    }

    /// The error for a NO or BAD completion. The connection stays usable.
    func refusal(_ context: String, _ result: IMAPTaggedResult, code: MailTransportError.Code = .protocolError)
        -> MailTransportError
    {
        MailTransportError(
            code: code, message: "IMAP \(Self.verb(context)) answered \(result.status.rawValue): \(result.text)",
            isTransient: false)
    }

    /// Ends the session politely with LOGOUT (RFC 9051 §6.1.3). libcurl does not log out of a `CONNECT_ONLY`
    /// connection itself; it only closes the socket. Failures are ignored: the connection is going away anyway.
    func logout() {
        guard !isBroken else { return }
        _ = try? command("LOGOUT")  // the server's "* BYE" marks the connection finished
    }

    // MARK: Bytes

    /// The next complete response, or `nil` when `deadline` passes first.
    func nextResponse(until deadline: ContinuousClock.Instant) throws(MailTransportError) -> IMAPResponse? {
        while true {
            do {
                if let response = try parser.next() { return response }
            } catch {
                throw broken(.protocolError, "unreadable server reply: \(error)")
            }
            guard try receive(until: deadline) else { return nil }
        }
    }

    /// Receives what is available, waiting until `deadline`; false when nothing came in time.
    private func receive(until deadline: ContinuousClock.Instant) throws(MailTransportError) -> Bool {
        while true {
            var count = 0
            let code = curl_easy_recv(handle.raw, receiveBuffer.baseAddress, receiveBuffer.count, &count)
            if code == CURLE_OK {
                guard count > 0 else { throw broken(.connectionFailed, "server closed the connection") }
                parser.append(UnsafeRawBufferPointer(rebasing: receiveBuffer[0..<count]))
                return true
            }
            guard code == CURLE_AGAIN else {
                throw broken(MailTransportError(curl: handle.failure(code), context: "IMAP receive"))
            }
            guard try wait(for: Int16(POLLIN), until: deadline) else { return false }
        }
    }

    /// Sends bytes as they are, e.g. `DONE\r\n` to end IDLE.
    func sendRaw(_ bytes: [UInt8]) throws(MailTransportError) {
        let deadline = ContinuousClock.now.advanced(by: commandTimeout)
        var offset = 0
        while offset < bytes.count {
            var sent = 0
            let code = bytes.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress else { return CURLE_OK }
                return curl_easy_send(handle.raw, base + offset, buffer.count - offset, &sent)
            }
            if code == CURLE_OK {
                offset += sent
            } else if code == CURLE_AGAIN {
                guard try wait(for: Int16(POLLOUT), until: deadline) else {
                    throw broken(.timedOut, "could not send within \(commandTimeout)")
                }
            } else {
                throw broken(MailTransportError(curl: handle.failure(code), context: "IMAP send"))
            }
        }
    }

    /// Waits with `poll(2)` until the socket is ready for `events`; false at `deadline`.
    private func wait(for events: Int16, until deadline: ContinuousClock.Instant) throws(MailTransportError) -> Bool {
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return false }
            var descriptor = pollfd(fd: socket, events: events, revents: 0)
            let ready = poll(&descriptor, 1, Int32(clamping: left.milliseconds))
            if ready > 0 { return true }
            if ready < 0, errno != EINTR {
                throw broken(.connectionFailed, "poll failed: errno \(errno)")
            }
        }
    }

    // MARK: Failure

    /// Marks the connection broken and returns a transient error saying why.
    func broken(_ code: MailTransportError.Code, _ message: String) -> MailTransportError {
        broken(MailTransportError(code: code, message: "IMAP: \(message)", isTransient: true))
    }

    /// Marks the connection broken and returns `error`.
    func broken(_ error: MailTransportError) -> MailTransportError {
        isBroken = true
        return error
    }

    /// The command word(s) of `text`, never its arguments (which may name mailboxes or UIDs worth keeping out of
    /// logs when they are long).
    static func verb(_ text: String) -> String {
        let words = text.split(separator: " ", maxSplits: 2)
        if words.first?.uppercased() == "UID", words.count > 1 { return "UID \(words[1])" }
        return String(words.first ?? "")
    }
}
