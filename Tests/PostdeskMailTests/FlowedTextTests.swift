import PostdeskMail
import Testing

/// `format=flowed` (RFC 3676): soft-wrapped paragraphs read as the sender typed them.
@Suite struct FlowedTextTests {
    static func parse(_ body: String, parameters: String = "; format=flowed") throws -> ParsedMail {
        let raw =
            "From: a@example.com\r\nSubject: Re: x\r\nContent-Type: text/plain; charset=utf-8\(parameters)\r\n\r\n"
            + body.replacingOccurrences(of: "\n", with: "\r\n")
        return try MailParser().parse(Array(raw.utf8))
    }

    @Test(arguments: [
        (
            "A long paragraph that the \nclient wrapped at 72 \ncolumns.\n\nSecond one.",
            "A long paragraph that the client wrapped at 72 columns.\n\nSecond one."
        ),
        (
            "Answer\n\n> A quoted paragraph \n> that wraps.\n>> Deeper \n>> too.\n>\n> Back.",
            "Answer\n\n> A quoted paragraph that wraps.\n>> Deeper too.\n>\n> Back."
        ),
        (
            "Line one\n From a stuffed line\nThanks\n-- \nBob \nCEO",
            "Line one\nFrom a stuffed line\nThanks\n-- \nBob CEO"
        ),
        // A flowed line followed by another quote depth is improperly flowed (§4.5): it ends there.
        ("> quoted \nnot quoted", "> quoted \nnot quoted"),
        ("Fixed lines\nstay as they are.", "Fixed lines\nstay as they are."),
    ])
    func unwrapsSoftBreaks(body: String, expected: String) throws {
        #expect(try Self.parse(body).text == expected)
    }

    @Test func delSpRemovesTheSoftBreakSpace() throws {
        let mail = try Self.parse("日本語の文章が \n続きます。", parameters: "; format=flowed; delsp=yes")
        #expect(mail.text == "日本語の文章が続きます。")
    }

    @Test func fixedTextKeepsTrailingSpaces() throws {
        #expect(try Self.parse("ends in a space \nnext", parameters: "").text == "ends in a space \nnext")
    }

    @Test func thunderbirdReplyIsOneParagraph() throws {
        let body =
            "Sure, we can move the meeting to Thursday if that \nsuits everyone else.\n\n"
            + "On 31.01.24 10:00, Bob Smith wrote:\n> Could we move the meeting? It clashes \n> with the review.\n"
        let mail = try Self.parse(body)
        #expect(mail.reply == "Sure, we can move the meeting to Thursday if that suits everyone else.")
    }
}
