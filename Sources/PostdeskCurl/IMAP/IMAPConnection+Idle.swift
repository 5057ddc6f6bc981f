import PostdeskCore

extension IMAPConnection {
    /// How long one IDLE command lasts before DONE and a fresh IDLE: servers may drop an idle client after 30 minutes
    /// (RFC 2177 §3 asks clients to re-issue IDLE at least every 29 minutes).
    static let idleRenewal: Duration = .seconds(25 * 60)
    /// The longest blocking wait inside IDLE, so cancellation is noticed quickly.
    static let idleSlice: Duration = .milliseconds(250)

    /// IMAP IDLE (RFC 2177) on the selected mailbox until an `EXISTS` announcement, `timeout`, or cancellation.
    ///
    /// Waits in slices of at most ``idleSlice`` and checks `cancellation` between them. Every ``idleRenewal`` it ends
    /// the IDLE with DONE and starts another. It always ends with DONE and the tagged OK, so the connection stays
    /// usable, unless the server stops answering.
    /// - Returns: `.changed` on new mail, `.timedOut` when `timeout` passed.
    /// - Throws: `cancelled` when `cancellation` was raised; transport errors as usual.
    func idle(timeout: Duration, cancellation: CancellationFlag) throws(MailTransportError) -> MailboxWake {
        let end = ContinuousClock.now.advanced(by: timeout)
        while true {
            let renewal = min(end, ContinuousClock.now.advanced(by: Self.idleRenewal))
            let tag = try send("IDLE")
            var changed = false
            var idling = false
            // Wait for "+ idling"; servers report pending changes right away, sometimes before the "+".
            let startDeadline = ContinuousClock.now.advanced(by: commandTimeout)
            while !idling {
                guard let response = try nextResponse(until: startDeadline) else {
                    throw broken(.timedOut, "no continuation after IDLE")
                }
                switch response.kind {
                case .continuation:
                    idling = true
                case .tagged(let received) where received == tag:
                    let result = response.taggedResult ?? IMAPTaggedResult(status: .bad, text: response.firstLine)
                    throw refusal("IDLE", result)
                case .tagged:
                    throw broken(.protocolError, "unexpected reply to IDLE")
                case .untagged:
                    if try announcesNewMail(response) { changed = true }
                }
            }
            while !changed, !cancellation.isRaised {
                let now = ContinuousClock.now
                guard now < renewal else { break }
                let slice = min(renewal, now.advanced(by: Self.idleSlice))
                guard let response = try nextResponse(until: slice) else { continue }
                if case .untagged = response.kind, try announcesNewMail(response) { changed = true }
            }
            try sendRaw(Array("DONE\r\n".utf8))
            let result = try awaitCompletion(of: tag, context: "IDLE") { data throws(MailTransportError) in
                if case .exists = data { changed = true }
            }
            guard result.status == .ok else { throw refusal("IDLE", result) }
            if changed { return .changed }
            if cancellation.isRaised {
                throw MailTransportError(code: .cancelled, message: "IMAP IDLE cancelled", isTransient: true)
            }
            if ContinuousClock.now >= end { return .timedOut }
        }
    }

    /// Whether an untagged response during IDLE says new mail came in; a BYE ends the connection.
    private func announcesNewMail(_ response: IMAPResponse) throws(MailTransportError) -> Bool {
        switch IMAPUntaggedData(response) {
        case .exists?:
            return true
        case .status(.bye, _, let text)?:
            throw broken(.connectionFailed, "server closed the connection: \(text)")
        default:
            return false
        }
    }
}
