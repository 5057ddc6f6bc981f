import Foundation
import PostdeskCore
import PostdeskRules
import PostdeskWorkflow
import Testing

/// Issue 10 point 2: the console's actions go through the same core as an operator's mail — same checks, events,
/// relay, rules and watchers — each in one transaction, with the rights checked first.
@Suite struct ConsoleWorkflowTests {
    let h: WorkflowHarness
    let one = TicketNumber(1)
    var anna: OperatorAccount
    var boris: OperatorAccount
    var sergei: OperatorAccount

    /// Given Anna and Boris in team support, Sergei in sales, and ticket #1 from Ivan through support@.
    init() async throws {
        h = try WorkflowHarness()
        (anna, boris, sergei) = try await Self.seed(h)
    }

    static func seed(_ h: WorkflowHarness) async throws -> (OperatorAccount, OperatorAccount, OperatorAccount) {
        let anna = try await h.addOperator("anna@example.test", name: "Anna", teams: ["support"])
        let boris = try await h.addOperator("boris@example.test", name: "Boris", teams: ["support"])
        let sergei = try await h.addOperator("sergei@example.test", name: "Sergei", teams: ["sales"])
        _ = try await h.apply(mail(messageID: "c1@example.ru", mailbox: WorkflowHarness.support))
        h.world.advance(by: 60)
        return (anna, boris, sergei)
    }

    @discardableResult
    func act(_ action: ConsoleAction, by id: OperatorID? = nil, seeAllTeams: Bool = true) async throws -> Ticket {
        try await h.console(seeAllTeams: seeAllTeams).perform(action, on: one, by: id ?? anna.id, in: h.store)
    }

    func refusal(_ action: ConsoleAction, by id: OperatorID? = nil, seeAllTeams: Bool = true) async throws
        -> WebActionError?
    {
        do {
            try await act(action, by: id, seeAllTeams: seeAllTeams)
            return nil
        } catch let error as WebActionError {
            return error
        }
    }

    @Test("a console reply queues exactly the outbox rows the same reply by mail queues")
    func replyMatchesMail() async throws {
        // Given the same desk twice
        let byMail = try WorkflowHarness()
        let (mailAnna, _, _) = try await Self.seed(byMail)
        let before = try await h.outbox(one).count

        // When Anna answers by mail on one and in the console on the other
        _ = try await byMail.apply(
            mail(
                from: "anna@example.test", name: "Anna", subject: "Re: [#1] Printer on fire",
                text: "Please restart it.",
                messageID: "a1@example.test",
                hints: ThreadHints(operatorToken: OperatorTokenClaim(ticket: one, operatorID: mailAnna.id)),
                mailbox: WorkflowHarness.support))
        let ticket = try await act(.reply(text: "Please restart it.\r\n", files: []))

        // Then the rows are the same, field for field: template, thread, participants, model, From name, token
        let mailed = try await byMail.outbox(one).dropFirst(before).map(OutboxRow.init)
        let posted = try await h.outbox(one).dropFirst(before).map(OutboxRow.init)
        #expect(posted.map(\.template) == ["operator_reply"])
        #expect(posted == mailed)
        #expect(posted.first?.inReplyTo == "c1@example.ru" && posted.first?.fromName == "Anna")
        // And the message says where it came from; the ticket waits for the customer, as after a mailed reply
        let message = try #require(try await h.messages(one).last)
        #expect(message.via == .portal && message.authorKind == .operator && !message.isInternal)
        #expect(message.text == "Please restart it.")
        let mailedTicket = try await byMail.ticket(one)
        #expect(ticket.status == .pending && mailedTicket?.status == .pending)
        let kinds = try await h.events(one).map(\.kind)
        let mailedKinds = try await byMail.events(one).map(\.kind)
        #expect(kinds == mailedKinds)
        #expect(
            try await h.events(one).contains {
                $0.kind == "reply.sent"
                    && $0.detail == "reply by anna@example.test, in the console, relayed to 1 participant(s)"
            })
    }

    @Test("an internal note is stored with its file, marked internal, and mailed to no customer")
    func note() async throws {
        let blobs = MemoryBlobStore()
        let outboxBefore = try await h.outbox(one, template: "operator_reply").count
        _ = try await h.console(blobs: blobs).perform(
            .note(
                text: "VIP customer",
                files: [Upload(filename: "../../etc/passwd", contentType: "text/plain\r\nX: y", bytes: [1, 2])]),
            on: one, by: anna.id, in: h.store)

        let note = try #require(try await h.messages(one).last)
        #expect(note.isInternal && note.via == .portal && note.text == "VIP customer")
        #expect(note.attachments.map(\.filename) == ["passwd"])
        #expect(note.attachments.map(\.contentType) == ["application/octet-stream"])
        #expect(blobs.count == 1)
        #expect(try await h.outbox(one, template: "operator_reply").count == outboxBefore)
        #expect(try await h.ticket(one)?.status == .new)
        #expect(
            try await h.events(one).last { $0.kind == "note.added" }?.detail
                == "internal note by anna@example.test, in the console")
    }

    @Test("assigning, delegating and giving back to the team keep every step as an event and tell the assignee")
    func assignHistory() async throws {
        try await act(.assign(anna.id))
        try await act(.assign(boris.id))
        let ticket = try await act(.assign(nil))

        #expect(ticket.assigneeID == nil)
        #expect(
            try await h.events(one).filter { $0.kind == "assignee.changed" }.map(\.detail) == [
                "nobody → anna@example.test by anna@example.test, in the console",
                "anna@example.test → boris@example.test by anna@example.test, in the console",
                "boris@example.test → nobody by anna@example.test, in the console",
            ])
        // The actor is never told of her own change; Boris hears he got it
        #expect(
            try await h.outbox(one, template: "operator_assigned").map(\.item.recipient.address) == [
                "boris@example.test"
            ])
    }

    @Test("status, priority, team and tags: one event each, and the rules run on each change")
    func fields() async throws {
        // Given a rule that tags urgent tickets
        try await h.importRules([
            Rule(
                name: "Escalate urgent", on: [.priorityChanged], if: .field(.priority, .equals("urgent")),
                then: [.addTags(["escalated"])])
        ])
        let passes = try await h.evaluations(one).count

        try await act(.priority(.urgent))
        try await act(.status(.open))
        try await act(.team("sales"))
        let ticket = try await act(.tags(add: ["Printer", "printer"], remove: ["escalated"]))

        #expect(ticket.priority == .urgent && ticket.status == .open && ticket.team == "sales")
        #expect(ticket.tags == ["printer"])
        let details = try await h.events(one).map { "\($0.kind): \($0.detail)" }
        #expect(details.contains("priority.changed: normal → urgent by anna@example.test, in the console"))
        #expect(details.contains("tags.changed: added escalated by rule “Escalate urgent”"))
        #expect(details.contains("status.changed: new → open by anna@example.test"))
        #expect(details.contains("team.changed: support → sales by anna@example.test, in the console"))
        #expect(details.contains("tags.changed: removed escalated by anna@example.test, in the console"))
        #expect(try await h.evaluations(one).count > passes)
    }

    @Test(
        "a refused action writes nothing and says why, in the mail commands' words",
        arguments: [
            (ConsoleAction.team("nope"), WebActionError.Code.refused),
            (.tags(add: ["<b>bold</b>"], remove: []), .invalid),
            (.status(.new), .invalid),
            (.reply(text: " \r\n ", files: []), .invalid),
            (.reply(text: "see https://desk.test/console/tickets/1?k=abc", files: []), .refused),
            (.time(duration: "25h", workType: "consulting", date: nil), .invalid),
            (.time(duration: "30m", workType: "unknown", date: nil), .notFound),
            (.time(duration: "30m", workType: "consulting", date: "2023-02-29"), .invalid),
            (.assign(OperatorID(999)), .notFound),
        ])
    func refused(_ action: ConsoleAction, code: WebActionError.Code) async throws {
        try await addConsulting()
        let before = try await h.rowCounts()
        let error = try #require(try await refusal(action))
        #expect(error.code == code)
        #expect(try await h.rowCounts() == before)
    }

    @Test("a disabled assignee is refused with the reason #assign gives by mail")
    func disabledAssignee() async throws {
        let gone = try await h.addOperator("gone@example.test", teams: ["support"], disabled: true)
        let error = try await refusal(.assign(gone.id))
        #expect(error?.code == .refused && error?.reasons == ["operator gone@example.test is disabled"])
    }

    func addConsulting() async throws {
        let now = h.world.now
        _ = try await h.store.write { tx in
            try tx.addWorkTypePrice(
                name: "Consulting",
                price: WorkTypePrice(amount: Money(minorUnits: 300_000, currency: "RUB"), from: "2023-01-01"),
                at: now)
        }
    }

    @Test("a time entry names a work type and counts for today (UTC) unless a day is given")
    func time() async throws {
        try await addConsulting()
        try await act(.time(duration: "1h30m", workType: "consulting", date: nil))
        try await act(.time(duration: "45", workType: "CONSULTING", date: "2023-11-01"))

        let entries = try await h.timeEntries(one)
        #expect(entries.map(\.minutes) == [90, 45])
        #expect(entries.map(\.workType) == ["Consulting", "Consulting"])
        // 1_700_000_060 is 2023-11-14 22:14 UTC
        #expect(entries.map(\.date) == ["2023-11-14", "2023-11-01"])
        #expect(entries.allSatisfy { $0.via == .portal && $0.operatorID == anna.id })
        #expect(
            try await h.events(one).filter { $0.kind == "time.logged" }.map(\.detail) == [
                "90 min Consulting by anna@example.test, in the console",
                "45 min Consulting by anna@example.test, in the console",
            ])
    }

    @Test("an operator outside the ticket's team is refused when the admin says so, and only then")
    func outsideTeam() async throws {
        let before = try await h.rowCounts()
        let error = try await refusal(.note(text: "hi", files: []), by: sergei.id, seeAllTeams: false)
        #expect(error?.code == .outsideTeam)
        #expect(try await h.rowCounts() == before)
        // Nor may a ticket be delegated to him then
        #expect(try await refusal(.assign(sergei.id), seeAllTeams: false)?.code == .outsideTeam)

        // With the default setting he may act
        try await act(.note(text: "hi", files: []), by: sergei.id)
        #expect(try await h.messages(one).last?.author?.address == "sergei@example.test")
    }

    @Test("a disabled operator can do nothing")
    func disabledOperator() async throws {
        let gone = try await h.addOperator("gone@example.test", teams: ["support"], disabled: true)
        #expect(try await refusal(.status(.solved), by: gone.id)?.code == .accountDisabled)
    }

    @Test("a refusal of the assignee stores no file, however the files came")
    func filesNotStoredWhenRefused() async throws {
        let blobs = MemoryBlobStore()
        await #expect(throws: WebActionError.self) {
            try await h.console(seeAllTeams: false, blobs: blobs).perform(
                .note(text: "x", files: [Upload(filename: "a.txt", contentType: "text/plain", bytes: [1])]), on: one,
                by: sergei.id, in: h.store)
        }
        #expect(blobs.count == 0)
    }
}
