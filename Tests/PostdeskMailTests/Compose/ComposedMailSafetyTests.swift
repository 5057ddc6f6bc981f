import Foundation
import PostdeskMail
import Testing

/// Issue 7 §1: every header value we compose is encoded so it cannot start a new header line, and a value that is
/// written as it is (address, Message-ID, extra field) is refused when it would.
@Suite struct ComposedMailSafetyTests {
    private func mail(
        to: String = "ivan@example.ru", toName: String? = nil, subject: String = "Hello",
        messageID: String = "m1@example.test", inReplyTo: String? = nil, references: [String] = [],
        extra: [(name: String, value: String)] = []
    ) -> ComposedMail {
        ComposedMail(
            from: MailAddress(name: "Support", address: "support@example.test"),
            to: [MailAddress(name: toName, address: to)], replyTo: nil, subject: subject, messageID: messageID,
            inReplyTo: inReplyTo, references: references, date: Date(timeIntervalSince1970: 1_700_000_000),
            text: "Hi.\n", html: nil, extraHeaders: extra)
    }

    private func headerLines(_ raw: [UInt8]) -> [String] {
        Array(String(decoding: raw, as: UTF8.self).components(separatedBy: "\r\n").prefix { !$0.isEmpty })
    }

    @Test(
        "an address that is not a plain addr-spec is refused, whatever field it is in",
        arguments: [
            "a@x.test\r\nBcc: victim@y.test", "a@x.test>\r\nRCPT TO:<b@y.test", "a b@x.test", "a@x.test, b@y.test",
            "<a@x.test>", "",
        ])
    func refusesAddress(_ address: String) {
        #expect(throws: ComposeError.self) { try mail(to: address).render() }
    }

    @Test(
        "a Message-ID that could end its brackets or its line is refused",
        arguments: ["a b@x.test", "a@x.test>\r\nBcc: v@y.test", "a\r\n@x", "<a@x>", ""])
    func refusesMessageID(_ id: String) {
        #expect(throws: ComposeError.self) { try mail(messageID: id).render() }
        #expect(throws: ComposeError.self) { try mail(inReplyTo: id).render() }
        #expect(throws: ComposeError.self) { try mail(references: ["ok@x.test", id]).render() }
    }

    @Test("an extra field must be one line of printable ASCII with an ftext name")
    func refusesExtraField() {
        #expect(throws: ComposeError.self) { try mail(extra: [("X-A", "1\r\nBcc: v@y.test")]).render() }
        #expect(throws: ComposeError.self) { try mail(extra: [("X-A: 1\r\nBcc", "v@y.test")]).render() }
        #expect(throws: Never.self) { try mail(extra: [("X-Postdesk-Ticket", "12")]).render() }
    }

    @Test("names and subjects with line breaks and controls stay inside their own field")
    func encodesNamesAndSubjects() throws {
        // Given a name and a subject full of line breaks, C1 controls and separators
        let raw = try mail(
            toName: "Eve\r\nBcc: victim@y.test\u{85}\u{2028}", subject: "Hi\r\nBcc: victim@y.test\nX-Evil:\u{0} 1"
        ).render()

        // Then the header block has exactly the fields we wrote, each line starting a field or folding one
        let lines = headerLines(raw)
        let names = lines.filter { !$0.hasPrefix(" ") }.map { String($0.prefix { $0 != ":" }) }
        #expect(
            names == [
                "Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type",
                "Content-Transfer-Encoding",
            ])
        let parsed = try MailParser().parse(raw)
        #expect(parsed.to.map(\.address) == ["ivan@example.ru"])
        #expect(parsed.to.first?.name == "Eve Bcc: victim@y.test")
        #expect(parsed.subject == "Hi  Bcc: victim@y.test X-Evil:  1")
    }

    @Test("a long ASCII subject is folded at spaces and reads back unchanged; no line passes 78 columns")
    func foldsLongSubject() throws {
        let subject = (1...40).map { "word\($0)" }.joined(separator: " ")
        let raw = try mail(subject: subject).render()
        #expect(headerLines(raw).allSatisfy { $0.utf8.count <= 78 })
        #expect(try MailParser().parse(raw).subject == subject)
        let unbroken = String(repeating: "x", count: 3000)
        let long = try mail(subject: unbroken).render()
        #expect(headerLines(long).allSatisfy { $0.utf8.count <= 78 })
        #expect(try MailParser().parse(long).subject == unbroken)
    }
}
