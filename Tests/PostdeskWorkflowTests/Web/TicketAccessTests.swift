import Foundation
import PostdeskCore
import PostdeskWorkflow
import Testing

/// The one rights policy every web route asks, for every ticket and attachment.
@Suite struct TicketAccessTests {
    static let ticket = Ticket(
        id: TicketID(7), number: TicketNumber(7), subject: "Printer", status: .open, priority: .normal,
        team: "support", customer: Person(name: "Ivan", address: "ivan@example.ru"), assignee: nil, tags: [],
        createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0), messageCount: 1,
        assigneeID: OperatorID(3))

    static func account(_ id: Int64, role: Role = .operator, teams: [String], disabled: Bool = false) -> OperatorAccount
    {
        OperatorAccount(
            id: OperatorID(id), name: nil, role: role, addresses: ["op\(id)@example.test"], teams: teams,
            isDisabled: disabled, createdAt: Date(timeIntervalSince1970: 0))
    }

    @Test(
        "who may read and act on ticket #7 of team support",
        arguments: [
            (Viewer.customer(Person(name: nil, address: "IVAN@example.ru"), isDisabled: false), true, true, true),
            (.customer(Person(name: nil, address: "ivan@example.ru"), isDisabled: true), true, false, false),
            (.customer(Person(name: nil, address: "olga@example.ru"), isDisabled: false), true, false, false),
            // A look-alike address: ASCII case only, as the store compares
            (.customer(Person(name: nil, address: "ivan@exampLe.ru\u{0}"), isDisabled: false), true, false, false),
            (.portalLink(TicketID(7)), true, true, true),
            (.portalLink(TicketID(8)), true, false, false),
            (.operator(account(1, teams: ["support"])), false, true, true),
            (.operator(account(2, teams: ["sales"])), true, true, true),
            (.operator(account(2, teams: ["sales"])), false, false, false),
            (.operator(account(3, teams: ["sales"])), false, true, true),  // the assignee
            (.operator(account(4, role: .admin, teams: [])), false, true, true),
            (.operator(account(1, teams: ["support"], disabled: true)), true, false, false),
        ])
    func permission(_ viewer: Viewer, seeAllTeams: Bool, mayRead: Bool, mayAct: Bool) {
        let permission = TicketAccess(operatorsSeeAllTeams: seeAllTeams).permission(of: viewer, on: Self.ticket)
        #expect(permission.mayRead == mayRead && permission.mayAct == mayAct)
        #expect((permission.refusal == nil) == mayAct)
    }

    @Test("a ticket with no team is every operator's")
    func noTeam() {
        var ticket = Self.ticket
        ticket.team = nil
        #expect(
            TicketAccess(operatorsSeeAllTeams: false).permission(
                of: .operator(Self.account(2, teams: ["sales"])), on: ticket)
                == .full)
    }
}
