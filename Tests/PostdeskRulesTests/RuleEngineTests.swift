import PostdeskCore
import PostdeskRules
import Testing

/// One pass: order, stop, depth, conflicts, and the explanation of every rule (issue 9 points 1 and 6).
@Suite struct RuleEngineTests {
    static let billingWords = ["invoice", "счёт", "оплата"]

    /// The ARCHITECTURE §4 example, plus rules around it.
    static func billingSet() throws -> PreparedRuleSet {
        try prepared([
            Rule(
                name: "Urgent mail is high priority", on: [.ticketCreated],
                if: .field(.subject, .containsAny(["urgent", "срочно"])), then: [.setPriority(.high)]),
            Rule(
                name: "Billing mail goes to the billing team", on: [.ticketCreated],
                if: .any([
                    .field(.subject, .containsAny(billingWords)), .field(.text, .containsAny(billingWords)),
                ]),
                then: [
                    .setTeam("billing"), .assign(.roundRobin), .notify(.assignee, template: "ticket_assigned"),
                ],
                stop: true),
            Rule(name: "Everything else goes to support", on: [.ticketCreated], then: [.setTeam("support")]),
            Rule(name: "Notes are tagged", on: [.internalNote], then: [.addTags(["noted"])]),
        ])
    }

    @Test("a matching rule contributes its effects and its stop skips the rest")
    func stopEndsThePass() throws {
        // Given the billing set and a mail whose text says счёт in capitals
        let rules = try Self.billingSet()
        let evaluation = RuleEngine.evaluate(
            event: .ticketCreated, snapshot: snapshot(subject: "Вопрос", text: "Пришлите СЧЕТ"), rules: rules)
        // Then the billing rule's effects, in order, and nothing from the rules after it
        #expect(
            evaluation.effects == [
                .setTeam("billing"), .assign(.roundRobin), .notify(.assignee, template: "ticket_assigned"),
            ])
        #expect(evaluation.halt == .stoppedBy(RuleReference(index: 1, name: "Billing mail goes to the billing team")))
        // And the explanation covers every rule in order: why each matched or not
        let traces = try evaluation.explanation(in: rules)
        #expect(traces.map(\.outcome).count == 4)
        #expect(traces[0].outcome == .notMatched)
        #expect(traces[0].decidedBy == ConditionDecision(path: "subject.contains_any", value: nil, result: false))
        #expect(traces[1].outcome == .matched)
        #expect(traces[1].decidedBy == ConditionDecision(path: "any[1].text.contains_any", value: "счёт", result: true))
        #expect(traces[1].stoppedPass)
        #expect(traces[1].actions.map(\.effect) == evaluation.effects.map { Optional($0) })
        #expect(
            traces[2].outcome
                == .skippedAfterStop(RuleReference(index: 1, name: "Billing mail goes to the billing team")))
        #expect(
            traces[3].outcome
                == .skippedAfterStop(RuleReference(index: 1, name: "Billing mail goes to the billing team")))
    }

    @Test("rules that do not listen to the event are reported as such and contribute nothing")
    func notListening() throws {
        // Given a note event
        let rules = try Self.billingSet()
        let evaluation = RuleEngine.evaluate(event: .internalNote, snapshot: snapshot(), rules: rules)
        // Then only the note rule listened, and it matched with no condition
        #expect(try evaluation.explanation(in: rules).map(\.listened) == [false, false, false, true])
        #expect(
            try evaluation.explanation(in: rules)[3].decidedBy
                == ConditionDecision(path: "always", value: nil, result: true))
        #expect(evaluation.effects == [.addTags(["noted"])])
        #expect(evaluation.halt == nil)
    }

    @Test("the last of two conflicting effects wins, and the explanation says what was overridden")
    func lastWins() throws {
        // Given two rules that set a team and a priority
        let rules = try prepared([
            Rule(
                name: "A", on: [.ticketCreated], then: [.setTeam("sales"), .setPriority(.low), .addTags(["a", "b"])]),
            Rule(name: "B", on: [.ticketCreated], then: [.setTeam("billing"), .removeTags(["b"])]),
        ])
        // When both match
        let evaluation = RuleEngine.evaluate(event: .ticketCreated, snapshot: snapshot(), rules: rules)
        // Then B's team wins, A's priority stays, and tag b is removed rather than added
        #expect(evaluation.effects == [.setPriority(.low), .addTags(["a"]), .setTeam("billing"), .removeTags(["b"])])
        let a = try evaluation.explanation(in: rules)[0].actions
        let b = try evaluation.explanation(in: rules)[1].actions
        #expect(a[0].effect == nil)
        #expect(a[0].overriddenBy == RuleReference(index: 1, name: "B"))
        #expect(b[0].overrides == [.init(effect: .setTeam("sales"), rule: RuleReference(index: 0, name: "A"))])
        #expect(a[2].effect == .addTags(["a"]))
        #expect(a[2].overriddenBy == RuleReference(index: 1, name: "B"))
        #expect(b[1].overrides == [.init(effect: .addTags(["b"]), rule: RuleReference(index: 0, name: "A"))])
    }

    @Test("the same notification from two rules is one effect; the second is a duplicate")
    func duplicateNotification() throws {
        let rules = try prepared([
            Rule(name: "A", on: [.customerMessage], then: [.notify(.assignee, template: "t")]),
            Rule(
                name: "B", on: [.customerMessage], then: [.notify(.assignee, template: "t"), .reply(template: "ack")]),
        ])
        let evaluation = RuleEngine.evaluate(event: .customerMessage, snapshot: snapshot(), rules: rules)
        #expect(evaluation.effects == [.notify(.assignee, template: "t"), .reply(template: "ack")])
        #expect(try evaluation.explanation(in: rules)[1].actions[0].duplicateOf == RuleReference(index: 0, name: "A"))
    }

    @Test("a stop action ends the pass there: later actions of the rule do not run")
    func stopAction() throws {
        let rules = try prepared([
            Rule(name: "A", on: [.ticketCreated], then: [.setTeam("a"), .stop, .setTeam("never")]),
            Rule(name: "B", on: [.ticketCreated], then: [.setTeam("b")]),
        ])
        let evaluation = RuleEngine.evaluate(event: .ticketCreated, snapshot: snapshot(), rules: rules)
        #expect(evaluation.effects == [.setTeam("a")])
        #expect(try evaluation.explanation(in: rules)[0].actions.map(\.ran) == [true, true, false])
        #expect(
            try evaluation.explanation(in: rules)[1].outcome == .skippedAfterStop(RuleReference(index: 0, name: "A")))
    }

    @Test("a rule that does not match does not stop the pass")
    func stopNeedsAMatch() throws {
        let rules = try prepared([
            Rule(name: "A", on: [.ticketCreated], if: .hasTag("vip"), then: [.setTeam("vip")], stop: true),
            Rule(name: "B", on: [.ticketCreated], then: [.setTeam("b")]),
        ])
        let evaluation = RuleEngine.evaluate(event: .ticketCreated, snapshot: snapshot(), rules: rules)
        #expect(evaluation.effects == [.setTeam("b")])
        #expect(evaluation.halt == nil)
    }

    @Test("effects of a pass do not re-trigger rules in that pass: every rule reads the event's snapshot")
    func noRetriggerInAPass() throws {
        // Given a rule that sets the team and a later one that reacts to that team
        let rules = try prepared([
            Rule(name: "Route", on: [.ticketCreated], then: [.setTeam("billing")]),
            Rule(
                name: "React", on: [.ticketCreated, .teamChanged], if: .field(.team, .equals("billing")),
                then: [.addTags(["billing"])]),
        ])
        // When a ticket with no team is created
        let first = RuleEngine.evaluate(event: .ticketCreated, snapshot: snapshot(team: nil), rules: rules)
        // Then the second rule does not see the new team in this pass
        #expect(first.effects == [.setTeam("billing")])
        #expect(
            try first.explanation(in: rules)[1].decidedBy
                == ConditionDecision(path: "team.equals", value: nil, result: false))
        // And the change is an event of the next pass
        let second = RuleEngine.evaluate(
            event: .teamChanged, snapshot: snapshot(team: "billing"), rules: rules, depth: first.depth + 1)
        #expect(second.effects == [.addTags(["billing"])])
    }

    @Test("the depth limit ends loops between passes", arguments: [(0, true), (4, true), (5, false), (9, false)])
    func depthLimit(depth: Int, runs: Bool) throws {
        // Given two rules that would flip the priority forever
        let rules = try prepared([
            Rule(
                name: "Up", on: [.priorityChanged], if: .field(.priority, .equals("low")), then: [.setPriority(.high)]),
            Rule(
                name: "Down", on: [.priorityChanged], if: .field(.priority, .equals("high")), then: [.setPriority(.low)]
            ),
        ])
        // When a pass runs at `depth` with the default limit of 5
        let evaluation = RuleEngine.evaluate(
            event: .priorityChanged, snapshot: snapshot(priority: .low), rules: rules, depth: depth)
        // Then passes below the limit run, and at or past it nothing runs, with the reason on every rule
        #expect(evaluation.effects == (runs ? [.setPriority(.high)] : []))
        if !runs {
            #expect(evaluation.halt == .depthLimit(depth: depth, maxDepth: 5))
            #expect(try evaluation.explanation(in: rules).map(\.outcome) == [.skippedDepthLimit, .skippedDepthLimit])
        }
    }

    @Test(
        "the explanation names the deciding condition and the value that decided",
        arguments: [
            (
                Condition.any([.field(.team, .equals("x")), .field(.subject, .containsAny(["a", "счёт"]))]),
                "any[1].subject.contains_any", "счёт" as String?, true
            ),
            (.any([.field(.team, .equals("x")), .hasTag("y")]), "any", nil, false),
            (
                .all([.field(.mailbox, .equals("support")), .not(.field(.priority, .isIn(["normal", "high"])))]),
                "all[1].not.priority.in", "normal", false
            ),
            (
                .all([.field(.mailbox, .equals("support")), .withinBusinessHours(true)]),
                "all[1].within_business_hours", "unknown", false
            ),
            (.all([.field(.mailbox, .isIn(["sales", "support"]))]), "all", nil, true),
            (.not(.any([.field(.subject, .matches("^re:"))])), "not.any", nil, true),
            (
                .any([.all([.hasTag("a"), .field(.subject, .matches("сч[её]т"))])]),
                "any", nil, false
            ),
            (
                .any([.all([.field(.customerDomain, .equals("example.ru")), .field(.subject, .matches("сч[её]т"))])]),
                "any[0].all", nil, true
            ),
        ])
    func explanationPaths(condition: Condition, path: String, value: String?, result: Bool) throws {
        let rules = try prepared([Rule(name: "r", on: [.ticketCreated], if: condition, then: [.addTags(["t"])])])
        let evaluation = RuleEngine.evaluate(
            event: .ticketCreated, snapshot: snapshot(tags: [], subject: "Ваш Счет"), rules: rules)
        #expect(
            try evaluation.explanation(in: rules)[0].decidedBy
                == ConditionDecision(path: path, value: value, result: result))
    }

    @Test("a word or pattern that several rules share is looked for once per field, not once per set")
    func sharedWordsAndPatterns() throws {
        // Given the same word and the same pattern in rules on the subject and on the text
        let rules = try prepared([
            Rule(
                name: "S", on: [.ticketCreated], if: .field(.subject, .containsAny(["счёт"])), then: [.addTags(["s"])]),
            Rule(name: "T", on: [.ticketCreated], if: .field(.text, .containsAny(["счёт"])), then: [.addTags(["t"])]),
            Rule(
                name: "PS", on: [.ticketCreated], if: .field(.subject, .matches("inv-[0-9]+")), then: [.addTags(["ps"])]
            ),
            Rule(name: "PT", on: [.ticketCreated], if: .field(.text, .matches("inv-[0-9]+")), then: [.addTags(["pt"])]),
            Rule(
                name: "S2", on: [.ticketCreated], if: .field(.subject, .containsAny(["счет"])), then: [.addTags(["s2"])]
            ),
        ])
        // When only the subject has them
        let evaluation = RuleEngine.evaluate(
            event: .ticketCreated, snapshot: snapshot(subject: "Счёт INV-7", text: "нет"), rules: rules)
        // Then each rule answers for its own field
        #expect(evaluation.effects == [.addTags(["s"]), .addTags(["ps"]), .addTags(["s2"])])
        #expect(evaluation.decisions.map(\.matched) == [true, false, true, false, true])
    }

    @Test("idle and schedule events match only the same duration or name")
    func valuedEvents() throws {
        let rules = try prepared([
            Rule(name: "Idle", on: [.ticketIdle(RuleDuration("2d")!)], then: [.addTags(["idle"])]),
            Rule(name: "Morning", on: [.schedule("morning")], then: [.addTags(["morning"])]),
        ])
        func effects(_ event: RuleEvent) -> [Effect] {
            RuleEngine.evaluate(event: event, snapshot: snapshot(), rules: rules).effects
        }
        #expect(effects(.ticketIdle(RuleDuration("48h")!)) == [.addTags(["idle"])])
        #expect(effects(.ticketIdle(RuleDuration("1d")!)) == [])
        #expect(effects(.schedule("morning")) == [.addTags(["morning"])])
        #expect(effects(.schedule("evening")) == [])
    }
}

/// `rules explain` prints a pass as lines.
@Suite struct ExplanationTextTests {
    @Test("the explanation reads as lines naming each rule, why, and what each action became")
    func lines() throws {
        // Given two rules that conflict and one after a stop
        let rules = try prepared([
            Rule(name: "A", on: [.ticketCreated], if: .field(.subject, .containsAny(["счёт"])), then: [.setTeam("a")]),
            Rule(name: "B", on: [.ticketCreated], then: [.setTeam("b")], stop: true),
            Rule(name: "C", on: [.ticketCreated], then: [.setTeam("c")]),
            Rule(name: "D", on: [.internalNote], then: [.setTeam("d")]),
        ])
        // When a ticket about a счет is created
        let evaluation = RuleEngine.evaluate(event: .ticketCreated, snapshot: snapshot(subject: "Счет"), rules: rules)
        // Then
        #expect(
            try evaluation.explanationLines(in: rules) == [
                "ticket.created (depth 0)",
                #"  rule 1 "A": matched: subject.contains_any "счёт" is true"#,
                #"    set_team: a (overridden by rule 2 "B")"#,
                #"  rule 2 "B": matched: always is true; stopped the pass"#,
                #"    set_team: b (overrides rule 1 "A")"#,
                #"  rule 3 "C": skipped: rule 2 "B" stopped the pass"#,
                #"  rule 4 "D": skipped: rule 2 "B" stopped the pass"#,
            ])
    }
}
