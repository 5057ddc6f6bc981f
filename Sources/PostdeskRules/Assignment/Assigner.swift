public import PostdeskCore

/// Chooses an operator for a ticket. Pure: the caller gathers the candidates (the team's members, with their open
/// ticket counts and shifts at the moment of the decision) and stores the returned round-robin position in the same
/// transaction as the assignment.
public enum Assigner {
    /// - Parameters:
    ///   - strategy: the rule's strategy.
    ///   - candidates: the team's operators (for `.to`, any operators; the named one is looked up among them).
    ///   - lastAssigned: the team's stored round-robin position: the operator it assigned last, if any.
    public static func choose(
        _ strategy: AssignmentStrategy, among candidates: [AssignmentCandidate], lastAssigned: OperatorID?
    ) -> AssignmentDecision {
        switch strategy {
        case .to(let address):
            guard let named = candidates.first(where: { $0.address.lowercased() == address.lowercased() }) else {
                return AssignmentDecision(chosen: nil, reason: "no operator \(address)", roundRobinPosition: nil)
            }
            if let why = named.ineligibility {
                return AssignmentDecision(chosen: nil, reason: why, roundRobinPosition: nil)
            }
            return AssignmentDecision(chosen: named.id, reason: "assigned to \(named.address)", roundRobinPosition: nil)

        case .roundRobin:
            let eligible = ordered(candidates.filter { $0.ineligibility == nil }, after: lastAssigned)
            guard let next = eligible.first else { return nobody(candidates) }
            return AssignmentDecision(
                chosen: next.id, reason: "round-robin: \(next.address) is next of \(eligible.count) eligible",
                roundRobinPosition: next.id)

        case .leastOpen:
            let eligible = ordered(candidates.filter { $0.ineligibility == nil }, after: lastAssigned)
            // `min` keeps the first of equals: the round-robin order breaks ties, so equal loads still rotate.
            guard let least = eligible.min(by: { $0.openTickets < $1.openTickets }) else { return nobody(candidates) }
            return AssignmentDecision(
                chosen: least.id,
                reason: "least open: \(least.address) has \(least.openTickets) open of \(eligible.count) eligible",
                roundRobinPosition: least.id)
        }
    }

    /// The candidates in a stable order (by operator id), rotated so the one after `last` comes first.
    static func ordered(_ candidates: [AssignmentCandidate], after last: OperatorID?) -> [AssignmentCandidate] {
        let sorted = candidates.sorted { $0.id.rawValue < $1.id.rawValue }
        guard let last, let split = sorted.firstIndex(where: { $0.id.rawValue > last.rawValue }) else { return sorted }
        return Array(sorted[split...] + sorted[..<split])
    }

    private static func nobody(_ candidates: [AssignmentCandidate]) -> AssignmentDecision {
        let reasons = candidates.compactMap(\.ineligibility)
        return AssignmentDecision(
            chosen: nil,
            reason: candidates.isEmpty
                ? "the team has no operators" : "nobody eligible (\(reasons.joined(separator: "; ")))",
            roundRobinPosition: nil)
    }
}
