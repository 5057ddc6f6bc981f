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
            try await find(mail(from: "anna@example.ru", hints: noToken))
                == .existing(annasTicket, reason: "In-Reply-To/References"))
    }

    @Test("References from someone who is not a confirmed participant match as a new participant, never as them")
    func referencesFromNonParticipant() async throws {
        // Ivan is a participant of #1 only; his subject tag for #1 does not outweigh References to Anna's mail
        let hints = ThreadHints(referencedMessageIDs: ["anna-1@example.ru"], subjectTag: TicketNumber(1))
        #expect(
            try await find(mail(from: "ivan@example.ru", hints: hints))
                == .newParticipant(annasTicket, reason: "In-Reply-To/References from a new participant"))
        #expect(
            try await find(
                mail(from: "mallory@evil.test", hints: ThreadHints(referencedMessageIDs: ["ivan-1@example.ru"])))
                == .newParticipant(ivansTicket, reason: "In-Reply-To/References from a new participant"))
    }

    @Test("a verified token needs no participant check: it was signed for the sender's own address")
    func tokenFromAnyAddress() async throws {
        #expect(
            try await find(mail(from: "petr@example.ru", hints: ThreadHints(verifiedToken: TicketNumber(1))))
                == .existing(ivansTicket, reason: "reply token"))
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
