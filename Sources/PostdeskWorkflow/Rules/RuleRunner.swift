import Foundation
import PostdeskCore
import PostdeskRules

/// Runs the rules in force for the events of one change, inside the caller's transaction, and commits what they
/// decide: ticket fields (one event each), assignments, internal notes, and the mail — one per recipient for the
/// whole change, listing every reason.
///
/// Each pass is recorded (``StoredEvaluation``) for `rules explain`. A pass's effects that change the ticket are
/// events of a next pass, up to ``RuleEngine/defaultMaxDepth`` passes deep.
struct RuleRunner {
    var book: RuleBook
    var mailer: TicketMailer

    /// Runs `events` (depth 0) and everything their effects cause; `ticket` is saved with every change.
    func run(
        _ events: [RuleEvent], on ticket: inout Ticket, context: RuleContext, in tx: any TicketTransaction,
        at now: Date
    ) throws {
        guard !events.isEmpty else { return }
        let current = try book.current(in: tx)
        for failure in current.unloadable {
            try tx.append(
                TicketEvent(
                    ticketID: ticket.id, kind: "rules.fallback", at: now,
                    detail:
                        "\(failure); ran \(current.version == 0 ? "the shipped defaults" : "version \(current.version)")"
                ))
        }
        let operators = try tx.operatorAccounts(includeDisabled: true)
        var plan = NotificationPlan()
        var queue: [(event: RuleEvent, depth: Int)] = []
        for event in events where !queue.contains(where: { $0.event == event }) { queue.append((event, 0)) }
        var changed = false

        while !queue.isEmpty {
            let (event, depth) = queue.removeFirst()
            let evaluation = RuleEngine.evaluate(
                event: event,
                snapshot: snapshot(
                    of: ticket, operators: operators, depth: depth, context: context, hours: current, at: now),
                rules: current.rules, depth: depth)
            if Self.worthRecording(evaluation) {
                try tx.append(
                    StoredEvaluation(
                        ticketID: ticket.id, at: now, ruleVersion: current.version,
                        data: try JSONEncoder().encode(evaluation)))
            }
            var caused: [RuleEvent] = []
            for (effect, rule) in Self.attributed(evaluation, rules: current.rules) {
                if context.fromOutsider, !Self.isOperatorNotification(effect) {
                    try tx.append(
                        TicketEvent(
                            ticketID: ticket.id, kind: "rule.held", at: now,
                            detail:
                                "rule “\(rule)”: \(Self.summary(effect)) not applied: the mail came from an address not yet "
                                + "on the ticket"))
                    continue
                }
                let applied = try apply(
                    effect, rule: rule, to: &ticket, operators: operators, plan: &plan, context: context, in: tx,
                    at: now)
                changed = changed || applied != nil
                if let applied, !caused.contains(applied) { caused.append(applied) }
            }
            for event in caused where !queue.contains(where: { $0.event == event && $0.depth == depth + 1 }) {
                queue.append((event, depth + 1))
            }
        }
        if changed {
            ticket.updatedAt = now
            try tx.update(ticket)
        }
        try refreshSLA(of: ticket, with: current, operators: operators, context: context, in: tx, at: now)
        try send(plan, ticket: ticket, context: context, in: tx, at: now)
    }

    /// Chooses the ticket's SLA policy as it now stands and moves its clocks and timers. A calendar that never opens
    /// is the admin's error, not the mail's: the change is kept and the ticket says why it has no SLA.
    private func refreshSLA(
        of ticket: Ticket, with current: RuleBook.Current, operators: [OperatorAccount], context: RuleContext,
        in tx: any TicketTransaction, at now: Date
    ) throws {
        guard let chooser = current.sla else {
            if try tx.slaState(of: ticket.id) != nil {
                try SLAUpdate().refresh(ticket: ticket.id, policy: nil, in: tx, at: now)
            }
            return
        }
        let choice = chooser.policy(
            for: snapshot(of: ticket, operators: operators, depth: 1, context: context, hours: nil, at: now))
        do {
            let calendar = try choice.map { try $0.calendar ?? BusinessCalendar.alwaysOpen() }
            try tx.savepoint {
                try SLAUpdate().refresh(
                    ticket: ticket.id, policy: choice.flatMap { c in calendar.map { (c.policy, $0) } }, in: tx, at: now)
            }
        } catch let error as BusinessCalendarError {
            try tx.append(
                TicketEvent(
                    ticketID: ticket.id, kind: "sla.failed", at: now,
                    detail: "SLA policy \(choice?.policy.name ?? "?") not measured: \(error.message)"))
        }
    }

    /// Whether a pass says anything `rules explain` needs: some rule listened (or the depth limit stopped it). A
    /// timer's pass (idle, schedule) is kept only when a rule matched: a daily schedule over a million open tickets
    /// must not write a million rows that each say "not matched".
    static func worthRecording(_ evaluation: Evaluation) -> Bool {
        if evaluation.halt != nil { return true }
        switch evaluation.event {
        case .ticketIdle, .schedule: return evaluation.decisions.contains { $0.matched }
        default: return !evaluation.decisions.isEmpty
        }
    }

    /// An effect in the rules file's words, for events people read: `set_status: solved`.
    static func summary(_ effect: Effect) -> String {
        switch effect {
        case .setTeam(let team): "set_team: \(team)"
        case .setPriority(let priority): "set_priority: \(priority.rawValue)"
        case .setStatus(let status): "set_status: \(status.rawValue)"
        case .addTags(let tags): "add_tags: \(tags.joined(separator: ", "))"
        case .removeTags(let tags): "remove_tags: \(tags.joined(separator: ", "))"
        case .assign(.to(let address)): "assign: to \(address.rawValue)"
        case .assign(.roundRobin): "assign: round_robin"
        case .assign(.leastOpen): "assign: least_open"
        case .notify(.address(let address), let template): "notify: \(address.rawValue) with \(template)"
        case .notify(let target, let template): "notify: \(target) with \(template)"
        case .reply(let template): "reply: \(template)"
        case .addNote: "add_note"
        }
    }

    /// Whether an effect only tells operators (what an outsider's mail may cause).
    static func isOperatorNotification(_ effect: Effect) -> Bool {
        switch effect {
        case .notify(.assignee, _), .notify(.team, _), .notify(.watchers, _): true
        default: false
        }
    }

    /// Each surviving effect of a pass with the name of the rule that asked for it, in the order they were met.
    /// Passes with no effect (most of them) cost no explanation.
    static func attributed(_ evaluation: Evaluation, rules: PreparedRuleSet) -> [(Effect, String)] {
        guard !evaluation.effects.isEmpty else { return [] }
        guard let traces = try? evaluation.explanation(in: rules) else {
            // The pass was just made with `rules`: this cannot fail; keep the effects with an anonymous reason.
            return evaluation.effects.map { ($0, "a rule") }
        }
        return traces.flatMap { trace -> [(Effect, String)] in
            guard trace.outcome == .matched else { return [] }
            return trace.actions.compactMap { action in action.effect.map { ($0, trace.rule.name) } }
        }
    }

    /// The facts rules read. `hours` gives `within_business_hours` its calendar (nil: such tests are false).
    private func snapshot(
        of ticket: Ticket, operators: [OperatorAccount], depth: Int, context: RuleContext, hours: RuleBook.Current?,
        at now: Date
    ) -> RuleSnapshot {
        var snapshot = RuleSnapshot(
            status: ticket.status, priority: ticket.priority, team: ticket.team, tags: ticket.tags,
            assignee: ticket.assigneeID.flatMap { id in operators.first { $0.id == id }?.primaryAddress },
            mailbox: ticket.mailbox, subject: ticket.subject,
            // The message belongs to the outside event; passes it caused are about field changes.
            text: depth == 0 ? context.text : nil, customer: EmailAddress(ticket.customer.address),
            withinBusinessHours: nil, now: now)
        snapshot.withinBusinessHours = hours?.businessHours(for: snapshot)?.isOpen(at: now)
        return snapshot
    }

    /// Commits one effect. Returns the event its change causes for the next pass, if it changed a field.
    private func apply(
        _ effect: Effect, rule: String, to ticket: inout Ticket, operators: [OperatorAccount],
        plan: inout NotificationPlan, context: RuleContext, in tx: any TicketTransaction, at now: Date
    ) throws -> RuleEvent? {
        let by = "by rule “\(rule)”"
        func event(_ kind: String, _ detail: String) throws {
            try tx.append(TicketEvent(ticketID: ticket.id, kind: kind, at: now, detail: "\(detail) \(by)"))
        }
        switch effect {
        case .setTeam(let team):
            guard team != ticket.team else { return nil }
            try event("team.changed", "\(ticket.team ?? "none") → \(team)")
            ticket.team = team
            return .teamChanged
        case .setPriority(let priority):
            guard priority != ticket.priority else { return nil }
            try event("priority.changed", "\(ticket.priority.rawValue) → \(priority.rawValue)")
            ticket.priority = priority
            return .priorityChanged
        case .setStatus(let status):
            guard status != ticket.status else { return nil }
            try event("status.changed", "\(ticket.status.rawValue) → \(status.rawValue)")
            ticket.status = status
            return .statusChanged
        case .addTags(let tags):
            let added = tags.filter { !ticket.tags.contains($0) }
            guard !added.isEmpty else { return nil }
            ticket.tags += added
            try event("tags.changed", "added \(added.joined(separator: ", "))")
            return .tagsChanged
        case .removeTags(let tags):
            let removed = ticket.tags.filter { tags.contains($0) }
            guard !removed.isEmpty else { return nil }
            ticket.tags.removeAll { tags.contains($0) }
            try event("tags.changed", "removed \(removed.joined(separator: ", "))")
            return .tagsChanged
        case .assign(let assignment):
            return try assign(assignment, rule: rule, ticket: &ticket, operators: operators, in: tx, at: now)
        case .notify(let target, let template):
            try resolve(
                target, template: template, rule: rule, ticket: ticket, operators: operators, plan: &plan, in: tx)
            return nil
        case .reply(let template):
            plan.add(ticket.customer, isCustomer: true, template: template, reason: "rule “\(rule)”")
            return nil
        case .addNote(let text):
            _ = try tx.append(
                TicketMessage(
                    ticketID: ticket.id, authorKind: .system, author: nil, isInternal: true, via: .mail, text: text,
                    html: nil, reply: text, messageIDHeader: nil, inboundID: nil, attachments: [], createdAt: now))
            try event("note.added", "internal note")
            return nil
        }
    }

    private func assign(
        _ assignment: Assignment, rule: String, ticket: inout Ticket, operators: [OperatorAccount],
        in tx: any TicketTransaction, at now: Date
    ) throws -> RuleEvent? {
        let strategy: AssignmentStrategy
        let pool: [OperatorAccount]
        switch assignment {
        case .to(let address):
            strategy = .to(address.rawValue)
            pool = operators
        case .roundRobin, .leastOpen:
            strategy = assignment == .roundRobin ? .roundRobin : .leastOpen
            pool = ticket.team.map { team in operators.filter { $0.isMember(of: team) } } ?? operators
        }
        let counts = try tx.openTicketCounts()
        let candidates = pool.map { AssignmentCandidate($0, openTickets: counts[$0.id] ?? 0, at: now) }
        // The round-robin position is per team; tickets with no team share one among all operators.
        let positionKey = ticket.team ?? "*"
        let decision = Assigner.choose(
            strategy, among: candidates, lastAssigned: try tx.roundRobinPosition(team: positionKey))
        if let position = decision.roundRobinPosition { try tx.setRoundRobinPosition(position, team: positionKey) }
        guard let chosen = decision.chosen, let account = operators.first(where: { $0.id == chosen }) else {
            try tx.append(
                TicketEvent(
                    ticketID: ticket.id, kind: "assignment.failed", at: now,
                    detail: "\(decision.reason) (rule “\(rule)”)"))
            return nil
        }
        guard chosen != ticket.assigneeID else { return nil }
        try tx.append(
            TicketEvent(
                ticketID: ticket.id, kind: "assignee.changed", at: now,
                detail: "\(ticket.assignee?.address ?? "nobody") → \(account.primaryAddress) by rule “\(rule)”: "
                    + decision.reason))
        ticket.assigneeID = account.id
        ticket.assignee = account.person
        return .assigneeChanged
    }

    /// Turns a notify target into recipients on the plan. The actor and disabled operators are left out later.
    private func resolve(
        _ target: NotifyTarget, template: String, rule: String, ticket: Ticket, operators: [OperatorAccount],
        plan: inout NotificationPlan, in tx: any TicketTransaction
    ) throws {
        let reason = "rule “\(rule)”"
        switch target {
        case .assignee:
            if let id = ticket.assigneeID, let account = operators.first(where: { $0.id == id }) {
                plan.add(account, template: template, reason: reason)
            }
        case .team:
            let team = ticket.team.map { name in operators.filter { $0.isMember(of: name) } } ?? operators
            for account in team { plan.add(account, template: template, reason: reason) }
        case .watchers:
            for id in try tx.watchers(of: ticket.id) {
                if let account = operators.first(where: { $0.id == id }) {
                    plan.add(account, template: template, reason: reason)
                }
            }
        case .customer:
            plan.add(ticket.customer, isCustomer: true, template: template, reason: reason)
        case .address(let address):
            if let account = operators.first(where: { $0.owns(address.rawValue) }) {
                plan.add(account, template: template, reason: reason)
            } else {
                plan.add(
                    Person(name: nil, address: address.rawValue), isCustomer: false, template: template,
                    reason: reason)
            }
        }
    }
}
