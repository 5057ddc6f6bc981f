import Foundation
import PostdeskCore
import PostdeskCrypto
import PostdeskGateway
import PostdeskMail
import PostdeskWorkflow
import Testing

/// Issue 8: the mails operators get, and the operator's reply as the customer gets it, rendered from the real
/// `MailTemplates/` and read back with our own parser.
@Suite struct OperatorMailRenderingTests {
    let h: GatewayHarness
    let renderer: MailRenderer
    static let date = Date(timeIntervalSince1970: 1_700_000_000)

    init() async throws {
        h = try GatewayHarness()
        renderer = try await MailRenderer.load(
            directory: Templates.directory, mailboxes: [GatewayHarness.mailbox], baseURL: "https://help.example.test",
            keys: GatewayHarness.keys, blobs: h.blobs)
    }

    func item(
        _ template: String, model: TicketMailModel, to recipient: Person, language: String = "en",
        fromName: String? = nil, replyToken: ReplyTokenSubject, automatic: Bool = true
    ) throws -> OutboxItem {
        OutboxItem(
            id: OutboxID(1),
            item: NewOutboxItem(
                ticketID: TicketID(7), template: template, language: language, recipient: recipient,
                messageID: "postdesk.x.7.abc@support.example.test", inReplyTo: "c1@example.ru",
                references: ["c1@example.ru"], model: try JSONEncoder().encode(model), isAutomatic: automatic,
                dueAt: Self.date, mailbox: "support", fromName: fromName, replyToken: replyToken),
            state: .sending, attempts: 1, raw: nil, lastError: nil)
    }

    @Test(
        "every operator template exists in English and Russian",
        arguments: [
            "operator_new_ticket", "operator_assigned", "operator_customer_reply", "operator_activity",
            "operator_reply", "command_refused",
        ])
    func templatesExist(template: String) {
        for language in ["en", "ru"] {
            #expect(renderer.library.getTemplate(named: "\(template)/\(language).text") != nil, "\(language)")
            #expect(renderer.library.getTemplate(named: "\(template)/\(language).subject") != nil, "\(language)")
        }
    }

    @Test("a notification carries the conversation with notes marked, the operator's own token, and no portal link")
    func notification() throws {
        let model = TicketMailModel(
            ticketNumber: 7, subject: "Printer", customerName: "Ivan", portalToken: nil, body: "It burns.",
            customerAddress: "ivan@example.ru", actorName: "Ivan", reason: "a new ticket of team support",
            status: "new", priority: "normal", team: "support",
            conversation: [
                ConversationEntry(
                    author: "Boris", authorKind: "operator", isInternal: true, text: "Check it", at: "t2"),
                ConversationEntry(
                    author: "Ivan", authorKind: "customer", isInternal: false, text: "It burns.", at: "t1"),
            ])
        for (language, marker) in [("en", "[INTERNAL NOTE]"), ("ru", "[ВНУТРЕННЯЯ ЗАМЕТКА]")] {
            let raw = try renderer.render(
                item(
                    "operator_new_ticket", model: model, to: Person(name: "Anna", address: "anna@example.test"),
                    language: language, replyToken: .operator(OperatorID(3))),
                date: Self.date)
            let parsed = try MailParser().parse(raw)
            let token = OperatorReplyToken.sign(ticketNumber: 7, operatorID: 3, keys: GatewayHarness.keys)
            #expect(parsed.replyTo.first?.address == token.address(on: GatewayHarness.supportAddress))
            #expect(parsed.text.contains("Boris \(marker)") && parsed.text.contains("It burns."))
            // And the console link is signed for that operator and that ticket, valid for a week from sending
            let link = ConsoleLink.sign(ticketNumber: 7, operatorID: 3, at: Self.date, keys: GatewayHarness.keys)
            #expect(parsed.text.contains("https://help.example.test/console/tickets/7?k=\(link.key)"))
            #expect(link.verifies(keys: GatewayHarness.keys, at: Self.date + ConsoleLink.lifetime - 1))
            #expect(!parsed.text.contains("/t/"))
            #expect(parsed.header("Auto-Submitted") == "auto-generated")
            #expect(parsed.subject?.contains("[#7]") == true)
        }
    }

    @Test("an operator's reply reaches the customer from the mailbox with the operator's name and files, inline kept")
    func relayedReply() throws {
        let pdf = [UInt8]((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let png = [UInt8]([0x89, 0x50, 0x4E, 0x47] + (0..<500).map { UInt8(truncatingIfNeeded: $0) })
        try h.blobs.put(pdf, sha256: SHA256.hex(pdf))
        try h.blobs.put(png, sha256: SHA256.hex(png))
        let model = TicketMailModel(
            ticketNumber: 7, subject: "Printer", customerName: "Ivan", portalToken: nil,
            body: "Please restart it.\n\nSee the manual.", actorName: "Anna Petrova",
            attachments: [
                AttachmentRef(
                    filename: "manual.pdf", contentType: "application/pdf", size: pdf.count, sha256: SHA256.hex(pdf),
                    contentID: nil, isInline: false),
                AttachmentRef(
                    filename: "screen.png", contentType: "image/png", size: png.count, sha256: SHA256.hex(png),
                    contentID: "img1@client.test", isInline: true),
            ])
        let raw = try renderer.render(
            item(
                "operator_reply", model: model, to: Person(name: "Ivan", address: "ivan@example.ru"),
                fromName: "Anna Petrova", replyToken: .recipient, automatic: false),
            date: Self.date)
        let parsed = try MailParser().parse(raw)
        #expect(parsed.from?.name == "Anna Petrova" && parsed.from?.address == GatewayHarness.supportAddress)
        #expect(parsed.header("Auto-Submitted") == nil)
        #expect(parsed.inReplyTo == ["c1@example.ru"])
        #expect(parsed.reply.contains("Please restart it.") && parsed.reply.contains("See the manual."))
        let files = Dictionary(uniqueKeysWithValues: parsed.attachments.map { ($0.filename ?? "", $0) })
        #expect(files["manual.pdf"]?.sha256 == SHA256.hex(pdf) && files["manual.pdf"]?.inline == false)
        #expect(files["screen.png"]?.sha256 == SHA256.hex(png) && files["screen.png"]?.inline == true)
        #expect(parsed.html?.contains("cid:img1@client.test") == true)
        let text = String(decoding: raw, as: UTF8.self)
        #expect(!text.contains("anna@") && !text.contains("+o7-"))
    }

    @Test("a refusal of a mail about no ticket has no [#0], no token, and names the line")
    func refusalWithoutTicket() throws {
        let model = TicketMailModel(
            ticketNumber: 0, subject: "Hello", customerName: nil, portalToken: nil,
            refusals: [CommandRefusal(line: "line 1: #requester x", reason: "#requester needs one plain address")])
        let raw = try renderer.render(
            item(
                "command_refused", model: model, to: Person(name: "Anna", address: "anna@example.test"),
                replyToken: .none),
            date: Self.date)
        let parsed = try MailParser().parse(raw)
        #expect(parsed.subject == "[Not applied] Hello")
        #expect(parsed.replyTo.isEmpty && parsed.header("X-Postdesk-Ticket") == nil)
        #expect(parsed.text.contains("line 1: #requester x") && parsed.text.contains("needs one plain address"))
        #expect(!parsed.text.contains("#0"))
    }

    @Test("a file missing from the blob store is a transient error: the reply waits, it never goes without it")
    func missingBlob() throws {
        let model = TicketMailModel(
            ticketNumber: 7, subject: "x", customerName: nil, portalToken: nil, body: "see file",
            attachments: [
                AttachmentRef(
                    filename: "a.pdf", contentType: "application/pdf", size: 1,
                    sha256: String(repeating: "0", count: 64),
                    contentID: nil, isInline: false)
            ])
        #expect(throws: MissingBlob.self) {
            try renderer.render(
                item(
                    "operator_reply", model: model, to: Person(name: nil, address: "i@example.ru"),
                    replyToken: .recipient),
                date: Self.date)
        }
    }
}
