public import PostdeskCore

extension InboundJSON {
    /// One tab-separated line for a terminal: ID, state, time, mailbox, reason (control characters made visible).
    public var line: String {
        "\(id)\t\(state)\t\(received_at)\t\(TicketText.visible(mailbox))\t\(TicketText.visible(reason ?? ""))"
    }
}
