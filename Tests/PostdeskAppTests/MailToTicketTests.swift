import Foundation
import PostdeskCore
import PostdeskMail
import Testing

/// ARCHITECTURE §2 end to end on the real mail stack: mail in, exactly one ticket out, acknowledgement back.
@Suite("Mail in, ticket out (real Dovecot/Postfix, real SQLite)", .serialized, .enabled(if: MailStack.isAvailable))
struct MailToTicketTests {
    let stack = MailStack.current!

    static let pdf = Data((0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).base64EncodedString(
        options: .lineLength76Characters)

    static func mails(to support: String, from customer: String) -> [(subject: String, raw: String)] {
        [
            (
                "Не работает принтер",
                """
                From: =?utf-8?B?0JjQstCw0L0g0J/QtdGC0YDQvtCy?= <\(customer)>
                To: \(support)
                Subject: =?utf-8?B?0J3QtSDRgNCw0LHQvtGC0LDQtdGCINC/0YDQuNC90YLQtdGA?=
                Message-ID: <utf8-\(UUID().uuidString)@example.test>
                Date: Mon, 23 Nov 2026 10:00:00 +0000
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                Добрый день! Принтер не печатает.
                """
            ),
            (
                "Счёт за ноябрь",
                """
                From: \(customer)
                To: \(support)
                Subject: =?koi8-r?B?896j1CDawSDOz9HC0tg=?=
                Message-ID: <koi8-\(UUID().uuidString)@example.test>
                Date: Mon, 23 Nov 2026 10:01:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="XYZ"

                --XYZ
                Content-Type: text/plain; charset=koi8-r
                Content-Transfer-Encoding: base64

                8MzB1KPWIM7FINDSz9ujzC4=
                --XYZ
                Content-Type: application/pdf; name="=?utf-8?Q?=D1=81=D1=87=D1=91=D1=82.pdf?="
                Content-Disposition: attachment; filename*=utf-8''%D1%81%D1%87%D1%91%D1%82.pdf
                Content-Transfer-Encoding: base64

                \(pdf)
                --XYZ--
                """
            ),
            (
                "Café déjà vu",
                """
                From: "Zoë Müller" <\(customer)>
                To: \(support)
                Subject: =?iso-8859-1?Q?Caf=E9_d=E9j=E0_vu?=
                Message-ID: <latin1-\(UUID().uuidString)@example.test>
                Date: Mon, 23 Nov 2026 10:02:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="alt"

                --alt
                Content-Type: text/plain; charset=iso-8859-1
                Content-Transfer-Encoding: quoted-printable

                Gr=FC=DFe aus K=F6ln
                --alt
                Content-Type: text/html; charset=iso-8859-1
                Content-Transfer-Encoding: quoted-printable

                <p>Gr=FC=DFe aus K=F6ln</p>
                --alt--
                """
            ),
            (
                "プリンター",
                """
                From: \(customer)
                To: \(support)
                Subject: =?ISO-2022-JP?B?GyRCJVclaiVzJT8hPBsoQg==?=
                Message-ID: <jis-\(UUID().uuidString)@example.test>
                Date: Mon, 23 Nov 2026 10:03:00 +0000
                MIME-Version: 1.0
                Content-Type: text/plain; charset=ISO-2022-JP
                Content-Transfer-Encoding: 7bit

                \u{1B}$B%W%j%s%?!<\u{1B}(B
                """
            ),
        ]
    }

    @Test("mixed-charset mails with attachments become exactly one ticket each, acknowledged once")
    func mixedCharsets() async throws {
        // Given a support mailbox and a customer
        let desk = try await TestDesk(stack: stack)
        defer { desk.cleanUp() }
        let customer = try stack.newUser("customer")
        let mails = Self.mails(to: desk.support, from: customer)

        // When the mails arrive and Postdesk polls (twice: the second poll must change nothing)
        for mail in mails { try await stack.deliver(mail.raw, from: customer, to: [desk.support]) }
        try await desk.ingest(expecting: mails.count)
        try await desk.poller.drain()
        try await desk.sendOutbox()

        // Then there is one ticket per mail, with the decoded subject and the attachment stored
        let tickets = try await desk.tickets()
        #expect(tickets.count == mails.count)
        #expect(Set(tickets.map(\.subject)) == Set(mails.map(\.subject)))
        let invoice = try #require(tickets.first { $0.subject == "Счёт за ноябрь" })
        let attachments = try await desk.messages(invoice.number).flatMap(\.attachments)
        #expect(attachments.map(\.filename) == ["счёт.pdf"])
        #expect(attachments.first?.size == 4000)
        let blob = try desk.postdesk.blobs.get(sha256: try #require(attachments.first?.sha256))
        #expect(blob?.count == 4000)
        #expect(try await desk.messages(invoice.number).first?.text.contains("Платёж не прошёл") == true)

        // And the customer holds one acknowledgement per ticket, tagged [#N]
        let acks = try await stack.waitForInbox(of: customer, count: mails.count)
        #expect(acks.count == mails.count)
        let subjects = try acks.map { try MailParser().parse($0.raw).subject ?? "" }
        for ticket in tickets {
            #expect(
                subjects.contains { $0.contains("[#\(ticket.number)]") && $0.contains(ticket.subject) }, "\(subjects)")
        }
    }
}
