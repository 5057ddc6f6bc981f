import Foundation
import PostdeskCore
import PostdeskStore
import Testing

/// The SLA area of the store (issue 9 point 5): a ticket's measured SLA, and timers that a scheduler leases and
/// fires exactly once, however many schedulers share the database.
@Suite struct SLAStoreTests {
    let db: TemporaryStore
    let ticket: TicketID

    init() async throws {
        db = try TemporaryStore()
        ticket = try await db.store.write { tx in try tx.seedTicket().id }
    }

    /// A timer of the test ticket `minutes` after `Fixture.now`.
    func timer(_ target: String, _ kind: String, minutes: Double) -> SLATimerEntry {
        let due = Fixture.now.addingTimeInterval(minutes * 60)
        return SLATimerEntry(
            id: "\(ticket.rawValue)/\(target)/\(kind)/\(Int64(due.timeIntervalSince1970))", ticketID: ticket,
            target: target, kind: kind, due: due)
    }

    func at(minutes: Double) -> Date { Fixture.now.addingTimeInterval(minutes * 60) }

    func schedule(_ timers: [SLATimerEntry]) async throws {
        try await db.store.write { [ticket] tx in try tx.replacePendingSLATimers(of: ticket, with: timers) }
    }

    func lease(_ owner: String, at minutes: Double, leaseMinutes: Double = 1, limit: Int = 10) async throws
        -> [String]
    {
        let now = at(minutes: minutes)
        let until = at(minutes: minutes + leaseMinutes)
        return try await db.store.write { tx in
            try tx.leaseDueSLATimers(owner: owner, now: now, until: until, limit: limit).map(\.id)
        }
    }

    func fire(_ id: String, by owner: String, at minutes: Double) async throws -> Bool {
        let now = at(minutes: minutes)
        return try await db.store.write { tx in try tx.markSLATimerFired(id: id, owner: owner, at: now) }
    }

    @Test("a ticket's SLA round-trips, nulls and target lists included, and nil removes it")
    func stateRoundTrip() async throws {
        // Given a measured SLA with a breach and a warning
        let sla = TicketSLA(
            policy: "urgent", firstResponseDue: at(minutes: 60), nextResponseDue: nil,
            resolutionDue: at(minutes: 960), breached: ["first_response"], warned: ["resolution"])

        // When it is stored, read, replaced and removed
        try await db.store.write { [ticket] tx in try tx.setSLAState(sla, of: ticket, at: Fixture.now) }
        let read = try await db.store.read { [ticket] q in try q.slaState(of: ticket) }
        var changed = sla
        changed.policy = "standard"
        changed.breached = []
        try await db.store.write { [ticket, changed] tx in try tx.setSLAState(changed, of: ticket, at: Fixture.now) }
        let replaced = try await db.store.read { [ticket] q in try q.slaState(of: ticket) }
        try await db.store.write { [ticket] tx in try tx.setSLAState(nil, of: ticket, at: Fixture.now) }
        let removed = try await db.store.read { [ticket] q in try q.slaState(of: ticket) }

        // Then each read shows what was stored last
        #expect(read == sla)
        #expect(replaced == changed)
        #expect(removed == nil)
    }

    @Test("only due, unfired timers are leased, oldest first and breach before warning; a leased one waits")
    func leasesDueOnly() async throws {
        // Given a warning and a breach due at minute 10, and a breach due at minute 60
        let warning = timer("first_response", "warning", minutes: 10)
        let breach = timer("resolution", "breach", minutes: 10)
        let later = timer("first_response", "breach", minutes: 60)
        try await schedule([later, warning, breach])

        // When owner A leases at minute 5, at minute 10, and again at minute 10.5 (its lease still holds)
        let early = try await lease("A", at: 5)
        let due = try await lease("A", at: 10)
        let again = try await lease("B", at: 10.5)

        // Then nothing is due at minute 5; at minute 10 the breach comes before the warning; B gets nothing
        #expect(early.isEmpty)
        #expect(due == [breach.id, warning.id])
        #expect(again.isEmpty)
        let stored = try await db.store.read { [ticket] q in try q.slaTimers(of: ticket) }
        #expect(stored.filter { $0.leaseOwner == "A" }.map(\.leaseUntil) == [at(minutes: 11), at(minutes: 11)])
    }

    @Test("a timer fires once: the second mark, by anyone, is refused")
    func firesOnce() async throws {
        // Given a due timer leased by A
        let breach = timer("first_response", "breach", minutes: 0)
        try await schedule([breach])
        _ = try await lease("A", at: 1)

        // When A marks it fired twice, and B tries too
        let first = try await fire(breach.id, by: "A", at: 1)
        let second = try await fire(breach.id, by: "A", at: 1)
        let other = try await fire(breach.id, by: "B", at: 1)

        // Then only the first call fired it, and it is never leased again
        #expect(first && !second && !other)
        #expect(try await lease("A", at: 100).isEmpty)
        let stored = try await db.store.read { [ticket] q in try q.slaTimers(of: ticket) }
        #expect(stored.map(\.firedAt) == [at(minutes: 1)])
    }

    @Test("an expired lease passes to another owner, and the first owner can no longer fire it")
    func leaseExpiry() async throws {
        // Given a due timer leased by A for one minute at minute 0, and A stalls
        let breach = timer("resolution", "breach", minutes: 0)
        try await schedule([breach])
        #expect(try await lease("A", at: 0) == [breach.id])

        // When B leases after A's lease lapsed, and both try to fire it
        let taken = try await lease("B", at: 1)
        let byA = try await fire(breach.id, by: "A", at: 1.5)
        let byB = try await fire(breach.id, by: "B", at: 1.5)

        // Then B took it over and B alone fired it
        #expect(taken == [breach.id])
        #expect(!byA && byB)
    }

    @Test("two owners racing over many due timers fire each exactly once")
    func racingOwners() async throws {
        // Given 60 due timers on one ticket (three kinds of target, twenty due instants)
        var timers: [SLATimerEntry] = []
        for minute in 0..<20 {
            for target in ["first_response", "next_response", "resolution"] {
                timers.append(timer(target, "breach", minutes: Double(minute)))
            }
        }
        try await schedule(timers)

        // When two owners each lease small batches and fire what they leased, concurrently, until nothing is left
        @Sendable func drain(_ owner: String) async throws -> [String] {
            var fired: [String] = []
            while true {
                let leased = try await lease(owner, at: 30, leaseMinutes: 10, limit: 4)
                if leased.isEmpty { return fired }
                for id in leased {
                    if try await fire(id, by: owner, at: 30) { fired.append(id) }
                }
            }
        }
        async let a = drain("A")
        async let b = drain("B")
        let (firedA, firedB) = try await (a, b)

        // Then every timer fired, once, by one of them
        #expect((firedA + firedB).count == timers.count)
        #expect(Set(firedA + firedB) == Set(timers.map(\.id)))
        #expect(Set(firedA).isDisjoint(with: firedB))
    }

    @Test("replacing the schedule drops pending timers, keeps leases of the ones kept, and never re-adds a fired id")
    func replaceSchedule() async throws {
        // Given a breach that fired, a warning leased by A, and a breach pending
        let fired = timer("first_response", "breach", minutes: 0)
        let leased = timer("resolution", "warning", minutes: 1)
        let dropped = timer("resolution", "breach", minutes: 90)
        try await schedule([fired, leased, dropped])
        _ = try await lease("A", at: 0)
        #expect(try await fire(fired.id, by: "A", at: 0))
        _ = try await lease("A", at: 1)

        // When the schedule is replaced by one naming the fired and leased ids again plus a moved breach
        let moved = timer("resolution", "breach", minutes: 120)
        try await schedule([fired, leased, moved])

        // Then the fired timer stays fired (not pending again), the leased one keeps its lease, the old breach is gone
        let stored = try await db.store.read { [ticket] q in try q.slaTimers(of: ticket) }
        #expect(stored.map(\.id) == [fired.id, leased.id, moved.id])
        #expect(stored[0].firedAt == at(minutes: 0))
        #expect(stored[1].leaseOwner == "A" && stored[1].firedAt == nil)
        #expect(stored[2].leaseOwner == nil && stored[2].firedAt == nil)
        #expect(try await lease("B", at: 200) == [leased.id, moved.id])  // A's lease lapsed long ago

        // And an empty schedule drops every pending timer but keeps the fired ones
        try await schedule([])
        let left = try await db.store.read { [ticket] q in try q.slaTimers(of: ticket) }
        #expect(left.map(\.id) == [fired.id])
    }

    @Test("the next wake is the earliest pending due time, or the end of another owner's lease on it")
    func nextWake() async throws {
        // Given nothing pending
        #expect(try await db.store.read { q in try q.nextSLATimerWake() } == nil)

        // Given a warning due at minute 5 and a breach due at minute 30
        try await schedule([
            timer("first_response", "warning", minutes: 5), timer("first_response", "breach", minutes: 30),
        ])
        #expect(try await db.store.read { q in try q.nextSLATimerWake() } == at(minutes: 5))

        // When A leases the warning at minute 6 for ten minutes
        _ = try await lease("A", at: 6, leaseMinutes: 10)

        // Then the next wake is when that lease lapses, still before the breach
        #expect(try await db.store.read { q in try q.nextSLATimerWake() } == at(minutes: 16))

        // And once it fired, the breach is next
        _ = try await fire(timer("first_response", "warning", minutes: 5).id, by: "A", at: 7)
        #expect(try await db.store.read { q in try q.nextSLATimerWake() } == at(minutes: 30))
    }

    @Test("the schema refuses an unknown target or kind")
    func schemaChecks() async throws {
        let bad = SLATimerEntry(id: "x", ticketID: ticket, target: "lunch", kind: "breach", due: Fixture.now)
        await #expect(throws: (any Error).self) { try await schedule([bad]) }
    }
}
