import Foundation
import PostdeskApp
import PostdeskCore
import PostdeskGateway

/// A desk on the real stack driven by hand: its pollers and outbox run when a test says so.
protocol PolledDesk {
    var postdesk: Postdesk { get }
    var pollers: [MailboxPoller] { get }
    var outbox: OutboxService { get }
}

extension PolledDesk {
    /// Polls until `count` inbound mails are in the ledger (within `timeout`), then sends everything due.
    func cycle(inbound count: Int, timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while try await inboundCount() < count {
            guard ContinuousClock.now < deadline else {
                throw TestFailure("only \(try await inboundCount()) mails")
            }
            for poller in pollers { try await poller.drain() }
            try await Task.sleep(for: .milliseconds(50))
        }
        while try await outbox.drainOnce() > 0 {}
    }

    /// Every mail in the inbound ledger, whatever became of it.
    func inboundCount() async throws -> Int {
        try await postdesk.store.read { q in
            try [InboundState.received, .processed, .ignored, .quarantined].reduce(0) {
                $0 + (try q.inboundCount(state: $1))
            }
        }
    }
}
