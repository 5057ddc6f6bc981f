import Foundation
import PostdeskCore
import Testing

@Suite struct ValueTests {
    @Test("typed IDs encode as their bare number")
    func typedIDsEncodeAsNumbers() throws {
        // Given a ticket number and a ticket ID
        let number = TicketNumber(12)
        // When they are encoded
        let json = String(decoding: try JSONEncoder().encode([number]), as: UTF8.self)
        // Then the raw value is wrapped in its key (Codable synthesis), and descriptions show the bare number
        #expect(json == #"[{"rawValue":12}]"#)
        #expect("\(TicketID(7))" == "7")
        #expect("\(OutboxID(3))" == "3")
        #expect(TicketNumber(2) < TicketNumber(10))
    }

    @Test("Person encodes a missing name as absent and round-trips")
    func personRoundTrip() throws {
        let person = Person(name: "Иван Петров", address: "ivan@example.ru")
        let decoded = try JSONDecoder().decode(Person.self, from: JSONEncoder().encode(person))
        #expect(decoded == person)
    }

    @Test("MailTransportError says whether a retry can help")
    func transportErrorDescription() {
        let transient = MailTransportError(code: .timedOut, message: "no answer in 30 s", isTransient: true)
        let permanent = MailTransportError(code: .rejected, message: "550 no such user", isTransient: false)
        #expect(transient.description == "timedOut: no answer in 30 s (transient)")
        #expect(permanent.description == "rejected: 550 no such user")
        #expect(transient.code == .timedOut)
        #expect(transient.code != .rejected)
    }

    @Test("thread hints default to knowing nothing")
    func threadHintsDefaults() {
        let hints = ThreadHints()
        #expect(hints.verifiedToken == nil)
        #expect(hints.forgedToken == false)
        #expect(hints.referencedMessageIDs.isEmpty)
        #expect(hints.subjectTag == nil)
        #expect(hints.bouncedMessageID == nil)
    }

    @Test("the live environment makes 26-character base32 tokens that differ")
    func liveRandomTokens() {
        let environment = WorldEnvironment.live
        let a = environment.randomToken()
        let b = environment.randomToken()
        #expect(a.count == 26)
        #expect(a.allSatisfy { "abcdefghijklmnopqrstuvwxyz234567".contains($0) })
        #expect(a != b)
    }
}
