import Foundation
import PostdeskRules
import Testing

/// `matches:` patterns have no time limit of their own in ICU, so the limits are static (RulePattern's docs).
@Suite struct RulePatternTests {
    @Test(
        "patterns within the limits are accepted",
        arguments: [
            "inv-[0-9]{4,}", "^(re|fwd): ", "(?:invoice|счёт)", "(?-i)URGENT", "(?i-x)urgent", "(?<!no )invoice",
            "paid.*", "a{2,5}", "(ab){3}",
            "[(+*]+", "\\(a+\\)", "(?<xid>[0-9]+)", "inv-?[0-9]+",
        ])
    func accepted(_ pattern: String) {
        #expect(RuleCheck.problems(in: set(matching: pattern)).isEmpty)
    }

    @Test(
        "patterns that can take exponential or large polynomial time, or do not compile, are refused",
        arguments: [
            ("(a+)+$", "repeated group"), ("(a*)*b", "repeated group"), ("(a|a)*b", "repeated group"),
            ("(a?){44}a{44}", "repeated group"),
            ("((a+))+", "repeated group"), ("(a+){2,}", "repeated group"), ("(x+x+)+y", "repeated group"),
            (".*paid.*", "at most one"), ("a.*b.*c", "at most one"), ("a{1,999}b{1,999}", "at most one"),
            ("((a|b))+", "repeated group"), ("(?x)(a|aa) *$", "x flag"), ("(?ix:(a|aa) *)", "x flag"),
            ("(?#c)a", "x flag"), ("(a)\\1", "backreferences"), ("(?<n>a)\\k<n>", "backreferences"),
            (String(repeating: "a", count: 257), "at most 256"), ("(unclosed", "does not compile"),
            ("[z-a]", "does not compile"),
        ])
    func refused(_ pattern: String, _ reason: String) {
        let problems = RuleCheck.problems(in: set(matching: pattern))
        #expect(problems.count == 1)
        #expect(problems.first?.severity == .error)
        #expect(problems.first?.message.contains(reason) == true, "\(problems)")
        #expect(throws: RuleSetError.self) { try PreparedRuleSet(set(matching: pattern)) }
    }

    @Test("an accepted pattern on hostile input of the longest size read finishes quickly")
    func hostileInput() throws {
        // Given the worst accepted shape (one unbounded repetition after a literal) and a long near-miss
        let rules = try PreparedRuleSet(set(matching: "a.*b"))
        let text = String(repeating: "a", count: 100_000)
        // When it runs
        let start = Date()
        let evaluation = RuleEngine.evaluate(event: .ticketCreated, snapshot: snapshot(text: text), rules: rules)
        // Then it does not match and stays well under a second (it reads 2,048 characters)
        #expect(evaluation.effects.isEmpty)
        #expect(Date().timeIntervalSince(start) < 5)
    }

    private func set(matching pattern: String) -> RuleSet {
        RuleSet(rules: [
            Rule(name: "r", on: [.ticketCreated], if: .field(.text, .matches(pattern)), then: [.addTags(["x"])])
        ])
    }
}
