import PostdeskCore

extension IMAPConnection {
    /// `SELECT` (RFC 9051 §6.3.2): opens `mailbox` read-write (so IDLE reports new mail) and reads UIDVALIDITY,
    /// UIDNEXT and EXISTS. Nothing is changed by selecting; fetches use `BODY.PEEK[]`.
    /// - Throws: `mailboxMissing` when the server answers NO, `protocolError` for BAD or a missing UIDVALIDITY.
    func select(_ mailbox: String) throws(MailTransportError) -> MailboxStatus {
        var exists: Int?
        var uidValidity: UInt32?
        var uidNext: UInt32?
        let command = "SELECT \(Self.quoted(mailbox))"
        let result = try self.command(command) { data in
            switch data {
            case .exists(let count): exists = count
            case .status(_, .uidValidity(let value)?, _): uidValidity = value
            case .status(_, .uidNext(let value)?, _): uidNext = value
            default: break
            }
        }
        switch result.status {
        case .ok: break
        case .no: throw refusal(command, result, code: .mailboxMissing)
        default: throw refusal(command, result)
        }
        guard let uidValidity, let exists else {
            throw MailTransportError(
                code: .protocolError, message: "IMAP SELECT: no UIDVALIDITY or EXISTS in the reply", isTransient: true)
        }
        // RFC 3501 servers may leave UIDNEXT out; the last message's UID + 1 is then the best estimate.
        var next = uidNext ?? 1
        if uidNext == nil, exists > 0 {
            next = (try searchUIDs("UID SEARCH *").max() ?? 0) &+ 1
        }
        return MailboxStatus(uidValidity: uidValidity, uidNext: next, exists: exists)
    }

    /// The UIDs above `uid`, ascending, via `UID SEARCH UID n:*`.
    ///
    /// `n:*` means "n to the highest UID", and when every UID is below `n` the server returns the last message
    /// anyway (RFC 9051 §6.4.8: `*` is the largest UID in use, and a range is unordered); that one is filtered out.
    /// - Parameter sawNewMail: set when the server announced EXISTS on the way.
    func uids(after uid: UInt32, sawNewMail: inout Bool) throws(MailTransportError) -> [UInt32] {
        guard uid < UInt32.max else { return [] }
        var found = false
        let all = try searchUIDs("UID SEARCH UID \(uid + 1):*") { found = true }
        if found { sawNewMail = true }
        return all.filter { $0 > uid }.sorted()
    }

    /// `UID FETCH set (UID BODY.PEEK[])`: the exact bytes of each message, never setting `\Seen` (RFC 9051 §6.4.5).
    /// Messages expunged meanwhile are simply missing from the result.
    /// - Parameter sawNewMail: set when the server announced EXISTS on the way.
    func fetchBodies(_ uids: [UInt32], sawNewMail: inout Bool) throws(MailTransportError) -> [FetchedMail] {
        guard !uids.isEmpty else { return [] }
        var mails: [FetchedMail] = []
        mails.reserveCapacity(uids.count)
        var announced = false
        let wanted = Set(uids)
        let command = "UID FETCH \(UIDSet(uids)) (UID BODY.PEEK[])"
        let result = try self.command(command) { data in
            switch data {
            case .fetch(let fetched):
                // Flag-change FETCHes without a body, and the `n:*` stray, are not what we asked for.
                guard let uid = fetched.uid, let body = fetched.body, wanted.contains(uid) else { return }
                mails.append(FetchedMail(uid: uid, raw: body))
            case .exists:
                announced = true
            default:
                break
            }
        }
        if announced { sawNewMail = true }
        guard result.status == .ok else { throw refusal(command, result) }
        mails.sort { $0.uid < $1.uid }
        return mails
    }

    private func searchUIDs(_ command: String, onExists: () -> Void = {}) throws(MailTransportError) -> [UInt32] {
        var uids: [UInt32] = []
        let result = try self.command(command) { data in
            switch data {
            case .search(let found): uids.append(contentsOf: found)
            case .exists: onExists()
            default: break
            }
        }
        guard result.status == .ok else { throw refusal(command, result) }
        return uids
    }

    /// An IMAP quoted string (RFC 9051 §4.3); mailbox names outside ASCII would need modified UTF-7 and are
    /// rejected by ``CurlIMAPMailbox`` before they get here.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }
}
