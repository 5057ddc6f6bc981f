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
        draft.evidence.ambiguousFrom = Self.ambiguity(of: parsed, from: from)
        // Only the topmost field, and only when it is our server's: a server that skipped a mail leaves the
        // sender's own fields on top, and those may say anything (RFC 8601 §5).
        if let authservID = mailbox.authservID, let top = parsed.headers(named: "Authentication-Results").first {
            let verdicts = AuthenticationResults.verdicts(fieldValues: [top], authservID: authservID)
            draft.evidence.dmarc = verdicts.dmarc.flatMap { AuthVerdict(rawValue: $0.rawValue) }
            draft.evidence.dkim = verdicts.dkim.flatMap { AuthVerdict(rawValue: $0.rawValue) }
            draft.evidence.spf = verdicts.spf.flatMap { AuthVerdict(rawValue: $0.rawValue) }
            // A DMARC pass proves the domain it was evaluated for; it must be the From we read.
            let evaluated = AuthenticationResults(fieldValue: top)?.results.first { $0.method == "dmarc" }?
                .properties.first { $0.type == "header" && $0.name == "from" }?.value.lowercased()
            let fromDomain = EmailAddress(from)?.domain
            if draft.evidence.dmarc == .pass, evaluated == nil || evaluated != fromDomain {
                draft.evidence.dmarc = nil
            }
        }
        if mailbox.trustsSenderCheck, let returnPath = parsed.header("Return-Path"),
            let envelope = Self.address(inReturnPath: returnPath)
        {
            draft.evidence.trustedEnvelopeSender = envelope.caseInsensitiveCompare(from) == .orderedSame
            draft.evidence.envelopeDiffersFromFrom = !draft.evidence.trustedEnvelopeSender
        }
    }

    /// Why `from` may not be the one address a checker looked at, or nil when it is.
    static func ambiguity(of parsed: ParsedMail, from: String) -> String? {
        let fields = parsed.headers(named: "From")
        guard fields.count == 1, let field = fields.first else {
            return "it has \(fields.count) From fields"
        }
        // One mailbox: its address is in the field, and no other `@` is (a second mailbox, or a name that looks
        // like an address, which some checkers read as the sender).
        guard field.lowercased().contains(from.lowercased()), field.filter({ $0 == "@" }).count == 1 else {
            return "its From field is not one plain mailbox of \(from)"
        }
        return nil
    }

    /// `<anna@example.test>` → `anna@example.test`; the null path `<>` and anything that is not one plain address
    /// give nil.
    static func address(inReturnPath value: String) -> String? {
        var text = Substring(value.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("<") && text.hasSuffix(">") { text = text.dropFirst().dropLast() }
        return EmailAddress(String(text))?.rawValue
    }
}
