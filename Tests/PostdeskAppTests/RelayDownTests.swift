import Foundation
import PostdeskCore
import PostdeskGateway
import Testing

/// The outbox while the relay is unreachable: mail waits, then goes out once each (ARCHITECTURE §2 step 9).
@Suite("Relay down", .serialized, .enabled(if: MailStack.isAvailable))
struct RelayDownTests {
    let stack = MailStack.current!

    @Test("with the SMTP relay down for a minute, acknowledgements wait and then all go out, once each")
    func relayDownForAMinute() async throws {
        // Given five customers whose mails are in, with acknowledgements queued
        let desk = try await TestDesk(stack: stack, retry: RetryPolicy(base: .seconds(1), cap: .seconds(4)))
        defer { desk.cleanUp() }
        var customers: [String] = []
        for n in 1...5 {
            let customer = try stack.newUser("waiting\(n)")
            customers.append(customer)
            try await stack.deliver(
                """
                From: \(customer)
                To: \(desk.support)
                Subject: Waiting \(n)
                Message-ID: <wait-\(n)-\(UUID().uuidString)@example.test>
                Date: Mon, 23 Nov 2026 10:00:00 +0000

                Hello.
                """, from: customer, to: [desk.support])
        }
        try await desk.ingest(expecting: customers.count)

        // When the relay refuses connections for a minute while the outbox keeps trying
        try stack.run("\(stack.scripts)/smtp-pause")
        var resumed = false
        defer { if !resumed { try? stack.run("\(stack.scripts)/smtp-resume") } }
        let downUntil = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < downUntil {
            try await desk.outbox.drainOnce()
            try await Task.sleep(for: .milliseconds(500))
        }
        let waiting = try await desk.postdesk.store.read { q in try q.outbox(state: .queued, limit: 100) }
        #expect(waiting.count == customers.count)
        #expect(waiting.allSatisfy { $0.attempts > 1 && $0.lastError != nil })

        // Then, once it is back, every acknowledgement goes out
        try stack.run("\(stack.scripts)/smtp-resume")
        resumed = true
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline,
            try await desk.postdesk.store.read({ q in try q.outbox(state: .sent, limit: 100).count }) < customers.count
        {
            try await desk.outbox.drainOnce()
            try await Task.sleep(for: .milliseconds(250))
        }
        let sent = try await desk.postdesk.store.read { q in try q.outbox(state: .sent, limit: 100) }
        #expect(sent.count == customers.count)

        // And each customer holds exactly one
        for customer in customers {
            let inbox = try await stack.waitForInbox(of: customer, count: 1)
            try await Task.sleep(for: .milliseconds(300))  // a second copy, if any, would land within this
            #expect(try await stack.inbox(of: customer).count == 1, "\(customer) \(inbox.count)")
        }
    }
}
