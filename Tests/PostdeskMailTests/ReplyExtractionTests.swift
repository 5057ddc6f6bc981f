import PostdeskMail
import Testing

/// Reply extraction over the quote styles of common mailers.
@Suite struct ReplyExtractionTests {
    static func parse(_ body: String, contentType: String = "text/plain; charset=utf-8") throws -> ParsedMail {
        let raw = "From: a@example.com\nSubject: Re: x\nContent-Type: \(contentType)\n\n\(body)"
        return try MailParser().parse(Array(raw.utf8))
    }

    @Test(arguments: [
        ("Yes.\n\nOn Tue, Jan 2, 2024 at 10:00 AM Bob <bob@example.com> wrote:\n> Question?\n", "Yes."),
        ("Yes.\n\nOn Tue, Jan 2, 2024 at 10:00 AM Bob <bob@example.com>\nwrote:\n> Question?\n", "Yes."),
        ("Ja.\n\nAm 02.01.2024 um 10:00 schrieb Bob:\n> Frage?\n", "Ja."),
        ("Да.\n\n02.01.2024, 10:00, \"Боб\" <bob@example.ru> пишет:\n> Вопрос?\n", "Да."),
        ("Да.\n\nВторник, 2 января 2024, 10:00 +03:00 от Боб <bob@example.ru>:\nВопрос?\n", "Да."),
        ("Да.\n\n-------- Исходное сообщение --------\nТема: x\n", "Да."),
        ("Fine.\n\n-----Original Message-----\nFrom: Bob\nSent: Monday\nTo: Alice\nSubject: x\n", "Fine."),
        ("Fine.\n\nFrom: Bob <bob@example.com>\nSent: Monday, 1 January 2024 10:00\nTo: Alice\nSubject: x\n\nOld", "Fine."),
        ("Gut.\n\nVon: Bob <bob@example.com>\nGesendet: Montag, 1. Januar 2024 10:00\nAn: Alice\nBetreff: x\n", "Gut."),
        ("Answer one.\n> quoted one\nAnswer two.\n> quoted two\n", "Answer one.\nAnswer two."),
        ("Thanks!\n\n-- \nBob\nCEO", "Thanks!"),
        ("No markers at all.\nSecond line.", "No markers at all.\nSecond line."),
        ("New text\n##- Please type your reply above this line -##\nTicket history", "New text"),
    ])
    func plainText(body: String, expected: String) throws {
        #expect(try Self.parse(body).reply == expected)
    }

    @Test(arguments: [
        ("<div>Yes.</div><div class=\"gmail_quote\">On Tue Bob wrote:<blockquote>Q?</blockquote></div>", "Yes."),
        ("<p>Fine.</p><div id=\"divRplyFwdMsg\"><b>From:</b> Bob</div><div>Old</div>", "Fine."),
        ("<p>Ok</p><div class=\"moz-cite-prefix\">On 01.01.24 Bob wrote:</div><blockquote type=\"cite\">Q</blockquote>", "Ok"),
        ("<div>Ok</div><div class=\"yahoo_quoted\">Old</div>", "Ok"),
    ])
    func html(body: String, expected: String) throws {
        #expect(try Self.parse(body, contentType: "text/html; charset=utf-8").reply == expected)
    }
}
