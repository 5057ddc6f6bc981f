import Foundation

/// One page of the operator queue to read (`GET /console?view=…&status=…&q=…&sort=…&page=…`, ARCHITECTURE §4).
///
/// A value the web builds from the URL after parsing it; the store answers it in one query with keyset pagination
/// (never OFFSET), so the thousandth page costs what the first does.
public struct TicketQueue: Hashable, Sendable {
    /// Whose tickets.
    public enum View: Hashable, Sendable {
        /// Assigned to this operator.
        case mine(OperatorID)
        /// Routed to one of these teams (the operator's own), assigned or not.
        case teams([String])
        /// Assigned to no one.
        case unassigned
        /// Every ticket.
        case all
    }

    public var view: View
    /// The statuses shown; empty means every status.
    public var statuses: Set<TicketStatus>
    public var sort: QueueSort
    /// What the operator typed in the search box; ``SearchText/isEmpty`` means no search. A ticket matches when
    /// every term is in its subject and customer (name, address) together, or every term is in one of its messages
    /// (internal notes included: the queue is for operators).
    public var search: SearchText
    /// When set, only tickets routed to one of these teams are shown, whatever the view: the rights of an operator
    /// who may not see other teams' tickets. `nil` means no restriction.
    public var visibleTeams: [String]?
    /// With ``visibleTeams``: tickets routed to no team and tickets assigned to this operator are visible too, as
    /// the web's `TicketAccess` lets an operator open them. `nil`: only the teams.
    public var visibleAssignee: OperatorID?
    /// Rows per page, clamped to 1…``maximumPageSize``.
    public var pageSize: Int
    /// Where the page starts: `nil` for the first page, else the ``QueuePage/next`` of the page before.
    public var after: QueueCursor?

    /// The largest page the store returns, whatever is asked.
    public static let maximumPageSize = 200

    public init(
        view: View, statuses: Set<TicketStatus> = [], sort: QueueSort = QueueSort(),
        search: SearchText = SearchText(""),
        visibleTeams: [String]? = nil, visibleAssignee: OperatorID? = nil, pageSize: Int = 50,
        after: QueueCursor? = nil
    ) {
        self.view = view
        self.statuses = statuses
        self.sort = sort
        self.search = search
        self.visibleTeams = visibleTeams
        self.visibleAssignee = visibleAssignee
        self.pageSize = min(max(pageSize, 1), Self.maximumPageSize)
        self.after = after
    }
}

/// The order of a queue page. Ties are broken by ticket number in the same direction, so every order is total and
/// a keyset page boundary never skips or repeats a ticket.
public struct QueueSort: Hashable, Sendable {
    public enum Key: String, Hashable, Sendable, CaseIterable {
        /// Last change (the default).
        case updated
        /// Creation: the same as the number order, because numbers are given in the order tickets are created.
        case created
        /// Urgent first, then by last change.
        case priority
        /// Ticket number.
        case number
    }

    public var key: Key
    /// Newest (or most urgent) first; the default.
    public var descending: Bool

    public init(_ key: Key = .updated, descending: Bool = true) {
        self.key = key
        self.descending = descending
    }
}
