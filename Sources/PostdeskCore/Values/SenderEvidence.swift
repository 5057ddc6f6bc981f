/// What the receiving side can tell about who really sent a mail, beyond its From header (which anyone can write).
public struct SenderEvidence: Sendable, Hashable, Codable {
    /// Results from `Authentication-Results` fields added by the mailbox's own server (its authserv-id), nil when
    /// there were none or no authserv-id is configured.
    public var dmarc: AuthVerdict?
    public var dkim: AuthVerdict?
    public var spf: AuthVerdict?
    /// The receiving server recorded an envelope sender (`Return-Path`) equal to the From address, and the mailbox
    /// trusts its server's sender check (``MailboxProfile/trustsSenderCheck``).
    public var trustedEnvelopeSender: Bool
    /// Why the From address is not simply the one mailbox of the one From field (several From fields or
    /// mailboxes, or a From read from Sender/Reply-To because the From field was refused): such a mail can never
    /// act as an operator, whatever else it carries, because the checks above may have looked at another address.
    public var ambiguousFrom: String?
    /// The mailbox trusts its server's sender check, and the envelope sender it recorded is another address than
    /// the From. Customers' mail often looks so (lists, bulk senders' bounce addresses); an operator's never does on
    /// such a server, so an operator claim with it is refused even when it carries the operator's token.
    public var envelopeDiffersFromFrom: Bool

    public init(
        dmarc: AuthVerdict? = nil, dkim: AuthVerdict? = nil, spf: AuthVerdict? = nil,
        trustedEnvelopeSender: Bool = false, ambiguousFrom: String? = nil, envelopeDiffersFromFrom: Bool = false
    ) {
        self.ambiguousFrom = ambiguousFrom
        self.envelopeDiffersFromFrom = envelopeDiffersFromFrom
        self.dmarc = dmarc
        self.dkim = dkim
        self.spf = spf
        self.trustedEnvelopeSender = trustedEnvelopeSender
    }

    /// A check that ran and said the From is not the sender's to use.
    public var failure: String? {
        if dmarc == .fail { return "DMARC fail" }
        if dkim == .fail { return "DKIM fail" }
        if spf == .fail { return "SPF fail" }
        return nil
    }

    /// Proof strong enough for a mail without a token (a forward, `#requester`): DMARC pass for the From's domain,
    /// or the trusted server's own sender check.
    public var provesFrom: Bool {
        ambiguousFrom == nil && failure == nil && (dmarc == .pass || trustedEnvelopeSender)
    }
}

/// One method's result in `Authentication-Results` (RFC 8601 §2.7).
public enum AuthVerdict: String, Sendable, Hashable, Codable {
    case pass, fail, softfail, neutral, none, temperror, permerror, policy
}
