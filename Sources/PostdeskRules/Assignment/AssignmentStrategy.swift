public import PostdeskCore

/// How a rule's `assign` action picks an operator (issue 9 point 2).
public enum AssignmentStrategy: Sendable, Hashable {
    /// This operator, by address, when eligible.
    case to(String)
    /// The next eligible operator of the team after the one assigned last, in a stable order; the position is
    /// stored, so it stays fair across restarts.
    case roundRobin
    /// The eligible operator with the fewest open tickets; ties go round-robin.
    case leastOpen
}

/// An operator as an assignment sees them: only facts, gathered by the caller at the time of the decision.
public struct AssignmentCandidate: Sendable, Hashable {
    public var id: OperatorID
    public var address: String
    public var isEnabled: Bool
    /// Marked away by themselves or an admin: gets no new tickets.
    public var isAway: Bool
    /// Inside their working hours now (always true without working hours).
    public var isOnShift: Bool
    /// Tickets assigned to them that are new, open or pending.
    public var openTickets: Int

    public init(id: OperatorID, address: String, isEnabled: Bool, isAway: Bool, isOnShift: Bool, openTickets: Int) {
        self.id = id
        self.address = address
        self.isEnabled = isEnabled
        self.isAway = isAway
        self.isOnShift = isOnShift
        self.openTickets = openTickets
    }

    /// Why this operator cannot take a ticket now, or nil when they can.
    public var ineligibility: String? {
        if !isEnabled { return "\(address) is disabled" }
        if isAway { return "\(address) is away" }
        if !isOnShift { return "\(address) is off shift" }
        return nil
    }
}

/// What an assignment decided, and why, for the ticket's events and `rules explain`.
public struct AssignmentDecision: Sendable, Hashable {
    /// Nil when nobody eligible was found: the ticket stays with its team, unassigned.
    public var chosen: OperatorID?
    public var reason: String
    /// The round-robin position to store for the team (the chosen operator), or nil to leave it as it was.
    public var roundRobinPosition: OperatorID?

    public init(chosen: OperatorID?, reason: String, roundRobinPosition: OperatorID?) {
        self.chosen = chosen
        self.reason = reason
        self.roundRobinPosition = roundRobinPosition
    }
}
