import Foundation
import PostdeskCore
import PostdeskCrypto
import PostdeskMail

/// Reads what the mail says about its thread: our signed tokens (a participant's or an operator's),
/// In-Reply-To/References, the `[#N]` subject tag.
struct ThreadHintsFilter: InboundFilter {
    /// Our mailbox addresses: a token counts in a plus-address of any of them.
    var ourAddresses: [String]
    var keys: KeyRing
    /// When the mail is read: the previous secret's tokens verify only during its grace period.
    var now: Date

    func apply(to draft: inout InboundDraft) {
        let parsed = draft.parsed
        let sender = parsed.from?.address ?? ""
        let candidates =
            (parsed.to + parsed.cc).map(\.address)
            + ["Delivered-To", "X-Original-To", "Envelope-To"].compactMap { parsed.header($0) }
        var foundVerified = false
        for candidate in candidates {
            let address = candidate.trimmingCharacters(in: .whitespaces)
            for ours in ourAddresses {
                if let token = OperatorReplyToken.find(in: address, supportAddress: ours) {
                    // Signature only: whether the sender is that operator is the workflow's question.
                    if draft.hints.operatorToken == nil, token.verifies(keys: keys, at: now) {
                        draft.hints.operatorToken = OperatorTokenClaim(
                            ticket: TicketNumber(token.ticketNumber), operatorID: OperatorID(token.operatorID))
                    } else if draft.hints.operatorToken == nil {
                        draft.hints.forgedOperatorToken = true
                    }
                } else if !foundVerified, let token = ReplyToken.find(in: address, supportAddress: ours) {
                    if token.verifies(for: sender, keys: keys, at: now) {
                        draft.hints.verifiedToken = TicketNumber(token.ticketNumber)
                        draft.hints.forgedToken = false
                        foundVerified = true
                    } else {
                        draft.hints.forgedToken = true
                    }
                }
            }
        }
        if draft.hints.operatorToken != nil { draft.hints.forgedOperatorToken = false }
        draft.hints.referencedMessageIDs = parsed.inReplyTo + parsed.references.reversed()
        if let subject = parsed.subject, let number = SubjectTag.number(in: subject) {
            draft.hints.subjectTag = TicketNumber(number)
        }
    }
}
