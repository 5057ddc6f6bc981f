import PostdeskCore
import PostdeskMail

/// Reads what the receiving server says about the sender (ARCHITECTURE §2 step 4, "sender identification"):
/// `Authentication-Results` of the mailbox's own authserv-id, and whether the envelope sender it recorded
/// (`Return-Path`) is the From address.
///
/// Only the topmost field of each kind counts: the receiving server adds its fields above everything the sender
/// wrote, so a field further down, or with another authserv-id, may be forged (RFC 8601 §5).
struct SenderEvidenceFilter: InboundFilter {
    var mailbox: MailboxProfile

    func apply(to draft: inout InboundDraft) {
        let parsed = draft.parsed
        guard let from = parsed.from?.address else { return }
        if let authservID = mailbox.authservID {
            let verdicts = AuthenticationResults.verdicts(
                fieldValues: parsed.headers(named: "Authentication-Results"), authservID: authservID)
            draft.evidence.dmarc = verdicts.dmarc.flatMap { AuthVerdict(rawValue: $0.rawValue) }
            draft.evidence.dkim = verdicts.dkim.flatMap { AuthVerdict(rawValue: $0.rawValue) }
            draft.evidence.spf = verdicts.spf.flatMap { AuthVerdict(rawValue: $0.rawValue) }
        }
        if mailbox.trustsSenderCheck, let returnPath = parsed.header("Return-Path"),
            let envelope = Self.address(inReturnPath: returnPath)
        {
            draft.evidence.trustedEnvelopeSender = envelope.caseInsensitiveCompare(from) == .orderedSame
        }
    }

    /// `<anna@example.test>` → `anna@example.test`; the null path `<>` and anything that is not one plain address
    /// give nil.
    static func address(inReturnPath value: String) -> String? {
        var text = Substring(value.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("<") && text.hasSuffix(">") { text = text.dropFirst().dropLast() }
        return EmailAddress(String(text))?.rawValue
    }
}
