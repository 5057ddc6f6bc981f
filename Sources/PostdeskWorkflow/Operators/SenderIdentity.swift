import Foundation
public import PostdeskCore

/// Who an inbound mail is from, as far as it can be proved (ARCHITECTURE §2 step 6; issue 8 point 5).
///
/// The From header proves nothing: anyone can write any address there. A mail acts as an operator only with a token
/// signed for that operator and that ticket, sent from one of that operator's addresses, and not failed by the
/// receiving server's DMARC/DKIM/SPF checks. A mail without a token (a forward, a `#requester` mail) acts as an
/// operator only when the server proves its From (DMARC pass, or the mailbox trusts its server's sender check).
/// Anything else that claims to be an operator is quarantined with a reason, never relayed.
public enum SenderIdentity: Sendable, Equatable {
    /// A customer or participant: the customer side of the thread.
    case customer
    /// An operator replying to a notification about `ticket`.
    case operatorReply(OperatorAccount, ticket: TicketID)
    /// An operator with a proved From and no token: opens a ticket for a customer (a forward, `#requester`).
    case operatorNew(OperatorAccount)
    /// Claims to be an operator, or to be the holder of a token, without the proof: quarantined with this reason.
    case unproven(String)

    public static func resolve(_ mail: InboundMessage, in store: any TicketQueries) throws -> SenderIdentity {
        let from = mail.from.address
        let fromOperator = try store.operatorAccount(address: from)

        if let claim = mail.hints.operatorToken {
            guard let owner = try store.operatorAccount(id: claim.operatorID) else {
                return .unproven("operator token for an operator that does not exist (id \(claim.operatorID.rawValue))")
            }
            guard owner.owns(from) else {
                // Someone replied to an operator's notification from an address that is not that operator's: a
                // customer answering a copy they were shown stays the customer, anyone else is a replay.
                if fromOperator == nil, let ticket = try store.ticket(number: claim.ticket),
                    try store.isParticipant(from, of: ticket.id)
                {
                    return .customer
                }
                return .unproven(
                    "operator token of \(owner.primaryAddress) on ticket #\(claim.ticket) sent from \(from), "
                        + "which is not one of that operator's addresses")
            }
            guard !owner.isDisabled else { return .unproven("operator \(owner.primaryAddress) is disabled") }
            if let ambiguous = mail.evidence.ambiguousFrom {
                return .unproven("operator token, but \(ambiguous)")
            }
            if mail.evidence.envelopeDiffersFromFrom {
                // A token shown to someone else (a CC on the operator's answer) plus a forged From stops here
                // wherever the server checks senders.
                return .unproven(
                    "operator token from \(from), but the envelope sender the server checked is another address")
            }
            if let failure = mail.evidence.failure {
                return .unproven("operator token from \(from), but the receiving server reports \(failure) for it")
            }
            guard let ticket = try store.ticket(number: claim.ticket) else {
                return .unproven("operator token for ticket #\(claim.ticket), which does not exist")
            }
            return .operatorReply(owner, ticket: ticket.id)
        }

        guard let fromOperator else {
            // A customer's own mail may carry a broken operator token (a quoted notification, a pasted address):
            // it stays the customer's, as does every other mail from a non-operator address — unless the server
            // says its From is forged while it would post into someone's ticket.
            if let failure = mail.evidence.failure, mail.hints.verifiedToken != nil {
                return .unproven("reply token from \(from), but the receiving server reports \(failure) for it")
            }
            return .customer
        }
        if mail.hints.forgedOperatorToken {
            return .unproven("mail from operator \(fromOperator.primaryAddress) with a bad or expired operator token")
        }
        if let ambiguous = mail.evidence.ambiguousFrom {
            return .unproven("mail from operator address \(from), but \(ambiguous)")
        }
        guard !fromOperator.isDisabled else {
            return .unproven("mail from disabled operator \(fromOperator.primaryAddress)")
        }
        guard mail.evidence.provesFrom else {
            let why = mail.evidence.failure.map { "the receiving server reports \($0)" } ?? "nothing proves the sender"
            return .unproven(
                "mail from operator address \(from) without an operator reply token, and \(why) "
                    + "(reply to a Postdesk notification, or see the README on forwarding)")
        }
        return .operatorNew(fromOperator)
    }
}
