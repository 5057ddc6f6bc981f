public import PostdeskCore

/// Who looks at a page: the signed-in customer, operator or admin, or someone holding one ticket's mailed link.
public enum Viewer: Sendable, Hashable {
    /// A signed-in customer, by their account's address.
    case customer(Person, isDisabled: Bool)
    /// A signed-in operator or admin (``OperatorAccount/role`` says which).
    case `operator`(OperatorAccount)
    /// Whoever opened `/t/<token>`: that one ticket, nothing else.
    case portalLink(TicketID)
}

/// What a viewer may do with one ticket (and each of its attachments).
public struct TicketPermission: Sendable, Hashable {
    /// See the ticket: its page, messages (customers never see internal notes) and attachments.
    public var mayRead: Bool
    /// Change it: reply, and for operators every console action.
    public var mayAct: Bool
    /// Why not, when ``mayRead`` or ``mayAct`` is false; nil when both are true.
    public var refusal: WebActionError.Code?

    public static let full = TicketPermission(mayRead: true, mayAct: true, refusal: nil)

    static func none(_ refusal: WebActionError.Code) -> TicketPermission {
        TicketPermission(mayRead: false, mayAct: false, refusal: refusal)
    }
}

/// The rights policy every web route asks for every ticket and attachment: pure, so it is the same in the portal,
/// the console and the API, and tested as a table.
///
/// - A customer reads and answers their own tickets only (the ticket's customer address, ASCII case ignored). A
///   disabled customer account does nothing.
/// - A portal link opens its one ticket for reading and replying, as the mail it came in allows.
/// - A disabled operator does nothing. An admin does everything. An operator may act on a ticket of their team, one
///   with no team, or one assigned to them; on other teams' tickets only when
///   ``WebSettings/operatorsSeeAllTeams`` (`console.operators_see_all_teams`, default true).
public struct TicketAccess: Sendable {
    public var operatorsSeeAllTeams: Bool

    public init(operatorsSeeAllTeams: Bool = true) {
        self.operatorsSeeAllTeams = operatorsSeeAllTeams
    }

    /// - Parameters:
    ///   - viewer: who asks.
    ///   - ticket: the ticket asked for (or the one an attachment belongs to).
    public func permission(of viewer: Viewer, on ticket: Ticket) -> TicketPermission {
        switch viewer {
        case .customer(let person, let isDisabled):
            if isDisabled { return .none(.accountDisabled) }
            return Self.sameAddress(person.address, ticket.customer.address) ? .full : .none(.notYourTicket)
        case .portalLink(let id):
            return id == ticket.id ? .full : .none(.notYourTicket)
        case .operator(let account):
            if account.isDisabled { return .none(.accountDisabled) }
            if account.role == .admin || operatorsSeeAllTeams { return .full }
            let ownTeam = ticket.team.map { account.isMember(of: $0) } ?? true
            return ownTeam || ticket.assigneeID == account.id ? .full : .none(.outsideTeam)
        }
    }

    /// ASCII case ignored, as the store's `NOCASE` compares addresses.
    static func sameAddress(_ a: String, _ b: String) -> Bool {
        func fold(_ byte: UInt8) -> UInt8 { (65...90).contains(byte) ? byte | 0x20 : byte }
        return a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { fold($0) == fold($1) }
    }
}
