import Foundation
import PostdeskCore
import PostdeskCrypto
import PostdeskMail

/// Reads what the mail says about its thread: our signed token, In-Reply-To/References, the `[#N]` subject tag.
struct ThreadHintsFilter: InboundFilter {
    var supportAddress: String
    var keys: KeyRing
    /// When the mail is read: the previous secret's tokens verify only during its grace period.
    var now: Date

    func apply(to draft: inout InboundDraft) {
        let parsed = draft.parsed
        let sender = parsed.from?.address ?? ""
        let candidates =
            (parsed.to + parsed.cc).map(\.address)
            + ["Delivered-To", "X-Original-To", "Envelope-To"].compactMap { parsed.header($0) }
        for address in candidates {
            guard
                let token = ReplyToken.find(
                    in: address.trimmingCharacters(in: .whitespaces), supportAddress: supportAddress)
            else { continue }
            if token.verifies(for: sender, keys: keys, at: now) {
                draft.hints.verifiedToken = TicketNumber(token.ticketNumber)
                draft.hints.forgedToken = false
                break
            }
            draft.hints.forgedToken = true
        }
        draft.hints.referencedMessageIDs = parsed.inReplyTo + parsed.references.reversed()
        if let subject = parsed.subject, let number = SubjectTag.number(in: subject) {
            draft.hints.subjectTag = TicketNumber(number)
        }
    }
}
