import PostdeskCore
import PostdeskMail

/// Finds the mail a forward carries (`ForwardedMessage`), so an operator's forward can open a ticket that is the
/// original sender's. Whether the forwarder may do that is the workflow's question (``SenderIdentity``); for anyone
/// else the result is ignored.
struct ForwardedMailFilter: InboundFilter {
    func apply(to draft: inout InboundDraft) {
        guard let original = ForwardedMessage.read(draft.parsed),
            // The customer-to-be receives mail: the same rule as for any recipient (no domain literals).
            let address = EmailAddress(original.from.address)
        else { return }
        draft.forwarded = ForwardedMail(
            from: Person(name: original.from.name, address: address.rawValue), subject: original.subject,
            text: original.text)
    }
}
