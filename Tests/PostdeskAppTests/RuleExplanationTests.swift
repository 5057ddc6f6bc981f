import PostdeskApp
import Testing

@testable import PostdeskApp

/// `rules explain` prints what mail wrote (header values in event details): a terminal must never run it.
@Suite struct RuleExplanationTests {
    @Test(
        "control characters from mail are written out, not sent to the terminal",
        arguments: [
            ("x\u{1B}]52;c;AAAA\u{07}y", "x\\u{1B}]52;c;AAAA\\u{7}y"), ("a\rb", "a\\u{D}b"),
            ("fake\u{2028}line", "fake\\u{2028}line"), ("evil\u{202E}txt", "evil\\u{202E}txt"),
            ("Счёт № 5 — «оплата»", "Счёт № 5 — «оплата»"),
        ])
    func terminalSafe(line: String, shown: String) {
        #expect(RuleExplanation.terminalSafe(line) == shown)
    }
}
