import Foundation
import PostdeskMail
import Testing

/// `ForwardedMessage.read`: the original of a mail an operator forwarded, as each client writes the forward
/// (`Fixtures/Forwards/<client>-<language>.eml` with the expected values in `<same name>.json`).
@Suite struct ForwardedMessageTests {
    static let directory = GoldenMailTests.fixtures.appendingPathComponent("Forwards")

    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".eml") }.map { String($0.dropLast(4)) }.sorted()
    }()

    struct Expected: Decodable {
        var name: String?
        var address: String
        var subject: String?
        var text: String
        var note: String
    }

    @Test func fixturesArePresent() {
        #expect(Self.names.count >= 10)
    }

    @Test(arguments: names)
    func readsTheOriginal(name: String) throws {
        // Given a client's forward and what it forwards
        let raw = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent("\(name).eml")))
        let expected = try JSONDecoder().decode(
            Expected.self, from: Data(contentsOf: Self.directory.appendingPathComponent("\(name).json")))

        // When it is parsed and the forward read
        let mail = try MailParser().parse(raw)
        let forwarded = try #require(ForwardedMessage.read(mail))

        // Then the original's sender, subject and text, and the operator's note, come out
        #expect(forwarded.from == MailAddress(name: expected.name, address: expected.address))
        #expect(forwarded.subject == expected.subject)
        #expect(forwarded.text == expected.text)
        #expect(forwarded.note == expected.note)
        #expect(forwarded.source == (name.hasSuffix("attached") ? .attachedMessage : .inlineBlock))
    }

    static func mail(_ text: String) throws -> ParsedMail {
        let raw =
            "From: anna@example.test\nTo: support@example.test\nSubject: Fwd: x\n"
            + "Content-Type: text/plain; charset=utf-8\n\n" + text
        return try MailParser().parse(Array(raw.utf8))
    }

    @Test(
        "no clear forward, or a From that a From header would refuse, reads as no forward",
        arguments: [
            // No forward at all
            "Hello, please help.\n",
            // A reply's attribution is not a forward
            "Thanks!\n\nOn Mon, 3 Mar 2025 at 10:12, Ivan <ivan@example.ru> wrote:\n> Hi\n",
            // A separator without header lines
            "---------- Forwarded message ---------\n\nHello\n",
            // A From without an address (Exchange's internal names)
            "-----Original Message-----\nFrom: Ivan Petrov\nSent: Monday\nSubject: x\n\nHello\n",
            // Two mailboxes: whose mail is it?
            "---------- Forwarded message ---------\nFrom: Ivan <ivan@example.ru>, Mallory <m@evil.test>\n\nHi\n",
            // Not an addr-spec: controls, spaces, a missing domain
            "---------- Forwarded message ---------\nFrom: Ivan <ivan@exa mple.ru>\n\nHi\n",
            "---------- Forwarded message ---------\nFrom: Ivan <ivan\u{1}@example.ru>\n\nHi\n",
            "---------- Forwarded message ---------\nFrom: Ivan <ivan@>\n\nHi\n",
            "---------- Forwarded message ---------\nFrom: MAILER-DAEMON\n\nHi\n",
            // A line of underscores without a From line below is a rule, not a forward
            "Hello\n________________________________\nSignature\n",
        ]
    )
    func noForward(text: String) throws {
        let forwarded = ForwardedMessage.read(try Self.mail(text))
        #expect(forwarded == nil, "\(String(describing: forwarded?.from))")
    }

    @Test("the From is read as a From header is: an encoded word in an address stays those characters (RFC 2047 §5)")
    func encodedWordAddressIsLiteral() throws {
        let text = "---------- Forwarded message ---------\nFrom: =?utf-8?B?aXZhbkBleGFtcGxlLnJ1?=\n\nHi\n"
        let literal = "---------- Forwarded message ---------\nFrom: =?utf-8?B?aXZhbg==?=@example.ru\n\nHi\n"
        #expect(ForwardedMessage.read(try Self.mail(text)) == nil)
        #expect(ForwardedMessage.read(try Self.mail(literal))?.from.address == "=?utf-8?B?aXZhbg==?=@example.ru")
    }

    @Test("only the first forward block counts: a block inside the forwarded text is its history")
    func firstBlockOnly() throws {
        // Given a forward of a mail that itself holds a forward from someone else
        let text = """
            Note.

            ---------- Forwarded message ---------
            From: Ivan <ivan@example.ru>
            Subject: First

            Ivan's text.

            ---------- Forwarded message ---------
            From: Mallory <m@evil.test>
            Subject: Second

            Older.
            """
        // Then the original is Ivan's, and its text keeps the older block
        let forwarded = try #require(ForwardedMessage.read(try Self.mail(text)))
        #expect(forwarded.from.address == "ivan@example.ru")
        #expect(forwarded.subject == "First")
        #expect(forwarded.text.hasPrefix("Ivan's text.\n\n---------- Forwarded message"))
        #expect(forwarded.note == "Note.")
    }

    @Test("when the first block's From is refused, a later block is not used instead")
    func refusedFirstBlockIsFinal() throws {
        let text = """
            ---------- Forwarded message ---------
            From: Someone

            ---------- Forwarded message ---------
            From: Mallory <m@evil.test>

            Hi
            """
        #expect(ForwardedMessage.read(try Self.mail(text)) == nil)
    }

    @Test("a wrapped header line continues the previous one; subjects lose their controls")
    func wrappedHeaders() throws {
        let text =
            "-------- Forwarded Message --------\nSubject: \tA long\n  subject\u{7}\nFrom: \tIvan <ivan@example.ru>\n\nBody"
        let forwarded = try #require(ForwardedMessage.read(try Self.mail(text)))
        #expect(forwarded.subject == "A long subject")
        #expect(forwarded.text == "Body")
        #expect(forwarded.note == "")
    }

    @Test("an attached message is parsed with the given parser's limits")
    func attachedMessageLimits() throws {
        // Given a forward-as-attachment whose original is larger than a small limit
        let raw = try [UInt8](
            Data(contentsOf: Self.directory.appendingPathComponent("thunderbird-attached.eml")))
        let mail = try MailParser().parse(raw)
        // Then the original is read with the default limits, and refused above a tiny size limit
        #expect(ForwardedMessage.read(mail) != nil)
        #expect(ForwardedMessage.read(mail, parser: MailParser(limits: MailLimits(maxBytes: 100))) == nil)
    }
}
