import Foundation
import PostdeskMail
import Testing

/// Malformed multipart shapes from the wild (issue 7 point 10): each keeps every attachment byte-exact and every
/// word of text. Built fresh here, in both storages; the golden fixtures hold one of each.
@Suite struct MultipartShapeTests {
    typealias Fidelity = AttachmentFidelityTests

    static func mail(_ head: String, _ tail: String = "", attachment: [UInt8], storage: Fidelity.Storage) -> [UInt8] {
        Fidelity.message(
            Fidelity.lines(head) + Fidelity.base64Lines(attachment) + Fidelity.lines(tail), storage: storage)
    }

    static let header = """
        From: Anna <anna@example.com>
        To: support@example.test
        Subject: Invoice question
        MIME-Version: 1.0
        """

    @Test(arguments: Fidelity.Storage.allCases)
    func innerAlternativeReusingTheOuterBoundaryKeepsTheAttachmentAfterIt(storage: Fidelity.Storage) throws {
        // Given a multipart/alternative that reuses its multipart/mixed parent's boundary, then a PDF
        let raw = Self.mail(
            """
            \(Self.header)
            Content-Type: multipart/mixed; boundary="same"

            --same
            Content-Type: multipart/alternative; boundary="same"

            --same
            Content-Type: text/plain; charset=utf-8

            Please check invoice 4711, the amount looks wrong.
            --same
            Content-Type: text/html; charset=utf-8

            <p>Please check <b>invoice 4711</b>, the amount looks wrong.</p>
            --same--

            --same
            Content-Type: application/pdf; name="invoice.pdf"
            Content-Transfer-Encoding: base64

            """, "--same--", attachment: Fidelity.pdf, storage: storage)
        // When it is parsed
        let mail = try MailParser().parse(raw)
        // Then the PDF is there byte for byte, the text is whole, and the warning names the real fault
        #expect(mail.attachments.map(\.filename) == ["invoice.pdf"])
        #expect(mail.attachments.first?.data == Fidelity.pdf)
        #expect(mail.attachments.first?.sha256 == Fidelity.pdfSHA256)
        #expect(mail.text == "Please check invoice 4711, the amount looks wrong.")
        #expect(mail.html == "<p>Please check <b>invoice 4711</b>, the amount looks wrong.</p>")
        #expect(!mail.warnings.contains { $0.contains("never found") })
        #expect(mail.warnings.contains { $0.contains("reuses its parent's boundary") })
    }

    @Test(arguments: Fidelity.Storage.allCases)
    func sameBoundaryThreeDeepStillClosesEachLevel(storage: Fidelity.Storage) throws {
        // Given mixed ⊃ related ⊃ alternative, all with one boundary, and an attachment after each close
        let raw = Self.mail(
            """
            \(Self.header)
            Content-Type: multipart/mixed; boundary="x"

            --x
            Content-Type: multipart/related; boundary="x"

            --x
            Content-Type: multipart/alternative; boundary="x"

            --x
            Content-Type: text/plain

            first words
            --x--
            --x
            Content-Type: text/plain; name="inner.txt"
            Content-Disposition: attachment

            inner file
            --x--
            --x
            Content-Type: application/pdf; name="outer.pdf"
            Content-Transfer-Encoding: base64

            """, "--x--", attachment: Fidelity.pdf, storage: storage)
        let mail = try MailParser().parse(raw)
        #expect(mail.text == "first words")
        #expect(mail.attachments.map(\.filename) == ["inner.txt", "outer.pdf"])
        #expect(mail.attachments.last?.data == Fidelity.pdf)
    }

    @Test(arguments: Fidelity.Storage.allCases)
    func closeDelimiterFollowedByMorePartsDoesNotEndTheBody(storage: Fidelity.Storage) throws {
        // Given a premature close delimiter with another part of the same boundary after it
        let raw = Self.mail(
            """
            \(Self.header)
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            Words before the stray close.
            --b--
            --b
            Content-Type: application/pdf; name="late.pdf"
            Content-Transfer-Encoding: base64

            """, "--b--", attachment: Fidelity.pdf, storage: storage)
        let mail = try MailParser().parse(raw)
        #expect(mail.text == "Words before the stray close.")
        #expect(mail.attachments.map(\.filename) == ["late.pdf"])
        #expect(mail.attachments.first?.data == Fidelity.pdf)
        #expect(mail.warnings.contains { $0.contains("close delimiter followed by more parts") })
    }

    @Test(
        arguments: Fidelity.Storage.allCases,
        ["boundary=\"declared-never-used\"", "charset=utf-8"])
    func missingBoundaryIsRecoveredFromTheFirstDelimiterLine(storage: Fidelity.Storage, parameters: String) throws {
        // Given a multipart whose declared boundary (or no boundary at all) never appears, split by another token
        let raw = Self.mail(
            """
            \(Self.header)
            Content-Type: multipart/mixed; \(parameters)

            This is a multi-part message in MIME format.

            ------=_NextPart_000_0012
            Content-Type: multipart/alternative; boundary="----=_NextPart_001_0013"

            ------=_NextPart_001_0013
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            Gr=C3=BC=C3=9Fe, the parcel arrived damaged.
            ------=_NextPart_001_0013
            Content-Type: text/html; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            <p style=3D"margin:0">Gr=C3=BC=C3=9Fe, the parcel arrived <b>damaged</b>.</p>
            ------=_NextPart_001_0013--

            ------=_NextPart_000_0012
            Content-Type: application/pdf; name="report.pdf"
            Content-Transfer-Encoding: base64

            """, "------=_NextPart_000_0012--", attachment: Fidelity.pdf, storage: storage)
        // When it is parsed
        let mail = try MailParser().parse(raw)
        // Then the text is the customer's words, not raw part headers or encoded HTML, and the PDF is exact
        #expect(mail.text == "Grüße, the parcel arrived damaged.")
        #expect(mail.html == "<p style=\"margin:0\">Grüße, the parcel arrived <b>damaged</b>.</p>")
        #expect(mail.attachments.map(\.filename) == ["report.pdf"])
        #expect(mail.attachments.first?.data == Fidelity.pdf)
        #expect(mail.attachments.first?.sha256 == Fidelity.pdfSHA256)
        #expect(
            mail.warnings.contains { $0.contains("split at the body's first delimiter line ------=_NextPart_000_0012") }
        )
    }

    @Test(
        "text lines that only look like delimiters are not taken for a boundary",
        arguments: [
            "Thanks\n-- \nJohn Smith\nPhone: 123",  // signature separator
            "Thanks\n-- John Smith\nPhone: 123",  // a dash and a name
            "Totals\n----------\nSum: 12",  // a ruler of dashes
            "Thanks\n--John\n\nsee you",  // no header line after it
            "My settings:\n--verbose\nLevel: 3",  // pasted options: not a Content- field after it
            // pasted options with a Content- line after them, but the body never closes `--verbose--`
            "Hi support, the server prints\n--verbose\nContent-Length: 42\n\nand then stops",
        ])
    func delimiterLookalikesStayText(body: String) throws {
        // Given a multipart without boundary whose text has delimiter-like lines
        let raw = Array("From: a@example.com\nContent-Type: multipart/mixed\n\n\(body)\n".utf8)
        // When it is parsed
        let mail = try MailParser().parse(raw)
        // Then it is read as text, as before: every line of it
        for line in body.split(separator: "\n") where line != "-- " {
            #expect(mail.text.contains(line), "\(line)")
        }
        #expect(mail.warnings.contains("multipart without boundary; read as text"))
    }
}
