import PostdeskMail
import Testing

/// HTML-only mail read as text: paragraphs, line breaks, lists, tables and preformatted text stay readable.
@Suite struct HTMLTextTests {
    static func text(_ html: String) throws -> String {
        let raw = "From: a@example.com\nSubject: x\nContent-Type: text/html; charset=utf-8\n\n\(html)"
        return try MailParser().parse(Array(raw.utf8)).text
    }

    @Test(arguments: [
        ("<p>One</p><p>Two<br>lines</p>", "One\n\nTwo\nlines"),
        (
            "<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul><ol><li>first</li><li>second</li></ol>",
            "- one\n- two\n  - nested\n1. first\n2. second"
        ),
        ("<pre>def f():\n    return 1</pre>", "def f():\n    return 1"),
        ("<table><tr><th>Item</th><th>Qty</th></tr><tr><td>Paper</td><td>2</td></tr></table>", "Item Qty\nPaper 2"),
        ("<div>a</div>   <div>  b</div>", "a\nb"),
        ("<p>Fish &amp; chips&nbsp;&lt;3</p>", "Fish & chips\u{A0}<3"),
    ])
    func readable(html: String, expected: String) throws {
        #expect(try Self.text(html) == expected)
    }
}
