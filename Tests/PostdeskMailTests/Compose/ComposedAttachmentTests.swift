import Foundation
import PostdeskCrypto
import PostdeskMail
import Testing

/// Attachments and inline images in composed mail: the MIME structure, and a round trip through our own parser that
/// gives back the same bytes, names and Content-IDs whatever the names hold.
@Suite struct ComposedAttachmentTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<3000).map { UInt8($0 % 251) }
    static let pdf: [UInt8] = Array("%PDF-1.4\n".utf8) + (0..<200_000).map { UInt8(($0 * 7919) % 256) }

    static func mail(html: String? = nil, attachments: [ComposedAttachment]) -> ComposedMail {
        ComposedMail(
            from: MailAddress(name: "Support", address: "support@example.test"),
            to: [MailAddress(name: nil, address: "ivan@example.ru")], replyTo: nil, subject: "Files",
            messageID: "m1@example.test", inReplyTo: nil, references: [],
            date: Date(timeIntervalSince1970: 1_700_000_000), text: "See attached.\n", html: html,
            attachments: attachments)
    }

    static func roundTrip(_ mail: ComposedMail) throws -> (raw: String, parsed: ParsedMail) {
        let raw = try mail.render()
        return (String(decoding: raw, as: UTF8.self), try MailParser().parse(raw))
    }

    static let logo = ComposedAttachment(
        filename: "logo.png", contentType: "image/png", bytes: png, contentID: "logo.1@example.test", isInline: true)
    static let invoice = ComposedAttachment(filename: "Счёт №17.pdf", contentType: "application/pdf", bytes: pdf)

    @Test(
        "the structure: text; alternative; related inside the alternative's HTML branch; mixed around it all",
        arguments: [
            (nil, [], "text/plain", [], 0),
            ("<p>Hi</p>", [], "multipart/alternative", [], 0),
            (nil, [invoice], "multipart/mixed", ["application/pdf"], 0),
            ("<p>Hi <img src=\"cid:logo.1@example.test\"></p>", [logo], "multipart/alternative", ["image/png"], 1),
            (
                "<p><img src=\"cid:logo.1@example.test\"></p>", [logo, invoice], "multipart/mixed",
                ["image/png", "application/pdf"], 1
            ),
            // Without HTML nothing can show an inline image: it is an ordinary attachment
            (nil, [logo], "multipart/mixed", ["image/png"], 0),
        ] as [(String?, [ComposedAttachment], String, [String], Int)]
    )
    func structure(html: String?, files: [ComposedAttachment], top: String, types: [String], inline: Int) throws {
        // (Compared by name: a failing case prints its arguments, and these hold whole files)
        let (raw, parsed) = try Self.roundTrip(Self.mail(html: html, attachments: files))
        let contentType = raw.components(separatedBy: "\r\n").first { $0.hasPrefix("Content-Type: ") }
        #expect(contentType?.hasPrefix("Content-Type: \(top)") == true)
        #expect(
            parsed.text.trimmingCharacters(in: .whitespacesAndNewlines) == "See attached.",
            "\(parsed.text.debugDescription)")
        #expect(parsed.html?.trimmingCharacters(in: .whitespacesAndNewlines) == html)
        #expect(parsed.attachments.map(\.contentType) == types)
        #expect(parsed.attachments.filter(\.inline).count == inline)
        #expect(raw.contains("multipart/related") == (inline > 0))
    }

    @Test("bytes come back identical (SHA-256), in base64 lines of 76 columns")
    func bytesAndLines() throws {
        let (raw, parsed) = try Self.roundTrip(
            Self.mail(html: "<img src=\"cid:logo.1@example.test\">", attachments: [Self.logo, Self.invoice]))
        #expect(parsed.attachments.map(\.sha256) == [SHA256.hex(Self.png), SHA256.hex(Self.pdf)])
        #expect(parsed.attachments.map(\.size) == [Self.png.count, Self.pdf.count])
        let lines = raw.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(lines.filter { $0.utf8.count == 76 }.count > 3000)
        #expect(parsed.warnings.isEmpty)
    }

    @Test(
        "file names come back as they were, non-ASCII as RFC 2231 filename* plus an RFC 2047 name",
        arguments: [
            ("report.pdf", "report.pdf"),
            (
                "Счёт №17 за март 2025 года — исправленный вариант с печатью и подписью.pdf",
                "Счёт №17 за март 2025 года — исправленный вариант с печатью и подписью.pdf"
            ),
            ("日本語のファイル.txt", "日本語のファイル.txt"),
            ("a name with spaces; and=signs (1).txt", "a name with spaces; and=signs (1).txt"),
            ("=?utf-8?B?ZXZpbA==?=.txt", "=?utf-8?B?ZXZpbA==?=.txt"),
            (
                String(repeating: "long-ascii-name-", count: 8) + ".csv",
                String(repeating: "long-ascii-name-", count: 8) + ".csv"
            ),
            // Quotes, backslashes and slashes would end the parameter or name a path
            ("say \"hi\"\\..\\..//etc/passwd", "say _hi__.._..__etc_passwd"),
            // Controls and line breaks cannot start a header
            ("evil.txt\r\nBcc: victim@example.test", "evil.txt  Bcc: victim@example.test"),
            ("\u{0}\u{7}", "attachment"),
            ("", "attachment"),
        ]
    )
    func filenames(given: String, expected: String) throws {
        let file = ComposedAttachment(filename: given, contentType: "text/plain", bytes: Array("x".utf8))
        let (raw, parsed) = try Self.roundTrip(Self.mail(attachments: [file]))
        #expect(parsed.attachments.first?.filename == expected)
        #expect(parsed.header("Bcc") == nil)
        let fileHeaders = raw.components(separatedBy: "\r\n").filter {
            $0.contains("filename") || $0.contains("name=")
        }
        #expect(!fileHeaders.isEmpty)
        #expect(!raw.contains("\r\nBcc:"))
        if given.unicodeScalars.contains(where: { !$0.isASCII }) {
            #expect(raw.contains("filename*=utf-8''") || raw.contains("filename*0*=utf-8''"))
            #expect(raw.contains("name=\"=?utf-8?B?"))
        }
    }

    @Test(
        "a content type that is not type/subtype of token characters is sent as application/octet-stream",
        arguments: [
            ("image/png", "image/png"), ("Application/PDF", "application/pdf"),
            ("text/plain; charset=utf-8", "application/octet-stream"), ("image", "application/octet-stream"),
            ("image/png\r\nBcc: victim@example.test", "application/octet-stream"),
            ("image/\"png\"", "application/octet-stream"), ("multipart/mixed", "application/octet-stream"),
            ("message/rfc822", "application/octet-stream"), ("", "application/octet-stream"),
            ("a/b/c", "application/octet-stream"), ("тип/подтип", "application/octet-stream"),
        ]
    )
    func contentTypes(given: String, expected: String) throws {
        let file = ComposedAttachment(filename: "f.bin", contentType: given, bytes: [1, 2, 3])
        let (raw, parsed) = try Self.roundTrip(Self.mail(attachments: [file]))
        #expect(parsed.attachments.map(\.contentType) == [expected])
        #expect(parsed.attachments.first?.data == [1, 2, 3])
        #expect(!raw.contains("\r\nBcc:"))
    }

    @Test(
        "a Content-ID that could not stand between angle brackets is refused",
        arguments: ["a b@x", "a@x>\r\nBcc: v@y", "<a@x>", "", "логотип@x", "a\r\n@x"]
    )
    func refusesContentID(_ id: String) {
        let file = ComposedAttachment(
            filename: "a.png", contentType: "image/png", bytes: [1], contentID: id, isInline: true)
        #expect(throws: ComposeError.self) { try Self.mail(html: "<p>x</p>", attachments: [file]).render() }
    }

    @Test("inline images keep their Content-ID and stay inline; attachments carry theirs too")
    func contentIDs() throws {
        let second = ComposedAttachment(
            filename: "chart.gif", contentType: "image/gif", bytes: [0x47, 0x49, 0x46], contentID: "chart@x.test",
            isInline: true)
        let (_, parsed) = try Self.roundTrip(
            Self.mail(
                html: "<img src=\"cid:logo.1@example.test\"><img src=\"cid:chart@x.test\">",
                attachments: [Self.logo, Self.invoice, second]))
        #expect(parsed.attachments.map(\.contentID) == ["logo.1@example.test", "chart@x.test", nil])
        #expect(parsed.attachments.map(\.inline) == [true, true, false])
    }

    @Test("a boundary never occurs in what it encloses, even when a file name spells it out")
    func boundaryChecked() throws {
        // Given the boundary the mail would get, written into a file name
        let plain = try Self.mail(html: "<p>x</p>", attachments: [Self.invoice]).render()
        let text = String(decoding: plain, as: UTF8.self)
        let boundaries = text.components(separatedBy: "boundary=\"").dropFirst().compactMap {
            $0.split(separator: "\"").first.map(String.init)
        }
        #expect(boundaries.count == 2)
        let trap = ComposedAttachment(
            filename: "--\(boundaries[0])", contentType: "text/plain", bytes: Array("x".utf8))
        // When it is composed with that file
        let (raw, parsed) = try Self.roundTrip(Self.mail(html: "<p>x</p>", attachments: [Self.invoice, trap]))
        // Then another boundary is chosen and the mail parses into the same parts
        #expect(raw.contains("filename=\"--\(boundaries[0])\""))
        #expect(!raw.contains("boundary=\"\(boundaries[0])\""))
        #expect(parsed.attachments.count == 2)
        #expect(parsed.attachments.last?.filename == trap.filename)
        #expect(parsed.html?.trimmingCharacters(in: .whitespacesAndNewlines) == "<p>x</p>")
    }

    @Test("rendering is byte-stable: the same mail gives the same bytes")
    func stable() throws {
        let mail = Self.mail(html: "<img src=\"cid:logo.1@example.test\">", attachments: [Self.logo, Self.invoice])
        #expect(try mail.render() == mail.render())
    }
}
