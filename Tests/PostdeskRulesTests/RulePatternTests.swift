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

    @Test("a search that reaches ICU's time limit counts as no match, and the explanation says it gave up")
    func timeLimit() throws {
        // Given an accepted pattern that backtracks over the whole text, and a text it takes long to fail on
        let rules = try PreparedRuleSet(set(matching: "a.*a.?b"))
        let text = String(repeating: "a", count: 4_000)
        // When it runs
        let evaluation = RuleEngine.evaluate(event: .ticketCreated, snapshot: snapshot(text: text), rules: rules)
        // Then nothing matched, and why is on record
        #expect(evaluation.effects.isEmpty)
        let decided = try #require(try evaluation.explanation(in: rules).first?.decidedBy)
        #expect(decided.result == false)
        #expect(decided.value == "a.*a.?b (gave up at the time limit)", "\(decided)")
    }

    private func set(matching pattern: String) -> RuleSet {
        RuleSet(rules: [
            Rule(name: "r", on: [.ticketCreated], if: .field(.text, .matches(pattern)), then: [.addTags(["x"])])
        ])
    }
}

/// `matches:` looks for the pattern's fixed ASCII text in the folded value before it asks ICU; the answer must be
/// ICU's own, whatever the pattern and the value.
@Suite struct PatternShortcutTests {
    @Test(
        "matches answers exactly as ICU does",
        arguments: [
            ("inv-[0-9]+", "Счёт INV-2041 к оплате"), ("inv-[0-9]+", "invoice 2041"), ("inv-[0-9]+", "INV-"),
            ("(?-i)URGENT", "urgent"), ("(?-i)URGENT", "so URGENT"), ("sk", "ſK"), ("sk", "SK"), ("k", "\u{212A}"),
            ("ss", "Straße"), ("a\\x41b", "aab"), ("a\\u0041b", "AAB"), ("a{2}b", "aab"), ("a{2}b", "a2b"),
            ("ab?c", "ac"), ("colou?r", "color"), ("ab*c", "ac"), ("abc{0}d", "abd"), ("a+b", "aaab"),
            ("[]a]b", "]b"), ("[[a-z]]x", "qx"), ("x\\.y", "x.y"), ("x\\.y", "xzy"), ("(foo|bar)baz", "BARBAZ"),
            ("foo|bar", "bar"), ("^re:", "Re: вопрос"), ("^re:", "Fwd: re:"), ("\\bsla\\b", "the SLA"),
            ("e", "e\u{301}"), ("é", "e\u{301}"), ("заказ №?[0-9]{5,}", "ЗАКАЗ 12345"), ("order #[0-9]+", "Order #7"),
            ("ticket[- ]?[0-9]{3,}", "Re: TICKET 4711"), ("a(?=b)", "ab"), ("(?i:ab)c", "ABc"), ("a\\p{L}", "ab"),
            ("x\\N{LATIN SMALL LETTER A}", "xa"), ("\\0101", "A"), ("q\\cAq", "q\u{1}q"), ("[0-9]{16}", "4111 1111"),
            ("ǆ", "ǅ"), ("ёж", "ЕЖ"), ("Ѡ", "ѡ"), ("счёт", "СЧЁТ"), ("счёт", "счет"), ("Ѐ", "ѐ"),
            ("сч[её]т №", "СЧЕТ № 5"), ("[0-9]{16}", "без цифр"), ("[0-9]{16}", "card 4111111111111111"),
            ("\\d+", "abc"), ("\\d+", "a٣b"), ("\\d?x", "x"), ("a|[0-9]", "a"), ("[0-9]*x", "x"), ("[0-9]{0,3}x", "x"),
            ("([0-9])?x", "x"), ("x[0-9]", "x٣"), ("[0-9]{16}", "4111111111111111"),
            ("[0-9]{16}", "411111111111111 1"), ("\\d{3}x", "12x 123x"), ("[0-9]{3,5}", "12 34"),
            ("[0-9]{2,}", "a 1 2 34"), ("\\d{2}", "a٣٣"), ("[0-9]{1}x", "x1x"),
            ("[0-9] {2}", "1 2"), ("[0-9]{2}?", "12"), ("[0-9]\\{2\\}", "1{2}"),
        ])
    func sameAsICU(pattern: String, value: String) throws {
        // Given ICU's own answer
        let regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        func icu(_ text: String) -> Bool {
            regex.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) != nil
        }
        // Then the rule holds exactly when ICU finds the pattern, alone and after Cyrillic text
        #expect(try holds(.field(.subject, .matches(pattern)), on: snapshot(subject: value)) == icu(value))
        let text = "Привет, ёж.\n" + value
        #expect(try holds(.field(.text, .matches(pattern)), on: snapshot(text: text)) == icu(text))
    }
}
