import PostdeskCore
import Testing

@Suite struct SearchTextTests {
    @Test(
        "input is cut at whitespace into terms with a letter or digit, ё folded, the last one a prefix while typed",
        arguments: [
            ("invoice", ["invoice"], true), ("  счёт  Март ", ["счет", "Март"], false), ("- * : \"", [], false),
            ("NEAR( x", ["NEAR(", "x"], false), ("ab\tcd", ["ab", "cd"], true), ("", [], false), ("a", ["a"], false),
            // Control characters separate terms (a NUL reached FTS5 and ended the query there: a 500)
            ("\u{0}abc", ["abc"], true), ("ab\u{0}cd\u{7}", ["ab", "cd"], false), ("x\u{85}yz", ["x", "yz"], true),
        ])
    func terms(raw: String, terms: [String], prefix: Bool) {
        let text = SearchText(raw)
        #expect(text.terms == terms)
        #expect(text.lastTermIsPrefix == prefix)
        #expect(text.isEmpty == terms.isEmpty)
    }

    @Test("a long query is bounded in terms and term length")
    func bounded() {
        let text = SearchText(String(repeating: "word ", count: 100) + String(repeating: "x", count: 1_000))
        #expect(text.terms.count == SearchText.maximumTerms)
        let long = SearchText(String(repeating: "я", count: 1_000))
        #expect(long.terms.first?.count == SearchText.maximumTermLength)
    }

    @Test("a cursor survives its URL form, for every order and any key text")
    func cursorRoundTrip() {
        for key in QueueSort.Key.allCases {
            for descending in [true, false] {
                let cursor = QueueCursor(
                    sort: QueueSort(key, descending: descending), key: "2026-12-01 10:00:00.000 ü/+=",
                    ticket: TicketID(42))
                #expect(QueueCursor(token: cursor.token) == cursor)
                #expect(cursor.token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
            }
        }
    }
}
