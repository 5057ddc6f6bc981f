import Foundation
public import PostdeskCore
public import PostdeskRules

/// What `postdesk rules explain N` prints: for every recorded rule pass on the ticket, each rule in order (matched or
/// not, the condition that decided, what each action did), followed by what was done or held back at that moment
/// (mail queued, notifications suppressed, assignments). Pure: the caller reads the store.
public enum RuleExplanation {
    /// The ticket events that say what the rules' actions did.
    static let outcomeKinds: Set<String> = [
        "mail.queued", "notification.suppressed", "autoreply.suppressed", "assignee.changed", "team.changed",
        "priority.changed", "status.changed", "tags.changed", "assignment.failed", "note.added", "address.suppressed",
    ]

    /// - Parameters:
    ///   - ticket: the ticket.
    ///   - evaluations: its recorded passes, oldest first.
    ///   - rules: the prepared rule set of each version the passes name.
    ///   - events: its events, oldest first.
    ///   - suppression: the customer's automatic-mail suppression in force, if any.
    public static func lines(
        ticket: Ticket, evaluations: [StoredEvaluation], rules: [Int64: PreparedRuleSet], events: [TicketEvent],
        suppression: AddressSuppression?
    ) -> [String] {
        var lines = ["#\(ticket.number) \(ticket.subject)"]
        if let suppression {
            lines.append(
                "  customer \(suppression.address) gets no automatic mail until "
                    + "\(suppression.until.formatted(Date.ISO8601FormatStyle())): \(suppression.reason)")
        }
        if evaluations.isEmpty { lines.append("  no rule pass recorded") }
        // Passes and outcomes of one change share its instant: print each instant's passes, then its outcomes.
        let instants = Array(Set(evaluations.map(\.at))).sorted()
        for instant in instants {
            let stamp = instant.formatted(Date.ISO8601FormatStyle())
            for stored in evaluations where stored.at == instant {
                let version = stored.ruleVersion == 0 ? "shipped defaults" : "rule set v\(stored.ruleVersion)"
                guard let evaluation = try? JSONDecoder().decode(Evaluation.self, from: stored.data),
                    let set = rules[stored.ruleVersion], let body = try? evaluation.explanationLines(in: set)
                else {
                    lines.append("\(stamp) (\(version)): a pass this program cannot read")
                    continue
                }
                lines.append("\(stamp) \(body.first ?? "") — \(version)")
                lines += body.dropFirst()
            }
            let outcomes = events.filter { $0.at == instant && outcomeKinds.contains($0.kind) }
            if !outcomes.isEmpty {
                lines.append("  done:")
                lines += outcomes.map { "    \($0.kind): \($0.detail)" }
            }
        }
        return lines.map(terminalSafe)
    }

    /// `line` with control characters (ESC, BEL, CR, C1, U+2028/2029, bidi overrides) written as `\u{1B}`: event
    /// details hold header values from mail, and a terminal must never run what a sender wrote.
    static func terminalSafe(_ line: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(line.unicodeScalars.count)
        for scalar in line.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator:
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
