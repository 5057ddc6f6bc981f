import Foundation
public import PostdeskCore
public import PostdeskRules

extension InboundWorkflow {
    /// A fired SLA timer (``SLATimer``) as rules see it: an `sla.warning` or `sla.breach` event on the ticket, in
    /// the scheduler's transaction.
    public func slaFired(_ timer: SLATimer, ticket: Ticket, in tx: any TicketTransaction) throws {
        var ticket = ticket
        let what = timer.kind == .breach ? "breached" : "is close to its due time"
        let context = RuleContext.system("SLA", body: "\(timer.target.rawValue) \(what)")
        try runner.run(
            [timer.kind == .breach ? .slaBreach : .slaWarning], on: &ticket, context: context, in: tx,
            at: environment.now())
    }
}
