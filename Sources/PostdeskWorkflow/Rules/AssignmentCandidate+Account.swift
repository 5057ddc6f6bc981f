import Foundation
import PostdeskCore
import PostdeskRules

extension AssignmentCandidate {
    /// The operator as an assignment sees them at `now`: enabled, away, and on shift by their own hours in their own
    /// zone (always, without hours). Hours the store holds but cannot read leave them on shift: the CLI refuses
    /// such hours, and an unreadable schedule must not silently take someone out of the rotation.
    init(_ account: OperatorAccount, openTickets: Int, at now: Date) {
        let working = OperatorSchedule(lenient: account.availability).working
        self.init(
            id: account.id, address: account.primaryAddress, isEnabled: !account.isDisabled, isAway: working.away,
            isOnShift: working.isOnShift(at: now), openTickets: openTickets)
    }
}
