import Foundation
import PostdeskMail
import Testing

/// Issue 7 §1: what the parser reads from a header can never become a second header line or another recipient of
/// ours. Addresses are addr-specs or nothing (RFC 2047 §5: no encoded words inside one); names, subjects and ids have
/// no line breaks.
@Suite struct HeaderInjectionTests {
    private func parse(_ headers: String...) throws -> ParsedMail {
        try MailParser().parse(Array((headers.joined(separator: "\r\n") + "\r\n\r\nHello.\r\n").utf8))
    }

    private func word(_ text: String) -> String {
        "=?utf-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    @Test("an encoded word that decodes to an address with CR LF Bcc is no address")
    func encodedAddressIsNotDecoded() throws {
        // Given a From whose encoded text would be `a@x.test\r\nBcc: victim@y.test`
        let mail = try parse("From: \(word("a@x.test\r\nBcc: victim@y.test"))", "Subject: hi")

        // Then no From address comes out of it, and the warning says why
        #expect(mail.from == nil)
        #expect(mail.warnings.contains { $0.contains("not a valid address") })
    }

    @Test("an encoded word in angle brackets is taken literally or refused, never decoded")
    func encodedWordInsideAngles() throws {
        let literal = try parse("From: Eve <\(word("a@x.test>\r\nRCPT TO:<b"))@y.test>")
        #expect(literal.from?.address == "\(word("a@x.test>\r\nRCPT TO:<b"))@y.test")
        #expect(literal.from?.address.contains("\r") == false)
        let noAt = try parse("From: Eve <\(word("a@x.test>\r\nRCPT TO:<b@y.test"))>")
        #expect(noAt.from == nil)
    }

    @Test("a display name with encoded CR LF keeps its words on one line")
    func nameWithLineBreaks() throws {
        let mail = try parse(
            "From: \(word("Eve\r\nBcc: victim@y.test")) <eve@x.test>",
            "To: \(word("A\u{0}B\u{85}C\u{2028}D")) <a@x.test>")
        #expect(mail.from?.address == "eve@x.test")
        #expect(mail.from?.name == "Eve Bcc: victim@y.test")
        #expect(mail.to.first?.name == "A B C D")
    }

    @Test("a subject with encoded line breaks and controls is one line")
    func subjectWithLineBreaks() throws {
        let mail = try parse("From: a@x.test", "Subject: \(word("Hi\r\nBcc: victim@y.test\u{0B}!"))")
        #expect(mail.subject == "Hi  Bcc: victim@y.test !")
    }

    @Test("Message-IDs with controls, spaces or brackets are not kept")
    func messageIDs() throws {
        let mail = try parse(
            "From: a@x.test", "Message-ID: <a\u{1}b@x.test>", "In-Reply-To: <ok@x.test> <b<c@x.test>",
            "References: <r1@x.test> <\u{7F}@x.test> <r2@x.test>")
        #expect(mail.messageID == nil)
        #expect(mail.inReplyTo == ["ok@x.test"])
        #expect(mail.references == ["r1@x.test", "r2@x.test"])
    }

    @Test(
        "addr-specs that real mail uses are accepted as written",
        arguments: [
            "ivan@example.ru", "first.last+tag@sub.example.co.uk", "o'hara@example.ie", "\"john doe\"@example.com",
            "john..doe@example.jp", "пользователь@пример.рф", "user@[192.0.2.1]", "x_y-z@my_host.example",
            "=?utf-8?B?YQ==?=@example.com", "Claudia.Shu@yahoo.com.",
        ])
    func acceptedAddresses(_ address: String) throws {
        #expect(try parse("From: Somebody <\(address)>").from?.address == address)
    }

    @Test(
        "anything else is no address",
        arguments: [
            "a b@example.com", "a@b@example.com", "a,b@example.com", "a@exa mple.com", "@example.com", "local@",
            "a@example..com", "a@.example.com", "a@example.com..", "\"a>b\"@example.com", "a@[1.2.3.4",
            "a\u{7F}@example.com",
            "a\u{85}@example.com", "no at sign", "a\u{200B}@example.com", "a\u{202E}b@example.com",
            "\u{FEFF}a@example.com", "a\u{3000}b@example.com", String(repeating: "a", count: 250) + "@example.com",
        ])
    func refusedAddresses(_ address: String) throws {
        let mail = try parse("From: Somebody <\(address)>")
        #expect(mail.from == nil || mail.from?.address.isEmpty == true, "\(mail.from?.address ?? "")")
    }
}

extension HeaderInjectionTests {
    @Test(
        "a quoted name with escaped quotes, brackets and commas is one name (RFC 5322 §3.2.4)",
        arguments: [
            (#""RCPT TO:<v@evil.test> \"@ :" <a@x.test>"#, #"RCPT TO:<v@evil.test> "@ :"#),
            (#""To: o@evil.test\" , \\" <a@x.test>"#, #"To: o@evil.test" , \"#),
        ])
    func escapedQuotesInNames(_ value: String, _ name: String) throws {
        let mail = try parse("From: a@x.test", "To: \(value)")
        #expect(mail.to.map(\.address) == ["a@x.test"])
        #expect(mail.to.first?.name == name)
    }
}
