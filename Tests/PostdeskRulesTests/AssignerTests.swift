import PostdeskCore
import PostdeskRules
import Testing

/// Issue 9 point 2: who gets a ticket.
@Suite struct AssignerTests {
    static func op(
        _ id: Int64, open: Int = 0, enabled: Bool = true, away: Bool = false, onShift: Bool = true
    ) -> AssignmentCandidate {
        AssignmentCandidate(
            id: OperatorID(id), address: "op\(id)@example.test", isEnabled: enabled, isAway: away, isOnShift: onShift,
            openTickets: open)
    }

    @Test("round-robin rotates through the eligible operators and resumes from the stored position")
    func roundRobin() {
        let team = [Self.op(3), Self.op(1), Self.op(2)]
        var position: OperatorID?
        var chosen: [Int64] = []
        for _ in 0..<7 {
            let decision = Assigner.choose(.roundRobin, among: team, lastAssigned: position)
            chosen.append(decision.chosen!.rawValue)
            position = decision.roundRobinPosition
        }
        #expect(chosen == [1, 2, 3, 1, 2, 3, 1])
        // A restart reads the stored position: the rotation goes on where it was
        #expect(Assigner.choose(.roundRobin, among: team, lastAssigned: OperatorID(2)).chosen == OperatorID(3))
        // The stored operator left the team: the next one after its id
        #expect(
            Assigner.choose(.roundRobin, among: [Self.op(1), Self.op(3)], lastAssigned: OperatorID(2)).chosen
                == OperatorID(3))
    }

    @Test("ten tickets between two operators split five and five")
    func fair() {
        var position: OperatorID?
        var counts: [Int64: Int] = [:]
        for _ in 0..<10 {
            let decision = Assigner.choose(.roundRobin, among: [Self.op(7), Self.op(9)], lastAssigned: position)
            counts[decision.chosen!.rawValue, default: 0] += 1
            position = decision.roundRobinPosition
        }
        #expect(counts == [7: 5, 9: 5])
    }

    @Test(
        "disabled, away and off-shift operators get nothing",
        arguments: [
            (Self.op(1, enabled: false), "disabled"), (Self.op(1, away: true), "away"),
            (Self.op(1, onShift: false), "off shift"),
        ])
    func ineligible(_ candidate: AssignmentCandidate, _ says: String) {
        for strategy in [AssignmentStrategy.roundRobin, .leastOpen, .to("op1@example.test")] {
            let decision = Assigner.choose(strategy, among: [candidate], lastAssigned: nil)
            #expect(decision.chosen == nil && decision.reason.contains(says), "\(strategy): \(decision.reason)")
        }
        #expect(
            Assigner.choose(.roundRobin, among: [candidate, Self.op(2)], lastAssigned: nil).chosen == OperatorID(2))
    }

    @Test("least open picks the lightest load; equal loads rotate")
    func leastOpen() {
        let team = [Self.op(1, open: 4), Self.op(2, open: 1), Self.op(3, open: 1)]
        #expect(Assigner.choose(.leastOpen, among: team, lastAssigned: nil).chosen == OperatorID(2))
        #expect(Assigner.choose(.leastOpen, among: team, lastAssigned: OperatorID(2)).chosen == OperatorID(3))
    }

    @Test("a named operator, case-insensitively; an unknown one is nobody, with the reason")
    func named() {
        #expect(
            Assigner.choose(.to("OP2@example.test"), among: [Self.op(2)], lastAssigned: nil).chosen == OperatorID(2))
        let unknown = Assigner.choose(.to("x@example.test"), among: [Self.op(2)], lastAssigned: nil)
        #expect(unknown.chosen == nil && unknown.reason.contains("no operator"))
        #expect(Assigner.choose(.roundRobin, among: [], lastAssigned: nil).reason == "the team has no operators")
    }
}
