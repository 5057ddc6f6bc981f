import PostdeskCore

/// Drops mail that we wrote ourselves coming back to us: our Message-ID form or our loop header.
///
/// Our Message-IDs are `postdesk.<…>@<domain>`: the domain alone is not enough, because in an internal helpdesk the
/// customers share it.
struct LoopGuard: InboundFilter {
    var messageIDDomain: String

    func apply(to draft: inout InboundDraft) {
        if draft.parsed.header("X-Postdesk-Loop") != nil {
            draft.automatic = AutomaticMail(kind: .loop, reason: "X-Postdesk-Loop header")
        } else if let id = draft.parsed.messageID, id.lowercased().hasPrefix("postdesk."),
            id.lowercased().hasSuffix("@" + messageIDDomain.lowercased())
        {
            draft.automatic = AutomaticMail(kind: .loop, reason: "our own Message-ID domain")
        }
    }
}
