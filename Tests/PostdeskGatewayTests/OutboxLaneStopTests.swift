import Foundation
import Logging
import PostdeskCore
import PostdeskGateway
import ServiceLifecycle
import Synchronization
import Testing

/// Issue 11 review M1: a lane's failure stays its own, and stopping (cancellation or SIGTERM's graceful shutdown)
/// never turns a mail the relay accepted into `uncertain` nor sends another one.
@Suite struct OutboxLaneStopTests {
    /// A relay that accepts every mail, records its recipient, and runs `onSend` with the count after each send.
    final class HookedRelay: MailSender {
        let accepted = Mutex<[String]>([])
        let onSend: @Sendable (Int) async -> Void

        init(onSend: @escaping @Sendable (Int) async -> Void = { _ in }) {
            self.onSend = onSend
        }

        func send(_ mail: OutgoingMail) async throws {
            let count = accepted.withLock {
                $0.append(mail.recipients.map(\.rawValue).joined(separator: ","))
                return $0.count
            }
            await onSend(count)
        }
    }

    /// Holds what a relay's hook needs to stop the running service, set once the service runs.
    final class Stopper: Sendable {
        let task = Mutex<Task<Void, any Error>?>(nil)
        let group = Mutex<ServiceGroup?>(nil)
    }

    enum Stop: String, CaseIterable, CustomTestStringConvertible {
        case cancellation, gracefulShutdown
        var testDescription: String { rawValue }
    }

    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func service(store: any TicketStore, h: GatewayHarness, relay: any MailSender, lanes: Int, batch: Int)
        async throws -> OutboxService
    {
        OutboxService(
            store: store, sender: relay, renderer: try await Templates.renderer(), environment: h.world.environment,
            envelopeFrom: "bounces@support.example.test", interval: .milliseconds(5), lanes: lanes, batchSize: batch,
            logger: quiet)
    }

    /// Polls `condition` until it holds or 10 seconds pass.
    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    @Test(
        "the service stopping mid-batch: accepted mails end `sent`, unsent ones `queued`, none `uncertain`",
        arguments: Stop.allCases)
    func stopMidBatch(stop: Stop) async throws {
        // Given 5 acknowledgements queued, one lane claiming all 5 at once, and a relay during whose 2nd send the
        // service is told to stop
        let h = try await OutboxLaneTests.desk(customers: 5)
        let stopper = Stopper()
        let relay = HookedRelay { count in
            guard count == 2 else { return }
            switch stop {
            case .cancellation: stopper.task.withLock { $0 }?.cancel()
            case .gracefulShutdown:
                await stopper.group.withLock { $0 }?.triggerGracefulShutdown()
                // The group passes the signal on asynchronously: the send ends once the service has seen it.
                let deadline = ContinuousClock.now + .seconds(10)
                while !Task.isShuttingDownGracefully && ContinuousClock.now < deadline {
                    try? await Task.sleep(for: .milliseconds(1))
                }
            }
        }
        let service = try await Self.service(store: h.store, h: h, relay: relay, lanes: 1, batch: 10)

        // When the service runs until it stops
        switch stop {
        case .cancellation:
            let task = Task { try await service.run() }
            stopper.task.withLock { $0 = task }
            try await task.value
        case .gracefulShutdown:
            let group = ServiceGroup(services: [service], logger: Self.quiet)
            stopper.group.withLock { $0 = group }
            try await group.run()
        }

        // Then the relay got exactly the first two mails, and their rows are `sent` with their events
        #expect(relay.accepted.withLock { $0 } == ["c1@example.ru", "c2@example.ru"])
        for number in Int64(1)...2 {
            #expect(try await h.outbox(number).map(\.state) == [.sent])
            #expect(try await h.events(number).filter { $0.kind == "mail.sent" }.count == 1)
        }
        // And the three it never saw are `queued` again, their claim's attempt taken back, their bytes kept
        for number in Int64(3)...5 {
            let row = try #require(try await h.outbox(number).first)
            #expect(row.state == .queued && row.attempts == 0 && row.raw != nil)
        }
        // And nothing is left for the next start to call uncertain
        #expect(try await h.store.write { tx in try tx.recoverInterruptedOutbox() }.isEmpty)

        // When the outbox drains again, each of those three goes out once; nobody gets a second mail
        let next = try await Self.service(store: h.store, h: h, relay: relay, lanes: 1, batch: 10)
        #expect(try await next.drainAll() == 3)
        #expect(relay.accepted.withLock { $0 }.sorted() == (1...5).map { "c\($0)@example.ru" })
    }

    @Test("a lane whose claim fails logs it, pauses and goes on; the service keeps running", arguments: [1, 2])
    func claimFailureIsNotFatal(lanes: Int) async throws {
        // Given 4 acknowledgements queued, and a database that refuses the first claim (write 1 is the start's
        // recovery, write 2 the first claim)
        let h = try await OutboxLaneTests.desk(customers: 4)
        struct DatabaseLocked: Error {}
        let store = InterleavingStore(inner: h.store, before: 2) { throw DatabaseLocked() }
        let relay = HookedRelay()
        let service = try await Self.service(store: store, h: h, relay: relay, lanes: lanes, batch: 1)

        // When the service runs
        let running = Task { try await service.run() }

        // Then every mail still goes out once, and the service has not ended with the claim's error
        let allSent = try await Self.eventually {
            try await h.store.read { q in try q.outboxCount(state: .sent) } == 4
        }
        #expect(allSent)
        #expect(relay.accepted.withLock { $0 }.sorted() == (1...4).map { "c\($0)@example.ru" })
        running.cancel()
        let result = await running.result
        #expect(throws: Never.self) { try result.get() }
    }
}
