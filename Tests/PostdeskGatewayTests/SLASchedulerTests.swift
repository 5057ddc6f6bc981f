import Foundation
import Logging
import PostdeskCore
import PostdeskGateway
import PostdeskRules
import PostdeskWorkflow
import ServiceLifecycle
import Testing

/// SLA timers fire once: on time, on start after a breach fell due while the process was down, and never twice,
/// however many schedulers share the database (issue 9 point 5). The clock is by hand; sleeps return at once.
///
/// Policy "standard", around the clock: first response 1h, resolution 4h, warnings at half. Tickets are created at
/// the harness's start time T0 and measured then.
@Suite struct SLASchedulerTests {
    let h: GatewayHarness
    let t0: Date
    static let policy = try! SLAPolicy(
        name: "standard", targets: [.firstResponse: .hours(1), .resolution: .hours(4)], warnAtPercent: 50)
    static let calendar = try! BusinessCalendar.alwaysOpen()
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    init() throws {
        h = try GatewayHarness()
        t0 = h.world.now
    }

    /// A new ticket from `address`, measured at T0 (so its timers are scheduled).
    @discardableResult
    func newTicket(_ address: String = "ivan@example.ru") async throws -> TicketID {
        let now = t0
        return try await h.store.write { tx in
            let customer = try tx.upsertCustomer(Person(name: nil, address: address), at: now)
            let ticket = try tx.createTicket(
                subject: "Help", customer: customer, priority: .normal, portalToken: "portal-\(address)", at: now)
            try SLAUpdate().refresh(ticket: ticket.id, policy: (Self.policy, Self.calendar), in: tx, at: now)
            return ticket.id
        }
    }

    func scheduler(
        _ owner: String, sleep: @escaping SLAScheduler.Sleep = { _ in },
        onFire: @escaping SLAScheduler.FireHook = { _, _, _ in }
    ) -> SLAScheduler {
        SLAScheduler(
            store: h.store, environment: h.world.environment, owner: owner, sleep: sleep, onFire: onFire,
            logger: Self.quiet)
    }

    func slaEvents(_ ticket: TicketID) async throws -> [TicketEvent] {
        try await h.store.read { q in try q.events(of: ticket).filter { $0.kind.hasPrefix("ticket.sla_") } }
    }

    func iso(_ date: Date) -> String { date.formatted(Date.ISO8601FormatStyle()) }

    @Test("a warning and a breach fire when due, each once, naming target, policy and due time")
    func firesOnTime() async throws {
        // Given a measured ticket and a running scheduler
        let ticket = try await newTicket()
        let scheduler = self.scheduler("A")

        // When the clock reaches the warning (T0+30m), then the breach (T0+1h), with turns in between
        #expect(try await scheduler.fireDue().fired.isEmpty)
        h.world.advance(by: 30 * 60)
        let warned = try await scheduler.fireDue()
        let again = try await scheduler.fireDue()
        h.world.advance(by: 30 * 60)
        let breached = try await scheduler.fireDue()

        // Then each fired once, in its turn
        #expect(warned.fired.map(\.kind) == [.warning] && again.fired.isEmpty)
        #expect(breached.fired.map { "\($0.target.rawValue) \($0.kind)" } == ["first_response breach"])
        let due = iso(t0.addingTimeInterval(3600))
        #expect(
            try await slaEvents(ticket).map { "\($0.kind): \($0.detail)" } == [
                "ticket.sla_warning: first_response nears its target: policy \"standard\", due \(due)",
                "ticket.sla_breach: first_response breached: policy \"standard\", due \(due)",
            ])

        // And the ticket's SLA lists the breach
        let sla = try await h.store.read { q in try q.slaState(of: ticket) }
        #expect(sla?.breached == ["first_response"] && sla?.warned == ["first_response"])
    }

    @Test("a breach that fell due while stopped fires once on start, and never again after another restart")
    func restartFiresOnce() async throws {
        // Given a ticket measured at T0, and no scheduler running for 90 minutes
        let ticket = try await newTicket()
        h.world.advance(by: 90 * 60)

        // When a scheduler starts and takes its first turn
        let first = try await scheduler("after-restart").fireDue()

        // Then the overdue breach fires once; its warning is moot (the breach says it all) and raises nothing
        #expect(first.fired.map { "\($0.target.rawValue) \($0.kind)" } == ["first_response breach"])
        #expect(first.moot == 1)
        #expect(try await slaEvents(ticket).map(\.kind) == ["ticket.sla_breach"])

        // When the process restarts again, later, and the ticket is measured again meanwhile
        h.world.advance(by: 10 * 60)
        let now = h.world.now
        try await h.store.write { tx in
            try SLAUpdate().refresh(ticket: ticket, policy: (Self.policy, Self.calendar), in: tx, at: now)
        }
        let second = try await scheduler("after-second-restart").fireDue()

        // Then nothing fires again
        #expect(second.fired.isEmpty && second.leased == 0)
        #expect(try await slaEvents(ticket).map(\.kind) == ["ticket.sla_breach"])
    }

    @Test("two schedulers on one database never fire a timer twice")
    func twoSchedulers() async throws {
        // Given 12 tickets whose first response and resolution both breached while nothing ran
        var tickets: [TicketID] = []
        for i in 0..<12 { tickets.append(try await newTicket("c\(i)@example.test")) }
        h.world.advance(by: 5 * 3600)

        // When two schedulers take turns concurrently, in small batches, until neither fires anything
        @Sendable func drain(_ scheduler: SLAScheduler) async throws -> Int {
            var fired = 0
            while true {
                let turn = try await scheduler.fireDue()
                fired += turn.fired.count
                if turn.leased == 0 { return fired }
            }
        }
        var a = scheduler("A")
        var b = scheduler("B")
        a.batchSize = 3
        b.batchSize = 3
        async let firedA = drain(a)
        async let firedB = drain(b)
        let total = try await firedA + firedB

        // Then every ticket has exactly one breach event per target, and the two together fired exactly those
        #expect(total == 24)
        for ticket in tickets {
            let events = try await slaEvents(ticket)
            #expect(events.map(\.kind) == ["ticket.sla_breach", "ticket.sla_breach"])
            #expect(Set(events.map { $0.detail.prefix { $0 != " " } }) == ["first_response", "resolution"])
        }
    }

    @Test("the hook runs in the firing transaction; when it throws, nothing is recorded and the timer comes back")
    func hookRollsBack() async throws {
        // Given an overdue breach and a hook that fails once, then records what it saw
        let ticket = try await newTicket()
        h.world.advance(by: 61 * 60)
        let calls = Calls()
        let scheduler = self.scheduler(
            "A",
            onFire: { timer, seen, tx in
                if calls.count() == 0 {
                    calls.record("failed")
                    throw CancellationError()
                }
                // The event is already appended in the same transaction
                let kinds = try tx.events(of: seen.id).map(\.kind)
                calls.record("\(timer.target.rawValue) \(timer.kind) #\(seen.number) \(kinds.last ?? "")")
            })

        // When the first turn's hook fails
        let failed = try await scheduler.fireDue()

        // Then nothing fired or was logged, and the timer waits for its lease to lapse
        #expect(failed.fired.isEmpty)
        #expect(try await slaEvents(ticket).isEmpty)
        #expect(try await scheduler.fireDue().leased == 0)

        // When the lease lapses and the scheduler takes another turn
        h.world.advance(by: 61)
        let retried = try await scheduler.fireDue()

        // Then the breach fires, once, with the hook seeing it
        #expect(retried.fired.map(\.kind) == [.breach])
        #expect(calls.all() == ["failed", "first_response breach #\(ticket.rawValue) ticket.sla_breach"])
        #expect(try await slaEvents(ticket).map(\.kind) == ["ticket.sla_breach"])
    }

    @Test(
        "it sleeps until the next timer, at most a minute",
        arguments: [
            // seconds after T0 when the scheduler looks, expected sleep in seconds
            (0.0, 60.0),  // the warning is 30 minutes away: a minute at most
            (1790.0, 10.0),  // the warning is 10 s away
            (3590.0, 10.0),  // the warning fires on this turn, the breach is 10 s away
        ])
    func sleepsUntilNext(offset: Double, expected: Double) async throws {
        // Given a measured ticket and a scheduler whose sleep records the wait, then waits to be cancelled
        try await newTicket()
        h.world.advance(by: offset)
        let waits = Waits()
        let (slept, sleeping) = AsyncStream.makeStream(of: Void.self)
        let scheduler = self.scheduler(
            "A",
            sleep: { duration in
                waits.record(duration)
                sleeping.yield()
                try await Task.sleep(for: .seconds(3600))  // cancelled below, at once
            })

        // When it runs until its first sleep, and is then cancelled
        let run = Task { try await scheduler.run() }
        for await _ in slept { break }
        run.cancel()
        try await run.value

        // Then it slept exactly until the next due timer (or a minute), once
        #expect(waits.all() == [.milliseconds(Int64(expected * 1000))])
    }

    @Test("it stops on graceful shutdown, even in the middle of a long sleep")
    func gracefulShutdown() async throws {
        // Given a scheduler with nothing due, sleeping for real (a minute) inside a service group
        let scheduler = SLAScheduler(
            store: h.store, environment: h.world.environment, owner: "A", logger: Self.quiet)
        let group = ServiceGroup(services: [scheduler], logger: Self.quiet)

        // When the group shuts down gracefully
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await Task.sleep(for: .milliseconds(20))
            await group.triggerGracefulShutdown()
            // Then the run ends well within the minute
            try await tasks.waitForAll()
        }
    }
}

/// What a hook saw, across tasks.
final class Calls: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [String] = []
    func record(_ call: String) { lock.withLock { calls.append(call) } }
    func count() -> Int { lock.withLock { calls.count } }
    func all() -> [String] { lock.withLock { calls } }
}

/// The durations a scheduler asked to sleep.
final class Waits: @unchecked Sendable {
    private let lock = NSLock()
    private var waits: [Duration] = []
    func record(_ wait: Duration) { lock.withLock { waits.append(wait) } }
    func all() -> [Duration] { lock.withLock { waits } }
}
