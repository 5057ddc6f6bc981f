import Foundation
import PostdeskCore
import PostdeskRules

extension RuleRunner {
    /// The one template that is never held back by being away or by quiet hours: somebody deliberately gave the
    /// operator a ticket (rules never assign to an away or off-shift operator), and they should find that mail when
    /// they look. An operator who opted out of it still gets none.
    static let assignmentTemplate = "operator_assigned"

    /// What the operator's own preferences make of a mail asked with `templates` (first asked first) at `now`.
    ///
    /// Opted-out templates (`user notify --off`) drop out; the first left is the one sent. Away (`user away`) and
    /// quiet hours on their own clock (`user quiet`) hold everything back but the assignment template, which is then
    /// the one sent. Held back means not sent, ever: quiet hours do not queue a digest for the morning; the ticket's
    /// events say what was not sent and why.
    /// - Returns: the template to send, or why nothing is sent.
    static func preference(_ account: OperatorAccount, templates: [String], at now: Date) -> Result<String, Held> {
        let schedule = OperatorSchedule(lenient: account.availability)
        let address = account.primaryAddress
        let allowed = templates.filter { !schedule.muted.contains($0) }
        guard let first = allowed.first else {
            return .failure(Held("\(address) opted out of \(templates.joined(separator: ", "))"))
        }
        var why: String?
        if schedule.working.away {
            why = "\(address) is away"
        } else if let quiet = schedule.quiet, quiet.contains(now) {
            why = "quiet hours \(quiet) (\(account.availability.timeZone ?? "UTC")) of \(address)"
        }
        guard let why else { return .success(first) }
        return allowed.contains(assignmentTemplate) ? .success(assignmentTemplate) : .failure(Held(why))
    }

    /// Why a notification is not sent, as the `notification.suppressed` event says it.
    struct Held: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
