import Foundation
import PostdeskCore
import Testing

/// STYLE habit 16: an `EmailAddress` cannot hold what would end an SMTP command or start a header line, so the
/// envelope (`OutgoingMail`) refuses anything else before a relay sees it.
@Suite struct EmailAddressTests {
    @Test(
        "plain addr-specs are addresses",
        arguments: [
            "ivan@example.ru", "first.last+t12-abc@sub.example.co.uk", "\"john doe\"@example.com",
            "пользователь@пример.рф", "\"a\\\"b\"@example.com",
        ])
    func accepted(_ text: String) {
        #expect(EmailAddress(text)?.rawValue == text)
    }

    @Test(
        "anything that could add a recipient or a header line is not",
        arguments: [
            "a@x.test>\r\nRCPT TO:<b@y.test", "a@x.test\r\nBcc: v@y.test", "a@x.test\n", "<a@x.test>", "a b@x.test",
            "a@x.test,b@y.test", "a@b@x.test", "@x.test", "a@", "", "a\u{0}@x.test", "a\u{85}@x.test",
            "a\u{2028}@x.test", "\"a\"b@x.test", String(repeating: "a", count: 250) + "@x.test",
            // look-alikes and hosts: zero-width space, BOM, bidi override, no-break space, domain literals
            "a\u{200B}@x.test", "\u{FEFF}a@x.test", "a\u{202E}b@x.test", "a\u{00A0}b@x.test", "user@[192.0.2.1]",
            "a@[IPv6:::1]", "a@x..test", "a@.x.test", "\"a\"@\"b\"@x.test",
        ])
    func refused(_ text: String) {
        #expect(EmailAddress(text) == nil)
    }

    @Test("an envelope from text refuses a hostile recipient or sender before anything is sent")
    func envelope() throws {
        #expect(throws: MailTransportError.self) {
            try OutgoingMail(envelopeFrom: "s@x.test", recipients: ["a@x.test>\r\nRCPT TO:<b@y.test"], raw: [])
        }
        #expect(throws: MailTransportError.self) {
            try OutgoingMail(envelopeFrom: "s@x.test>\r\nRCPT TO:<b@y.test", recipients: ["a@x.test"], raw: [])
        }
        let null = try OutgoingMail(envelopeFrom: "", recipients: ["a@x.test"], raw: [])
        #expect(null.envelopeFrom == nil && null.recipients.map(\.rawValue) == ["a@x.test"])
    }

    @Test("JSON carries the address as a plain string and refuses a hostile one")
    func codable() throws {
        let address = try #require(EmailAddress("ivan@example.ru"))
        let json = try JSONEncoder().encode([address])
        #expect(String(decoding: json, as: UTF8.self) == #"["ivan@example.ru"]"#)
        #expect(try JSONDecoder().decode([EmailAddress].self, from: json) == [address])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([EmailAddress].self, from: Data(#"["a@x.test\r\nBcc: v@y.test"]"#.utf8))
        }
    }
}
