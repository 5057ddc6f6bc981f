import PostdeskCore
import Testing

/// The ticket lifecycle's two customer/operator transitions (ARCHITECTURE §1: the lifecycle state machine).
@Suite struct TicketStatusTests {
    @Test(
        "a customer's reply reopens everything but a fresh ticket",
        arguments: [
            (TicketStatus.new, TicketStatus.new),
            (.open, .open),
            (.pending, .open),
            (.solved, .open),
            (.closed, .open),
        ]
    )
    func afterCustomerReply(before: TicketStatus, after: TicketStatus) {
        #expect(before.afterCustomerReply == after)
    }

    @Test(
        "an operator's answer waits for the customer, except on a closed ticket",
        arguments: [
            (TicketStatus.new, TicketStatus.pending),
            (.open, .pending),
            (.pending, .pending),
            (.solved, .pending),
            (.closed, .closed),
        ]
    )
    func afterOperatorReply(before: TicketStatus, after: TicketStatus) {
        #expect(before.afterOperatorReply == after)
    }

    @Test("raw values are the JSON and SQL spelling of ARCHITECTURE §4")
    func rawValues() {
        #expect(TicketStatus.allCases.map(\.rawValue) == ["new", "open", "pending", "solved", "closed"])
        #expect(TicketPriority.allCases.map(\.rawValue) == ["low", "normal", "high", "urgent"])
        #expect(OutboxState.uncertain.rawValue == "uncertain")
        #expect(InboundState.quarantined.rawValue == "quarantined")
        #expect(AutomaticMail.Kind.outOfOffice.rawValue == "out_of_office")
    }
}
