import Foundation
import PostdeskCore
import PostdeskWorkflow
import Testing

/// Issue 9 point 4: automatic mail is never sent to an address that bounced for good, for a while, and never more
/// than the limit per sender.
@Suite struct BounceSuppressionTests {
    let h: WorkflowHarness

    /// Given ticket #1 from Ivan, acknowledged.
    init() async throws {
        h = try WorkflowHarness()
        _ = try await h.apply(mail(messageID: "c1@example.ru"))
        h.world.advance(by: 60)
    }

    /// The acknowledgement of #1, marked sent as the outbox service would.
    func ack() async throws -> String {
        let item = try #require(try await h.outbox(TicketNumber(1)).first)
        let now = h.world.now
        try await h.store.write { tx in try tx.markOutboxSent(item.id, at: now) }
        return item.item.messageID
    }

    func dsn(for messageID: String, recipients: [String], permanent: Bool, id: String) -> InboundMessage {
        mail(
            from: "MAILER-DAEMON@mx.example.ru", subject: "Undelivered Mail Returned to Sender", messageID: id,
            automatic: AutomaticMail(kind: .bounce, reason: "delivery status 5.1.1 for ivan@example.ru"),
            hints: ThreadHints(
                bouncedMessageID: messageID, bouncedRecipients: recipients, bouncePermanent: permanent))
    }

    @Test("a permanent bounce of our acknowledgement holds automatic mail to that address back, shown on the ticket")
    func permanentBounce() async throws {
        // When the acknowledgement bounces for good
        _ = try await h.apply(dsn(for: try await ack(), recipients: ["Ivan@example.ru"], permanent: true, id: "d1@mx"))

        // Then the ticket says so, and Ivan's next new ticket gets no acknowledgement, with the reason
        let event = try #require(try await h.events(TicketNumber(1)).last)
        #expect(event.kind == "address.suppressed" && event.detail.contains("ivan@example.ru"))
        _ = try await h.apply(mail(subject: "again", messageID: "c2@example.ru"))
        #expect(try await h.outbox(TicketNumber(2)).filter { $0.item.template == "ticket_created" }.isEmpty)
        #expect(try await h.events(TicketNumber(2)).contains { $0.detail.contains("bounced permanently") })

        // And after the suppression period it is lifted
        h.world.advance(by: 31 * 86400)
        _ = try await h.apply(mail(subject: "later", messageID: "c3@example.ru"))
        #expect(try await h.outbox(TicketNumber(3)).count == 1)
    }

    @Test(
        "a transient bounce, a bounce naming someone else, or of a Message-ID that is not ours suppresses nothing",
        arguments: [
            (true, ["someone@else.test"], true), (false, ["ivan@example.ru"], true), (true, ["ivan@example.ru"], false),
        ])
    func noSuppression(permanent: Bool, recipients: [String], ours: Bool) async throws {
        let id = ours ? try await ack() : "forged@anywhere.test"
        _ = try await h.apply(dsn(for: id, recipients: recipients, permanent: permanent, id: "d2@mx"))
        // (a DSN about a Message-ID that is not ours is just a mail: it may open a ticket of its own)
        guard case .created(let again) = try await h.apply(mail(subject: "again", messageID: "c2@example.ru")) else {
            Issue.record("no new ticket")
            return
        }
        #expect(try await h.outbox(again).count == 1)
    }

    @Test("twenty new tickets from one sender in a minute get at most the limit of acknowledgements")
    func twentyInAMinute() async throws {
        for index in 0..<20 {
            _ = try await h.apply(mail(from: "flood@example.ru", subject: "n\(index)", messageID: "f\(index)@x"))
            h.world.advance(by: 3)
        }
        let acks = try await h.store.read { q in try q.automaticMailCount(to: "flood@example.ru", since: .distantPast) }
        #expect(acks == 10)
    }

    @Test("a DSN about a mail never sent, or weeks old, suppresses nothing; a repeated DSN never extends a suppression")
    func forgedOrRepeated() async throws {
        // A mail still queued (the relay never had it) cannot have bounced
        let queued = try #require(try await h.outbox(TicketNumber(1)).first).item.messageID
        _ = try await h.apply(dsn(for: queued, recipients: ["ivan@example.ru"], permanent: true, id: "d0@mx"))
        #expect(!(try await h.events(TicketNumber(1)).contains { $0.kind == "address.suppressed" }))

        // A real one suppresses until a date; the same DSN again a week later does not move that date
        let id = try await ack()
        _ = try await h.apply(dsn(for: id, recipients: ["ivan@example.ru"], permanent: true, id: "d1@mx"))
        let first = try await h.store.read { q in try q.suppression(of: "ivan@example.ru", at: Date.distantPast) }
        h.world.advance(by: 8 * 86400)
        _ = try await h.apply(dsn(for: id, recipients: ["ivan@example.ru"], permanent: true, id: "d2@mx"))
        let second = try await h.store.read { q in try q.suppression(of: "ivan@example.ru", at: Date.distantPast) }
        #expect(first != nil && first?.until == second?.until)
        #expect(try await h.events(TicketNumber(1)).filter { $0.kind == "address.suppressed" }.count == 1)
    }
}
