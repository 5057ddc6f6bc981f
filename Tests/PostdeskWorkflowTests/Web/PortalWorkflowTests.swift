import Foundation
import PostdeskCore
import PostdeskWorkflow
import Testing

/// Issue 10 point 1: customers answer and open tickets on the portal; each change is what their mail would make,
/// with `via: portal`, and nobody reaches another customer's ticket.
@Suite struct PortalWorkflowTests {
    let h: WorkflowHarness
    let one = TicketNumber(1)
    let ivan = Viewer.customer(Person(name: "Ivan", address: "IVAN@example.ru"), isDisabled: false)
    let olga = Viewer.customer(Person(name: "Olga", address: "olga@example.ru"), isDisabled: false)

    /// Given Anna in team support and ticket #1 from Ivan through support@, answered by Anna (pending).
    init() async throws {
        h = try WorkflowHarness()
        try await Self.seed(h)
    }

    static func seed(_ h: WorkflowHarness) async throws {
        let one = TicketNumber(1)
        let anna = try await h.addOperator("anna@example.test", name: "Anna", teams: ["support"])
        _ = try await h.apply(mail(messageID: "c1@example.ru", mailbox: WorkflowHarness.support))
        h.world.advance(by: 60)
        _ = try await h.console().perform(.reply(text: "Restart it.", files: []), on: one, by: anna.id, in: h.store)
        h.world.advance(by: 60)
    }

    func file(_ name: String, _ size: Int = 3) -> Upload {
        Upload(filename: name, contentType: "image/png", bytes: Array(repeating: 7, count: size))
    }

    @Test("a customer's portal reply is stored with its files, reopens the ticket and runs the rules as a mail does")
    func reply() async throws {
        let blobs = MemoryBlobStore()
        let passes = try await h.evaluations(one).count

        let ticket = try await h.portal(blobs: blobs).reply(
            "Still burning.", files: [file("photo.png")], on: one, as: ivan, in: h.store)

        #expect(ticket.status == .open)
        let message = try #require(try await h.messages(one).last)
        #expect(message.via == .portal && message.authorKind == .customer && !message.isInternal)
        #expect(message.author?.address == "ivan@example.ru" && message.text == "Still burning.")
        #expect(message.attachments.map(\.filename) == ["photo.png"] && message.attachments.first?.size == 3)
        #expect(blobs.count == 1)
        let details = try await h.events(one).suffix(3).map { "\($0.kind): \($0.detail)" }
        #expect(details.contains("message.received: message from the customer, via portal"))
        #expect(details.contains("status.changed: pending → open"))
        #expect(try await h.evaluations(one).count > passes)
        // The team hears of it as of a mail (the ticket is unassigned)
        #expect(
            try await h.outbox(one, template: "operator_customer_reply").map(\.item.recipient.address) == [
                "anna@example.test"
            ])
    }

    @Test("a portal reply queues exactly the outbox rows the same reply by mail queues, and logs the same events")
    func replyMatchesMail() async throws {
        // Given the same desk twice
        let byMail = try WorkflowHarness()
        try await Self.seed(byMail)
        let before = try await h.outbox(one).count

        // When Ivan answers by mail on one and on the portal on the other
        _ = try await byMail.apply(
            mail(
                subject: "Re: [#1] Printer on fire", text: "Still burning.", messageID: "c2@example.ru",
                hints: ThreadHints(referencedMessageIDs: ["c1@example.ru"]), mailbox: WorkflowHarness.support))
        _ = try await h.portal().reply("Still burning.", files: [], on: one, as: ivan, in: h.store)

        // Then the same mail leaves, field for field, and the ticket's log has the same kinds of events
        let mailed = try await byMail.outbox(one).dropFirst(before).map(OutboxRow.init)
        let posted = try await h.outbox(one).dropFirst(before).map(OutboxRow.init)
        #expect(!posted.isEmpty && posted == mailed)
        let kinds = try await h.events(one).map(\.kind)
        let mailedKinds = try await byMail.events(one).map(\.kind)
        #expect(kinds == mailedKinds)
    }

    @Test("the holder of the ticket's mailed link may answer that ticket")
    func linkHolder() async throws {
        let ticket = try await h.portal().reply(
            "Thanks", files: [], on: one, as: .portalLink(TicketID(1)), in: h.store)
        #expect(try await h.messages(one).last?.author?.address == "ivan@example.ru")
        #expect(ticket.status == .open)
    }

    @Test("another customer cannot reply to Ivan's ticket: a typed refusal, nothing written, no file stored")
    func otherCustomer() async throws {
        let blobs = MemoryBlobStore()
        let before = try await h.rowCounts()
        for viewer in [
            olga, .portalLink(TicketID(2)), .customer(Person(name: nil, address: "ivan@example.ru"), isDisabled: true),
        ] {
            do {
                _ = try await h.portal(blobs: blobs).reply(
                    "mine now", files: [file("x.png")], on: one, as: viewer, in: h.store)
                Issue.record("\(viewer) replied")
            } catch let error as WebActionError {
                #expect(error.code == .notYourTicket || error.code == .accountDisabled)
            }
        }
        #expect(try await h.rowCounts() == before)
        #expect(blobs.count == 0)
    }

    @Test("files over the mail limits are refused by count and by size, and nothing is written")
    func limits() async throws {
        let before = try await h.rowCounts()
        let portal = h.portal(limits: UploadLimits(maxFiles: 2, maxTotalBytes: 10))
        await #expect(throws: WebActionError(code: .tooManyFiles, message: "3 files; at most 2 may be sent at once")) {
            try await portal.reply("x", files: [file("a"), file("b"), file("c")], on: one, as: ivan, in: h.store)
        }
        do {
            _ = try await portal.reply("x", files: [file("a", 6), file("b", 5)], on: one, as: ivan, in: h.store)
            Issue.record("11 bytes passed a 10-byte limit")
        } catch let error as WebActionError {
            #expect(error.code == .fileTooLarge)
        }
        #expect(try await h.rowCounts() == before)
    }

    static let form = [
        FormField(
            name: "category", labelEN: "Category", labelRU: "Категория", kind: .choice, isRequired: true,
            choices: ["Billing", "Hardware"], position: 1),
        FormField(
            name: "order", labelEN: "Order number", labelRU: "Номер заказа", kind: .number, isRequired: false,
            position: 2),
        FormField(
            name: "since", labelEN: "Since", labelRU: "С какого дня", kind: .date, isRequired: false, position: 3),
        FormField(
            name: "urgent", labelEN: "Urgent", labelRU: "Срочно", kind: .checkbox, isRequired: false, position: 4),
        FormField(name: "shot", labelEN: "Screenshot", labelRU: "Снимок", kind: .file, isRequired: false, position: 5),
    ]

    func setForm() async throws {
        _ = try await h.store.write { tx in try tx.setFormFields(Self.form) }
    }

    @Test("a ticket opened through the form is created as a new mail's: acknowledgement, team, rules, values kept")
    func openTicket() async throws {
        try await setForm()
        let blobs = MemoryBlobStore()
        let submission = PortalTicketSubmission(
            subject: "Invoice\r\nBcc: x@evil.test", text: "Wrong amount <script>alert(1)</script>",
            values: ["category": "Billing", "order": "12,5", "since": "2023-11-01"],
            files: ["shot": file("screen.png")], attachments: [file("invoice.pdf", 4)])

        let ticket = try await h.portal(blobs: blobs).openTicket(submission, as: olga, language: "ru", in: h.store)

        #expect(ticket.number == TicketNumber(2) && ticket.team == "support" && ticket.mailbox == "support")
        #expect(ticket.subject == "Invoice  Bcc: x@evil.test" && ticket.customer.address == "olga@example.ru")
        let message = try #require(try await h.messages(ticket.number).first)
        #expect(message.via == .portal && message.authorKind == .customer)
        #expect(message.text == "Wrong amount <script>alert(1)</script>")
        #expect(message.attachments.map(\.filename) == ["screen.png", "invoice.pdf"] && blobs.count == 2)
        let values = try await h.store.read { q in try q.formValues(of: ticket.id) }
        #expect(
            values.map { "\($0.label)=\($0.value)" } == [
                "Category=Billing", "Order number=12.5", "Since=2023-11-01", "Urgent=no", "Screenshot=screen.png",
            ])
        #expect(
            try await h.events(ticket.number).first.map { "\($0.kind): \($0.detail)" } == "ticket.created: via portal")
        // The same mail as a new mail gets: an acknowledgement with a link, and the team's notification
        let ack = try #require(try await h.outbox(ticket.number, template: "ticket_created").first)
        #expect(ack.item.recipient.address == "olga@example.ru" && ack.item.language == "ru" && ack.item.isAutomatic)
        #expect(try h.model(ack).portalToken != nil)
        let fromMail = try await h.outbox(one).filter { $0.item.template != "operator_reply" }.map(\.item.template)
        #expect(try await h.outbox(ticket.number).map(\.item.template) == fromMail)
        let notice = try #require(try await h.outbox(ticket.number, template: "operator_new_ticket").first)
        #expect(try h.model(notice).body?.hasPrefix("Category: Billing\nOrder number: 12.5") == true)
        #expect(try await h.evaluations(ticket.number).count == 1)
    }

    @Test("an invalid form is refused field by field, and nothing is written")
    func invalidForm() async throws {
        try await setForm()
        let blobs = MemoryBlobStore()
        let before = try await h.rowCounts()
        do {
            _ = try await h.portal(blobs: blobs).openTicket(
                PortalTicketSubmission(
                    subject: "", text: "x", values: ["category": "Other", "order": "1e9", "role": "admin"],
                    files: ["shot": file("a.png")]), as: olga, in: h.store)
            Issue.record("an invalid form opened a ticket")
        } catch let error as WebActionError {
            #expect(error.code == .formInvalid)
            #expect(
                error.fieldErrors == [
                    FormFieldError(field: "subject", problem: .missing),
                    FormFieldError(field: "category", problem: .unknownChoice),
                    FormFieldError(field: "order", problem: .notANumber),
                    FormFieldError(field: "role", problem: .unknownField),
                ])
        }
        #expect(try await h.rowCounts() == before && blobs.count == 0)
    }

    @Test("only a signed-in, enabled customer opens tickets")
    func whoOpens() async throws {
        let submission = PortalTicketSubmission(subject: "Hi", text: "Hello", values: ["category": "Billing"])
        for (viewer, code) in [
            (Viewer.portalLink(TicketID(1)), WebActionError.Code.notYourTicket),
            (.customer(Person(name: nil, address: "olga@example.ru"), isDisabled: true), .accountDisabled),
        ] {
            await #expect(throws: WebActionError.self) {
                do { _ = try await h.portal().openTicket(submission, as: viewer, in: h.store) } catch let error
                    as WebActionError
                {
                    #expect(error.code == code)
                    throw error
                }
            }
        }
    }
}
