import PostdeskCore

/// `/metrics` in Prometheus text format: what an operator alerts on — quarantined mail, mail that failed or may not
/// have gone out, and the backlog.
enum MetricsText {
    static func render(_ q: any TicketQueries) throws -> String {
        var lines: [String] = []
        lines.append("# HELP postdesk_inbound_messages Inbound mails in the ledger, by state.")
        lines.append("# TYPE postdesk_inbound_messages gauge")
        for state in [InboundState.received, .processed, .ignored, .quarantined] {
            lines.append("postdesk_inbound_messages{state=\"\(state.rawValue)\"} \(try q.inboundCount(state: state))")
        }
        lines.append("# HELP postdesk_outbox_messages Outbound mails, by state.")
        lines.append("# TYPE postdesk_outbox_messages gauge")
        for state in [OutboxState.queued, .sending, .sent, .failed, .uncertain] {
            lines.append("postdesk_outbox_messages{state=\"\(state.rawValue)\"} \(try q.outboxCount(state: state))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
