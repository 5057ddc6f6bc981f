import Foundation
public import PostdeskCore
import PostdeskRules

/// What `user away` did: who, and where each of their open tickets went.
public struct AwayHandover: Sendable, Hashable {
    /// One ticket the away operator held.
    public struct Handed: Sendable, Hashable {
        public var number: TicketNumber
        /// The new assignee's primary address, or nil when the ticket went back to its team unassigned.
        public var assignee: String?
    }

    /// The operator as now stored (away).
    public var account: OperatorAccount
    /// Their new, open and pending tickets, oldest first, with where each went.
    public var tickets: [Handed]
}

extension InboundWorkflow {
    /// Marks the operator away and hands back their open tickets, in the caller's transaction.
    ///
    /// Each new, open or pending ticket assigned to them is a `ticket.assignee_away` event for the rules (the shipped
    /// default assigns round-robin within the ticket's team; the away operator is no longer eligible). A ticket the
    /// rules leave with them goes back to its team unassigned, with an `assignee.changed` event saying so: an away
    /// operator holds no open work. Marking someone away who already is only hands back what they still hold.
    /// - Returns: nil when no operator has the address.
    public func markAway(operator address: String, in tx: any TicketTransaction) throws -> AwayHandover? {
        guard var account = try tx.operatorAccount(address: address) else { return nil }
        let now = environment.now()
        account.availability.isAway = true
        _ = try tx.setAvailability(account.availability, of: account.id)
        let context = RuleContext.system("Postdesk", body: "\(account.displayName) is away")
        var handed: [AwayHandover.Handed] = []
        for id in try tx.openTickets(assignedTo: account.id) {
            guard var ticket = try tx.ticket(id: id) else { continue }
            try runner.run([.assigneeAway], on: &ticket, context: context, in: tx, at: now)
            if ticket.assigneeID == account.id {
                try tx.append(
                    TicketEvent(
                        ticketID: ticket.id, kind: "assignee.changed", at: now,
                        detail: "\(account.primaryAddress) → nobody: \(account.primaryAddress) is away and no rule "
                            + "reassigned the ticket; it is back with \(ticket.team.map { "team \($0)" } ?? "all operators")"
                    ))
                ticket.assigneeID = nil
                ticket.assignee = nil
                ticket.updatedAt = now
                try tx.update(ticket)
            }
            handed.append(AwayHandover.Handed(number: ticket.number, assignee: ticket.assignee?.address))
        }
        return AwayHandover(account: account, tickets: handed)
    }
}
