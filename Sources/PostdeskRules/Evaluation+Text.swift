extension Evaluation {
    /// The explanation as lines of text, one per rule and one per action, the way `rules explain` prints a pass:
    /// ```
    /// ticket.created (depth 0)
    ///   rule 1 "Urgent mail": not matched: subject.contains_any is false
    ///   rule 2 "Billing mail": matched: any[1].text.contains_any "счёт" is true; stopped the pass
    ///     set_team: billing
    ///     set_team: sales (overridden by rule 3 "Sales")
    ///   rule 3 "Everything else": skipped: rule 2 "Billing mail" stopped the pass
    /// ```
    /// - Throws: ``ExplanationError`` as ``explanation(in:)`` does.
    public func explanationLines(in rules: PreparedRuleSet) throws(ExplanationError) -> [String] {
        var lines = ["\(event.yamlName) (depth \(depth))"]
        if case .depthLimit(let depth, let maxDepth) = halt {
            lines.append("  no rule ran: depth \(depth) reached the limit of \(maxDepth) passes per event")
        }
        for trace in try explanation(in: rules) {
            let head = "  \(trace.rule): "
            switch trace.outcome {
            case .notListening: lines.append(head + "does not listen to \(event.yamlName)")
            case .skippedDepthLimit: continue
            case .skippedAfterStop(let stopper): lines.append(head + "skipped: \(stopper) stopped the pass")
            case .notMatched: lines.append(head + "not matched: \(trace.decidedBy.map(\.description) ?? "")")
            case .matched:
                let stop = trace.stoppedPass ? "; stopped the pass" : ""
                lines.append(head + "matched: \(trace.decidedBy.map(\.description) ?? "")\(stop)")
                for action in trace.actions { lines.append("    " + action.line) }
            }
        }
        return lines
    }
}

extension ActionTrace {
    /// `set_team: billing (overrides rule 1 "A"'s set_team)`: the action and what became of it.
    var line: String {
        var notes: [String] = []
        if !ran { notes.append("not run: after stop") }
        for override in overrides { notes.append("overrides \(override.rule)") }
        if let overriddenBy { notes.append("overridden by \(overriddenBy)") }
        if let duplicateOf { notes.append("already asked by \(duplicateOf)") }
        return summary + (notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")")
    }

    private var summary: String {
        switch action {
        case .setTeam(let team): "set_team: \(team)"
        case .setPriority(let priority): "set_priority: \(priority.rawValue)"
        case .setStatus(let status): "set_status: \(status.rawValue)"
        case .addTags(let tags): "add_tags: \(tags.joined(separator: ", "))"
        case .removeTags(let tags): "remove_tags: \(tags.joined(separator: ", "))"
        case .assign(.address(let address)): "assign: to \(address)"
        case .assign(.roundRobin): "assign: round_robin"
        case .assign(.leastOpen): "assign: least_open"
        case .notify(let recipient, let template): "notify: \(recipient.yamlName) with \(template)"
        case .reply(let template): "reply: \(template)"
        case .addNote: "add_note"
        case .stop: "stop"
        }
    }
}
