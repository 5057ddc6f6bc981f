import Foundation
import Logging
import PostdeskCore
import PostdeskGateway
import Synchronization
import Testing

/// Issue 11 §1: outbox lanes send in parallel, each row once, and a relay error stays visible on its row.
@Suite struct OutboxLaneTests {
    /// A relay that takes a moment per mail, counts how many sends overlap, and refuses the recipients it is told to.
    final class SlowRelay: MailSender {
        struct State {
            var inFlight = 0
            var maxInFlight = 0
            var accepted: [String] = []
        }
        let state = Mutex(State())
        let refused: Set<String>

        init(refusing refused: Set<String> = []) {
            self.refused = refused
        }

        func send(_ mail: OutgoingMail) async throws {
            let recipient = mail.recipients.map(\.rawValue).joined(separator: ",")
            state.withLock {
                $0.inFlight += 1
                $0.maxInFlight = max($0.maxInFlight, $0.inFlight)
            }
            defer { state.withLock { $0.inFlight -= 1 } }
            try await Task.sleep(for: .milliseconds(5))
            if refused.contains(recipient) { throw RecordingMailSender.permanent }
            state.withLock { $0.accepted.append(recipient) }
        }
    }

    static func desk(customers: Int) async throws -> GatewayHarness {
        let h = try GatewayHarness()
        for n in 1...customers {
            _ = try await h.ingest(
                customerMail(from: "c\(n)@example.ru", subject: "Question \(n)", messageID: "q\(n)@example.ru"))
        }
        return h
    }

    static func service(_ h: GatewayHarness, relay: any MailSender, lanes: Int, batch: Int) async throws
        -> OutboxService
    {
        OutboxService(
            store: h.store, sender: relay, renderer: try await Templates.renderer(), environment: h.world.environment,
            envelopeFrom: "bounces@support.example.test", policy: RetryPolicy(giveUpAfter: 1), lanes: lanes,
            batchSize: batch, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    @Test(
        "every acknowledgement goes out exactly once, several at a time",
        arguments: [(lanes: 1, batch: 10), (lanes: 3, batch: 2), (lanes: 4, batch: 10)])
    func eachRowOnce(lanes: Int, batch: Int) async throws {
        // Given 30 new tickets, each with its acknowledgement queued
        let h = try await Self.desk(customers: 30)
        let relay = SlowRelay()
        let service = try await Self.service(h, relay: relay, lanes: lanes, batch: batch)

        // When all lanes drain the outbox
        let attempted = try await service.drainAll()

        // Then each customer got one mail, and the lanes overlapped (but never beyond their number)
        #expect(attempted == 30)
        let state = relay.state.withLock { $0 }
        #expect(state.accepted.sorted() == (1...30).map { "c\($0)@example.ru" }.sorted())
        #expect(state.maxInFlight <= lanes)
        if lanes > 1 { #expect(state.maxInFlight > 1) }
        // And every row is `sent`, with its `mail.sent` event
        for number in 1...30 {
            #expect(try await h.outbox(Int64(number)).map(\.state) == [.sent])
            #expect(try await h.events(Int64(number)).filter { $0.kind == "mail.sent" }.count == 1)
        }
        // And nothing is left to claim
        #expect(try await service.drainAll() == 0)
    }

    @Test("a lane's claim holds at most its byte allowance of mail, and at least one row")
    func claimCappedByBytes() async throws {
        // Given 3 acknowledgements queued, and a lane allowed 1 byte of mail per claim
        let h = try await Self.desk(customers: 3)
        let relay = SlowRelay()
        var service = try await Self.service(h, relay: relay, lanes: 1, batch: 10)
        service.maxBatchBytes = 1

        // When the lane drains the outbox
        let claims = [try await service.drainOnce(limit: 10), try await service.drainOnce(limit: 10)]

        // Then each claim took one row (each larger than the allowance alone), and both went out
        #expect(claims == [1, 1])
        #expect(relay.state.withLock { $0.accepted } == ["c1@example.ru", "c2@example.ru"])
        #expect(try await service.drainAll() == 1)
    }

    @Test("a relay refusal in one lane is recorded on its row and ticket; the other lanes carry on")
    func refusalVisible() async throws {
        // Given 12 tickets, and a relay that refuses customer 5 for good
        let h = try await Self.desk(customers: 12)
        let relay = SlowRelay(refusing: ["c5@example.ru"])
        let service = try await Self.service(h, relay: relay, lanes: 3, batch: 2)

        // When all lanes drain the outbox
        #expect(try await service.drainAll() == 12)

        // Then the refused row is `failed` with the relay's words, on the row and on its ticket
        let refusedNumber = Int64(5)
        let failed = try #require(try await h.outbox(refusedNumber).first)
        #expect(failed.state == .failed && failed.lastError?.contains("550") == true)
        #expect(try await h.events(refusedNumber).contains { $0.kind == "mail.failed" })
        // And the eleven others went out once each
        #expect(relay.state.withLock { $0.accepted.count } == 11)
        for number in Int64(1)...12 where number != refusedNumber {
            #expect(try await h.outbox(number).map(\.state) == [.sent])
        }
    }
}
