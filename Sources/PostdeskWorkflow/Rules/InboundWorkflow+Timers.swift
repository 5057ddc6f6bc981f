import Foundation
public import PostdeskCore
public import PostdeskRules

extension InboundWorkflow {
    /// A timer's event (`{ticket.idle: D}` or `{schedule: NAME}`) as rules see it, run on the ticket in the
    /// scheduler's transaction. Nobody acted, so no actor is spared notifications and no message text is read.
    ///
    /// The runner saves the ticket (and moves `updated_at`) only when a rule changed a field, so a rule that only
    /// notifies leaves the ticket's quiet spell, and its idle mark, as they were.
    public func ruleEvent(_ event: RuleEvent, ticket: Ticket, in tx: any TicketTransaction) throws {
        var ticket = ticket
        try runner.run(
            [event], on: &ticket,
            context: RuleContext.system("Postdesk"),
            in: tx, at: environment.now())
    }
}
