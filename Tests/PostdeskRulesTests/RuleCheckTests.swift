import PostdeskRules
import Testing

/// An action for rules whose actions do not matter to the test.
private let tag = RuleAction.addTags(["x"])

/// `rules check`: what decoding lets through but an admin must fix (or should know), with the rule it is in.
@Suite struct RuleCheckTests {
    typealias Kind = RuleProblem.Kind

    @Test(
        "each problem is reported with the rule's index and name",
        arguments: [
            ([Rule(name: " ", on: [.ticketCreated], then: [tag])], 0, Kind.emptyName, RuleProblem.Severity.error),
            (
                [
                    Rule(name: "A", on: [.ticketCreated], then: [tag]),
                    Rule(name: "A", on: [.internalNote], then: [tag]),
                ],
                1, .duplicateName(firstIndex: 0), .error
            ),
            ([Rule(name: "A", on: [], then: [tag])], 0, .noEvents, .error),
            (
                [Rule(name: "A", on: [.ticketCreated], then: [.notify(.assignee, template: "nope")])], 0,
                .unknownTemplate("nope"), .error
            ),
            ([Rule(name: "A", on: [.ticketCreated], then: [.reply(template: "")])], 0, .unknownTemplate(""), .error),
            (
                [Rule(name: "A", on: [.ticketCreated], then: [.reply(template: "operator_assigned")])], 0,
                .operatorTemplateOutside("operator_assigned"), .error
            ),
            (
                [Rule(name: "A", on: [.ticketCreated], then: [.notify(.customer, template: "command_refused")])], 0,
                .operatorTemplateOutside("command_refused"), .error
            ),
            (
                [Rule(name: "A", on: [.ticketCreated], if: .not(.field(.subject, .matches("(a"))), then: [tag])], 0,
                .invalidPattern(pattern: "(a", reason: ""), .error
            ),
            ([Rule(name: "A", on: [.ticketCreated], then: [.assign(.address(""))])], 0, .emptyAssignAddress, .error),
            (
                [Rule(name: "A", on: [.ticketCreated], then: [.assign(.address("agent1"))])], 0,
                .invalidAddress("agent1"), .error
            ),
            (
                [
                    Rule(
                        name: "A", on: [.ticketCreated],
                        then: [.notify(.address("a@b.test\r\nBcc: x@y.test"), template: "t")])
                ],
                0, .invalidAddress("a@b.test\r\nBcc: x@y.test"), .error
            ),
            (
                [Rule(name: "A", on: [.ticketCreated], if: .field(.subject, .containsAny([])), then: [tag])], 0,
                .emptyWordList(field: "subject"), .warning
            ),
            (
                [Rule(name: "A", on: [.ticketCreated], if: .field(.team, .isIn(["a", ""])), then: [tag])], 0,
                .emptyWordList(field: "team"), .warning
            ),
            ([Rule(name: "A", on: [.ticketCreated], then: [.stop, tag])], 0, .actionsAfterStop, .warning),
            (
                [
                    Rule(name: "Catch all", on: [.ticketCreated, .customerMessage], then: [tag], stop: true),
                    Rule(name: "Never", on: [.customerMessage], if: .hasTag("vip"), then: [tag]),
                ],
                1, .unreachable(afterIndex: 0, afterName: "Catch all"), .warning
            ),
            (
                [
                    Rule(name: "Catch all", on: [.ticketCreated], if: .all([]), then: [.stop]),
                    Rule(name: "Never", on: [.ticketCreated], then: [tag]),
                ],
                1, .unreachable(afterIndex: 0, afterName: "Catch all"), .warning
            ),
        ])
    func problem(rules: [Rule], index: Int, kind: Kind, severity: RuleProblem.Severity) {
        let problems = RuleCheck.problems(
            in: RuleSet(rules: rules), templates: ["t", "ack", "operator_assigned", "command_refused"])
        #expect(problems.count == 1, "\(problems)")
        guard let problem = problems.first else { return }
        #expect(problem.ruleIndex == index)
        #expect(problem.ruleName == rules[index].name)
        #expect(problem.severity == severity)
        if case .invalidPattern(let pattern, _) = kind, case .invalidPattern(let found, _) = problem.kind {
            #expect(found == pattern)
        } else {
            #expect(problem.kind == kind)
        }
    }

    @Test("rules after a stop that is conditional, or that listens to other events, can still run")
    func reachable() {
        let rules = [
            Rule(name: "Stop VIP", on: [.ticketCreated], if: .hasTag("vip"), then: [tag], stop: true),
            Rule(name: "Stop created", on: [.ticketCreated], then: [tag], stop: true),
            Rule(name: "Customer mail", on: [.ticketCreated, .customerMessage], then: [tag]),
        ]
        #expect(RuleCheck.problems(in: RuleSet(rules: rules)).isEmpty)
    }

    @Test("templates are not checked without a list")
    func noTemplateList() {
        let rules = [Rule(name: "A", on: [.ticketCreated], then: [.reply(template: "anything")])]
        #expect(RuleCheck.problems(in: RuleSet(rules: rules)).isEmpty)
    }

    @Test("errors refuse preparing the set; warnings do not")
    func preparing() throws {
        let bad = RuleSet(rules: [Rule(name: "", on: [.ticketCreated], then: [tag])])
        #expect(throws: RuleSetError.self) { try PreparedRuleSet(bad) }
        let warned = RuleSet(rules: [Rule(name: "A", on: [.ticketCreated], then: [.stop, tag])])
        #expect(try PreparedRuleSet(warned).warnings.map(\.kind) == [.actionsAfterStop])
    }

    @Test("a problem prints with the rule numbered from 1")
    func printed() {
        let problem = RuleProblem(ruleIndex: 2, ruleName: "Billing", severity: .error, kind: .emptyAssignAddress)
        #expect(problem.description == #"rule 3 "Billing": error: assign: {to: …} has an empty address"#)
    }
}
