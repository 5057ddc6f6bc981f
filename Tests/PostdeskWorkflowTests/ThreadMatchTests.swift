import Foundation
import PostdeskCore
import PostdeskWorkflow
import Testing

/// `ThreadMatch.find` is a pure read: it decides, the workflow acts.
@Suite struct ThreadMatchTests {
    let h: WorkflowHarness
    let ivansTicket: TicketID
    let annasTicket: TicketID

    /// Given #1 from Ivan and #2 from Anna.
    init() async throws {
        h = try WorkflowHarness()
        _ = try await h.apply(mail(from: "ivan@example.ru", messageID: "ivan-1@example.ru"))
        _ = try await h.apply(mail(from: "anna@example.ru", messageID: "anna-1@example.ru"))
        (ivansTicket, annasTicket) = try await h.store.read { q in
            (try q.ticket(number: TicketNumber(1))!.id, try q.ticket(number: TicketNumber(2))!.id)
        }
    }

    private func find(_ mail: InboundMessage) async throws -> ThreadMatch {
        try await h.store.read { q in try ThreadMatch.find(mail, in: q) }
    }

    @Test("the token is stronger than References, and References stronger than the subject tag")
    func strongestFirst() async throws {
        let all = ThreadHints(
            verifiedToken: TicketNumber(2), referencedMessageIDs: ["ivan-1@example.ru"],
            subjectTag: TicketNumber(1))
        #expect(
            try await find(mail(from: "anna@example.ru", hints: all)) == .existing(annasTicket, reason: "reply token"))

        let noToken = ThreadHints(referencedMessageIDs: ["anna-1@example.ru"], subjectTag: TicketNumber(1))
        #expect(
            try await find(mail(from: "ivan@example.ru", hints: noToken))
                == .existing(annasTicket, reason: "In-Reply-To/References"))
    }

    @Test("a tag naming a ticket that does not exist is no match")
    func tagOfMissingTicket() async throws {
        #expect(
            try await find(mail(hints: ThreadHints(subjectTag: TicketNumber(42))))
                == .newTicket(reason: "no thread reference"))
    }

    @Test("a stranger's tag opens a new ticket even when the token was forged too")
    func strangerTagAndForgedToken() async throws {
        let hints = ThreadHints(forgedToken: true, subjectTag: TicketNumber(1))
        #expect(
            try await find(mail(from: "anna@example.ru", hints: hints))
                == .newTicket(reason: "subject tag [#1] from a non-participant"))
    }
}
