import PostdeskCore
import PostdeskMail

/// Carries the parser's RFC 3834 / vendor-header / DSN classification into the domain (never answer a machine).
struct AutomaticMailFilter: InboundFilter {
    func apply(to draft: inout InboundDraft) {
        guard draft.automatic == nil else { return }
        if let bounce = draft.parsed.bounce {
            draft.automatic = AutomaticMail(
                kind: .bounce,
                reason: "delivery status \(bounce.status ?? "unknown") for \(bounce.recipients.joined(separator: ", "))"
            )
            draft.hints.bouncedMessageID = bounce.originalMessageID
            draft.hints.bouncedRecipients = bounce.recipients
            draft.hints.bouncePermanent = bounce.permanent
        } else if let auto = draft.parsed.autoResponse {
            draft.automatic = AutomaticMail(
                kind: AutomaticMail.Kind(rawValue: auto.kind.rawValue) ?? .autoReply,
                reason: auto.reason)
        }
    }
}
