import Foundation
import PostdeskMail
import Testing

/// `ComposedMail.render()`: RFC 5322 bytes that our own parser (and any other) reads back to the same values.
@Suite struct MailComposerTests {
    static let date = Date(timeIntervalSince1970: 1_700_000_000)

    static func mail(
        subject: String = "Hello", text: String = "Hi there.\n", html: String? = nil,
        fromName: String? = "Example Support",
        toName: String? = nil
    ) -> ComposedMail {
        ComposedMail(
            from: MailAddress(name: fromName, address: "support@example.test"),
            to: [MailAddress(name: toName, address: "ivan@example.ru")],
            replyTo: MailAddress(name: fromName, address: "support+t1-abc@example.test"),
            subject: subject, messageID: "m1@example.test", inReplyTo: "c1@example.ru",
            references: ["c0@example.ru", "c1@example.ru"], date: date, text: text, html: html,
            extraHeaders: [("Auto-Submitted", "auto-replied")]
        )
    }

    private func lines(_ raw: [UInt8]) -> [String] {
        String(decoding: raw, as: UTF8.self).components(separatedBy: "\r\n")
    }

    @Test("a plain ASCII mail renders byte for byte as expected")
    func golden() {
        let raw = String(decoding: Self.mail().renderChecked(), as: UTF8.self)
        let expected = [
            "Date: Tue, 14 Nov 2023 22:13:20 +0000",
            "From: \"Example Support\" <support@example.test>",
            "To: ivan@example.ru",
            "Reply-To: \"Example Support\" <support+t1-abc@example.test>",
            "Subject: Hello",
            "Message-ID: <m1@example.test>",
            "In-Reply-To: <c1@example.ru>",
            "References: <c0@example.ru>",
            " <c1@example.ru>",
            "Auto-Submitted: auto-replied",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "Hi there.",
            "",
            "",
        ].joined(separator: "\r\n")
        #expect(raw == expected)
    }

    @Test("every line ends in CRLF and no line is longer than 78 characters (RFC 5322 §2.1.1)")
    func lineDiscipline() {
        let long = String(repeating: "Съешь же ещё этих мягких французских булок, да выпей чаю. ", count: 6)
        let raw = Self.mail(subject: long, text: long + "\n" + long, html: "<p>\(long)</p>", toName: "Иван Петров")
            .renderChecked()
        for (index, byte) in raw.enumerated() where byte == 10 {
            #expect(index > 0 && raw[index - 1] == 13, "bare LF at byte \(index)")
        }
        for line in lines(raw) {
            #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII on the wire: \(line.prefix(40))…")
        }
        for line in lines(raw) {
            #expect(line.utf8.count <= 78, "line too long: \(line.prefix(40))…")
        }
    }

    @Test(
        "headers and bodies read back to what was composed",
        arguments: [
            ("Hello", "Hi there.\n"),
            ("Принтер горит — [#12]", "Здравствуйте!\n\nПринтер горит.\n"),
            (String(repeating: "ü", count: 100), "a=b\ttab \ntrailing space \n"),
            ("=?utf-8?B?looks encoded?=", String(repeating: "x", count: 200) + "\n"),
            ("日本語の件名 with ASCII", "line one\r\nline two\rline three\n"),
        ]
    )
    func roundTrip(subject: String, text: String) throws {
        let parsed = try MailParser().parse(
            Self.mail(subject: subject, text: text, toName: "Иван \"Ваня\" Петров").renderChecked())
        #expect(parsed.subject == subject)
        #expect(parsed.from == MailAddress(name: "Example Support", address: "support@example.test"))
        #expect(parsed.to == [MailAddress(name: "Иван \"Ваня\" Петров", address: "ivan@example.ru")])
        #expect(parsed.replyTo.map(\.address) == ["support+t1-abc@example.test"])
        #expect(parsed.messageID == "m1@example.test")
        #expect(parsed.inReplyTo == ["c1@example.ru"])
        #expect(parsed.references == ["c0@example.ru", "c1@example.ru"])
        #expect(parsed.date == Self.date)
        #expect(parsed.header("Auto-Submitted") == "auto-replied")
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        #expect(parsed.text.trimmingCharacters(in: .newlines) == normalized.trimmingCharacters(in: .newlines))
    }

    @Test("display names with quotes and backslashes are quoted-pair escaped (RFC 5322 §3.2.4)")
    func quotedDisplayName() throws {
        let raw = Self.mail(fromName: #"Support "Team" \ Ops"#).renderChecked()
        #expect(lines(raw).contains(#"From: "Support \"Team\" \\ Ops" <support@example.test>"#))
        let parsed = try MailParser().parse(raw)
        #expect(parsed.from?.name == #"Support "Team" \ Ops"#)
    }

    @Test("a header value cannot smuggle a second header field")
    func noHeaderInjection() throws {
        let raw = Self.mail(subject: "Hi\r\nBcc: victim@example.com", toName: "Eve\r\nX-Evil: 1").renderChecked()
        let headerSection = lines(raw).prefix { !$0.isEmpty }
        #expect(!headerSection.contains { $0.hasPrefix("Bcc:") || $0.hasPrefix("X-Evil:") })
    }

    @Test("an HTML alternative makes multipart/alternative with text first and a stable boundary")
    func multipartAlternative() throws {
        let mail = Self.mail(text: "Same ünïcode\n", html: "<p>Same <b>ünïcode</b></p>")
        let raw = mail.renderChecked()
        #expect(raw == mail.renderChecked())
        let text = String(decoding: raw, as: UTF8.self)
        let plain = try #require(text.range(of: "Content-Type: text/plain; charset=utf-8"))
        let rich = try #require(text.range(of: "Content-Type: text/html; charset=utf-8"))
        #expect(plain.lowerBound < rich.lowerBound)
        #expect(text.contains("Content-Type: multipart/alternative; boundary=\"=_postdesk_"))
        let parsed = try MailParser().parse(raw)
        #expect(parsed.text.trimmingCharacters(in: .newlines) == "Same ünïcode")
        #expect(parsed.html?.contains("<p>Same <b>ünïcode</b></p>") == true)
        #expect(parsed.attachments.isEmpty)
    }

    @Test("quoted-printable keeps trailing whitespace and '=' safe, with soft breaks before 76 columns")
    func quotedPrintableBody() {
        let raw = Self.mail(text: "ends with space \nends with tab\t\n1+1=2\n" + String(repeating: "y", count: 100))
            .renderChecked()
        let body = lines(raw).drop { !$0.isEmpty }.dropFirst()
        #expect(body.contains("ends with space=20"))
        #expect(body.contains("ends with tab=09"))
        #expect(body.contains("1+1=3D2"))
        #expect(body.allSatisfy { $0.utf8.count <= 76 })
        #expect(body.contains { $0.hasSuffix("=") && $0.hasPrefix("yyy") })
    }
}

extension ComposedMail {
    /// `render()` for a mail that must compose; a refusal fails the test.
    func renderChecked(sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8] {
        do {
            return try render()
        } catch {
            Issue.record(error, sourceLocation: sourceLocation)
            return []
        }
    }
}
