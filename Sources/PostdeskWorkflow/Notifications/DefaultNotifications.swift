public import PostdeskCore

/// What happened on a ticket that operators may need to hear of.
public enum NotificationTrigger: Sendable, Equatable {
    case ticketCreated
    /// The ticket was assigned to this operator.
    case assigned(OperatorID)
    /// The customer side wrote (a customer, or a participant's mail).
    case customerMessage
    /// An operator replied to the customer (`internal: false`) or added a note.
    case operatorMessage(internal: Bool)
}

/// One operator to notify, with the template and every reason they are told (one mail per change, however many
/// reasons).
public struct Notification: Sendable, Equatable {
    public var recipient: OperatorAccount
    /// The template under `MailTemplates/`.
    public var template: String
    public var reasons: [String]
}

/// The fixed notification defaults of issue 8, in one place: when the rules engine lands they become its shipped
/// default rules (issue 9), so this file moves there rather than being rewritten.
///
/// - A new ticket: every enabled operator of its team; with no team, every enabled operator.
/// - An assignment: the new assignee.
/// - A customer's mail: the assignee; on an unassigned ticket, its team (or, with no team, every operator).
/// - An operator's reply or note: the other operators watching the ticket and its assignee.
///
/// Nobody is told of their own action, a disabled operator is told nothing, and one change sends at most one mail to
/// each operator, listing every reason.
public enum DefaultNotifications {
    public static func notifications(
        for triggers: [NotificationTrigger], ticket: Ticket, actor: OperatorID?, operators: [OperatorAccount],
        watchers: [OperatorID]
    ) -> [Notification] {
        var result: [Notification] = []
        func add(_ account: OperatorAccount, template: String, reason: String) {
            guard !account.isDisabled, account.id != actor else { return }
            if let index = result.firstIndex(where: { $0.recipient.id == account.id }) {
                if !result[index].reasons.contains(reason) { result[index].reasons.append(reason) }
            } else {
                result.append(Notification(recipient: account, template: template, reasons: [reason]))
            }
        }
        let byID = Dictionary(operators.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let team = ticket.team.map { name in operators.filter { $0.isMember(of: name) } } ?? operators
        let teamWords = ticket.team.map { "of team \($0)" } ?? "with no team"

        for trigger in triggers {
            switch trigger {
            case .assigned(let id):
                if let account = byID[id] { add(account, template: "operator_assigned", reason: "assigned to you") }
            case .ticketCreated:
                for account in team {
                    add(account, template: "operator_new_ticket", reason: "a new ticket \(teamWords)")
                }
            case .customerMessage:
                if let assignee = ticket.assigneeID {
                    if let account = byID[assignee] {
                        add(account, template: "operator_customer_reply", reason: "the customer wrote on your ticket")
                    }
                } else {
                    for account in team {
                        add(
                            account, template: "operator_customer_reply",
                            reason: "the customer wrote on an unassigned ticket \(teamWords)")
                    }
                }
            case .operatorMessage(let isInternal):
                let reason = isInternal ? "an internal note on a ticket you follow" : "a reply on a ticket you follow"
                for id in watchers + (ticket.assigneeID.map { [$0] } ?? []) {
                    if let account = byID[id] { add(account, template: "operator_activity", reason: reason) }
                }
            }
        }
        return result
    }
}
