import Foundation
import PostdeskApp
import PostdeskCore
import Testing

/// `tickets list` and `tickets show N` without `--json`: for a person at a terminal, safe against hostile mail.
@Suite struct TicketTextTests {
    static let ticket = Ticket(
        id: TicketID(12), number: TicketNumber(12), subject: "Printer \u{1B}]0;pwned\u{07}on fire\u{202E}cod.exe",
        status: .open, priority: .high, team: "billing",
        customer: Person(name: "Иван\u{1B}[2J", address: "ivan@example.ru"), assignee: nil, tags: ["vip"],
        createdAt: Date(timeIntervalSince1970: 1_700_000_000.999),
        updatedAt: Date(timeIntervalSince1970: 1_700_000_060), messageCount: 1
    )

    static let message = TicketMessage(
        ticketID: TicketID(12), authorKind: .customer, author: ticket.customer, isInternal: false, via: .mail,
        text: "Hello\r\nquoted history", html: nil, reply: "Hello,\r\n\tit smokes.\u{9B}31m",
        messageIDHeader: "a@b", inboundID: nil,
        attachments: [
            AttachmentRef(
                filename: "photo.jpg", contentType: "image/jpeg", size: 2048, sha256: "ab", contentID: nil,
                isInline: false)
        ],
        createdAt: Date(timeIntervalSince1970: 1_700_000_030)
    )

    @Test("show prints the ticket, what each sender wrote now, attachments and events, never the portal token")
    func show() {
        let text = TicketText.render(
            Self.ticket, messages: [Self.message],
            events: [
                TicketEvent(
                    ticketID: TicketID(12), kind: "ticket.created", at: Self.ticket.createdAt, detail: "by mail")
            ])
        #expect(
            text == """
                #12 Printer \\u{1b}]0;pwned\\u{7}on fire\\u{202e}cod.exe
                status open, priority high, team billing, assignee none
                customer Иван\\u{1b}[2J <ivan@example.ru>
                tags vip
                created 2023-11-14T22:13:20Z, updated 2023-11-14T22:14:20Z

                --- 2023-11-14T22:13:50Z customer Иван\\u{1b}[2J <ivan@example.ru> via mail
                  Hello,
                  \tit smokes.\\u{9b}31m
                  [attachment photo.jpg, image/jpeg, 2048 bytes]

                events
                  2023-11-14T22:13:20Z ticket.created: by mail

                """)
        #expect(!text.contains("secret-token"))
    }

    @Test(
        "no control character from a mail reaches the terminal raw",
        arguments: Array(UInt32(0)..<0x20) + Array(UInt32(0x7F)...0x9F))
    func controlCharacters(value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        var ticket = Self.ticket
        ticket.subject = "a\(Character(scalar))b"
        let line = TicketText.line(ticket)
        // Only the three tabs that separate the columns
        #expect(line.unicodeScalars.filter { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }.count == 3)
        #expect(line.hasSuffix("a\\u{\(String(value, radix: 16))}b"))
    }
}
