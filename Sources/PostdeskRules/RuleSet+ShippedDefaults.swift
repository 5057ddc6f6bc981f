extension RuleSet {
    /// The notifications of issue 8 as rules: the set a new install
    /// starts with:
    /// - a new ticket: the operators of its team, or every operator when it has none;
    /// - an assignment: the new assignee;
    /// - a customer's mail: the assignee; on an unassigned ticket, its team (or every operator);
    /// - an operator's reply or note: the operators watching the ticket and its assignee;
    /// - an assignee marked away: the ticket goes round-robin to the next eligible operator of its team (of all
    ///   operators when it has none); when nobody is eligible the rule records `assignment.failed` and
    ///   `user away` hands the ticket back to the team unassigned.
    ///
    /// What the rules leave to whoever sends: nobody is told of their own action, disabled operators are told
    /// nothing, and one change sends one mail per operator listing every reason.
    public static var shippedDefaults: RuleSet {
        RuleSet(rules: [
            Rule(
                name: "Tell the team about a new ticket", on: [.ticketCreated],
                then: [.notify(.team, template: "operator_new_ticket")]),
            Rule(
                name: "Tell the new assignee", on: [.assigneeChanged],
                if: .field(.assignee, .isSet(true)),
                then: [.notify(.assignee, template: "operator_assigned")]),
            Rule(
                name: "Tell the assignee the customer wrote", on: [.customerMessage],
                if: .field(.assignee, .isSet(true)),
                then: [.notify(.assignee, template: "operator_customer_reply")]),
            Rule(
                name: "Tell the team the customer wrote on an unassigned ticket", on: [.customerMessage],
                if: .field(.assignee, .isSet(false)),
                then: [.notify(.team, template: "operator_customer_reply")]),
            Rule(
                name: "Tell watchers and the assignee about operator activity", on: [.operatorMessage, .internalNote],
                then: [
                    .notify(.watchers, template: "operator_activity"),
                    .notify(.assignee, template: "operator_activity"),
                ]),
            Rule(
                name: "Hand an away operator's tickets to the team", on: [.assigneeAway],
                then: [.assign(.roundRobin)]),
        ])
    }
}
