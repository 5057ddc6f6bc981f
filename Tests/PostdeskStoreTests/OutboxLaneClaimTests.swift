import Foundation
import PostdeskCore
import PostdeskStore
import Testing

/// Several outbox lanes claiming at once: each gets a small batch, and no row ever goes to two lanes.
@Suite struct OutboxLaneClaimTests {
    let db: TemporaryStore
    let ticket: TicketID

    init() async throws {
        db = try TemporaryStore()
        ticket = try await db.store.write { tx in try tx.seedTicket().id }
    }

    @Test(
        "lanes claiming concurrently split the rows: every row exactly once, no batch over its size",
        arguments: [(lanes: 2, batch: 1), (lanes: 4, batch: 5), (lanes: 8, batch: 10)])
    func concurrentClaims(lanes: Int, batch: Int) async throws {
        // Given 200 queued rows, all due
        let rows = 200
        let queued = try await db.store.write { [ticket] tx in
            try (1...rows).map { n in try tx.enqueue(Fixture.outbox(ticket: ticket, messageID: "lane-\(n)@x")) }
        }

        // When `lanes` tasks claim batches of `batch` until nothing is left
        let batches = try await withThrowingTaskGroup(of: [[OutboxID]].self) { group in
            for _ in 0..<lanes {
                group.addTask { [db] in
                    var mine: [[OutboxID]] = []
                    while case let claimed = try await db.store.write({ tx in
                        try tx.claimOutbox(now: Fixture.now, limit: batch)
                    }),
                        !claimed.isEmpty
                    {
                        #expect(claimed.allSatisfy { $0.state == .sending && $0.attempts == 1 })
                        mine.append(claimed.map(\.id))
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }

        // Then every row was claimed by exactly one lane, in batches of at most `batch`
        let claimed = batches.flatMap { $0 }
        #expect(claimed.count == rows)
        #expect(Set(claimed) == Set(queued))
        #expect(batches.allSatisfy { !$0.isEmpty && $0.count <= batch })
        // And all of them are `sending` in the store: a crash now leaves every one `uncertain`, none queued again
        let sending = try await db.store.read { q in try q.outbox(state: .sending, limit: 1000) }
        #expect(sending.count == rows)
        let recovered = try await db.store.write { tx in try tx.recoverInterruptedOutbox() }
        #expect(recovered.count == rows)
        #expect(try await db.store.write { tx in try tx.claimOutbox(now: Fixture.now, limit: 1000) }.isEmpty)
    }
}
