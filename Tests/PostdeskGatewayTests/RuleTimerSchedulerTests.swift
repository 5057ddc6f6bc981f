import Foundation
import Logging
import PostdeskCore
import PostdeskGateway
import PostdeskRules
import PostdeskWorkflow
import Testing

/// The rules' timer events fire once (issue 9 point 1): `{ticket.idle: D}` once per quiet spell of an open ticket,
/// `{schedule: NAME}` once per occurrence for each open ticket, across restarts and schedulers. Real SQLite; the
/// clock is by hand and turns are taken by the test.
@Suite struct RuleTimerSchedulerTests {
    let h: GatewayHarness
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    static let twoDays = RuleDuration("2d")!
    static let berlinMorning = try! RuleSchedule(name: "morning", at: 9 * 3600, timeZone: "Europe/Berlin")

    init() throws {
        h = try GatewayHarness()
    }

    /// Every event the hook was given, in order, as `EVENT #ticket`.
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [String] = []
        var events: [String] { lock.withLock { seen } }
        func record(_ event: RuleEvent, _ ticket: Ticket) {
            lock.withLock { seen.append("\(event.yamlName) #\(ticket.id.rawValue)") }
        }
    }

    func importRules(_ document: RuleDocument) async throws {
        let json = try JSONEncoder().encode(document)
        let date = h.world.now
        _ = try await h.store.write { tx in try tx.saveRuleDocument(json: json, at: date) }
    }

    /// Rules that listen to two days of silence and to the Berlin morning, doing nothing themselves.
    func listen(schedules: [RuleSchedule] = [Self.berlinMorning]) async throws {
        var rules = [Rule(name: "Quiet", on: [.ticketIdle(Self.twoDays)], if: .hasTag("never"), then: [.stop])]
        if !schedules.isEmpty {
            rules.append(
                Rule(name: "Morning", on: schedules.map { .schedule($0.name) }, if: .hasTag("never"), then: [.stop]))
        }
        try await importRules(RuleDocument(rules: RuleSet(rules: rules), schedules: schedules))
    }

    @discardableResult
    func newTicket(_ address: String, status: TicketStatus = .open) async throws -> TicketID {
        let now = h.world.now
        return try await h.store.write { tx in
            let customer = try tx.upsertCustomer(Person(name: nil, address: address), at: now)
            var ticket = try tx.createTicket(
                subject: "Help", customer: customer, priority: .normal, portalToken: "portal-\(address)", at: now)
            ticket.status = status
            try tx.update(ticket)
            return ticket.id
        }
    }

    /// Something happened on the ticket now: its quiet spell starts again.
    func touch(_ id: TicketID) async throws {
        let now = h.world.now
        try await h.store.write { tx in
            guard var ticket = try tx.ticket(id: id) else { return }
            ticket.updatedAt = now
            try tx.update(ticket)
        }
    }

    func scheduler(
        _ owner: String, batchSize: Int = 200, onEvent: @escaping RuleTimerScheduler.EventHook
    ) -> RuleTimerScheduler {
        RuleTimerScheduler(
            store: h.store, environment: h.world.environment, owner: owner, batchSize: batchSize, sleep: { _ in },
            onEvent: onEvent, logger: Self.quiet)
    }

    func recording(_ owner: String, _ recorder: Recorder, batchSize: Int = 200) -> RuleTimerScheduler {
        scheduler(owner, batchSize: batchSize) { event, ticket, _ in recorder.record(event, ticket) }
    }

    /// Moves the clock to `iso` (UTC).
    func setClock(_ iso: String) throws {
        let target = try Date(iso, strategy: .iso8601)
        h.world.advance(by: target.timeIntervalSince(h.world.now))
    }

    /// Turns until a turn fires nothing new.
    @discardableResult
    func drain(_ scheduler: RuleTimerScheduler, _ progress: inout RuleTimerScheduler.Progress) async throws -> Int {
        var total = 0
        while true {
            let turn = try await scheduler.runTurn(&progress)
            total += turn.fired.count
            if !turn.hasMore { return total }
        }
    }

    @Test("idle fires once per quiet spell, again after new activity, and not again after a restart")
    func idleOncePerQuietSpell() async throws {
        // Given rules listening to two days of silence, an open and a pending ticket, and a closed one
        try await listen(schedules: [])
        let open = try await newTicket("open@example.test")
        let pending = try await newTicket("pending@example.test", status: .pending)
        try await newTicket("closed@example.test", status: .closed)
        let recorder = Recorder()
        let scheduler = recording("A", recorder)
        var progress = RuleTimerScheduler.Progress()

        // When a day passes: nothing
        h.world.advance(by: 86_400)
        _ = try await scheduler.runTurn(&progress)
        #expect(recorder.events.isEmpty)

        // When two days have passed: each open ticket is told once, however many turns follow
        h.world.advance(by: 86_400 + 1)
        _ = try await scheduler.runTurn(&progress)
        _ = try await scheduler.runTurn(&progress)
        h.world.advance(by: 3600)
        _ = try await scheduler.runTurn(&progress)
        #expect(
            recorder.events.sorted() == ["ticket.idle 2d #\(open.rawValue)", "ticket.idle 2d #\(pending.rawValue)"])

        // And a restarted scheduler (no memory of the last scan) tells nobody again
        var fresh = RuleTimerScheduler.Progress()
        #expect(try await recording("A-restarted", recorder).runTurn(&fresh).fired.isEmpty)

        // When the customer writes on one ticket, and two more days of silence follow
        try await touch(open)
        _ = try await scheduler.runTurn(&progress)
        h.world.advance(by: 2 * 86_400 + 1)
        let again = try await scheduler.runTurn(&progress)

        // Then only that ticket is told, once more
        #expect(again.fired.map(\.ticket) == [open])
        #expect(recorder.events.count == 3)
    }

    @Test("two schedulers taking turns concurrently, in small batches, never fire an event twice")
    func twoSchedulers() async throws {
        // Given 25 open tickets, quiet for three days, and a morning that came while nothing ran
        try setClock("2026-12-01T06:00:00Z")
        try await listen()
        var tickets: Set<Int64> = []
        for i in 0..<25 { tickets.insert(try await newTicket("c\(i)@example.test").rawValue) }
        try setClock("2026-12-04T09:00:00Z")

        // When two schedulers drain concurrently with batches of 4
        let recorder = Recorder()
        let a = recording("A", recorder, batchSize: 4)
        let b = recording("B", recorder, batchSize: 4)
        async let fromA: Int = {
            var p = RuleTimerScheduler.Progress(); return try await drain(a, &p)
        }()
        async let fromB: Int = {
            var p = RuleTimerScheduler.Progress(); return try await drain(b, &p)
        }()
        let total = try await fromA + fromB

        // Then every ticket got one idle event and one morning event, no more
        let expected = tickets.flatMap { ["ticket.idle 2d #\($0)", "schedule morning #\($0)"] }
        #expect(recorder.events.count == 50 && total == 50)
        #expect(recorder.events.sorted() == expected.sorted())
    }

    @Test(
        "a schedule fires at 09:00 Berlin on both sides of a DST change, once per occurrence",
        arguments: [
            // spring forward on Sunday 2026-03-29: 09:00 is 08:00Z the day before, 07:00Z that day
            ("2026-03-28T07:59:59Z", "2026-03-28T08:00:00Z", "2026-03-29T06:59:59Z", "2026-03-29T07:00:00Z"),
            // fall back on Sunday 2026-10-25: 07:00Z the day before, 08:00Z that day
            ("2026-10-24T06:59:59Z", "2026-10-24T07:00:00Z", "2026-10-25T07:59:59Z", "2026-10-25T08:00:00Z"),
        ])
    func scheduleAcrossDST(before: String, first: String, stillBefore: String, second: String) async throws {
        // Given rules listening to the Berlin morning, an open ticket and a solved one, created the evening before
        try setClock(before)
        h.world.advance(by: -12 * 3600)
        try await listen()
        let open = try await newTicket("open@example.test")
        try await newTicket("solved@example.test", status: .solved)
        let recorder = Recorder()
        let scheduler = recording("A", recorder)
        var progress = RuleTimerScheduler.Progress()

        // When the clock reaches each side of the change, a second before and at 09:00 local time
        var firedAt: [String: Int] = [:]
        for instant in [before, first, first, stillBefore, second, second] {
            try setClock(instant)
            firedAt[instant, default: 0] += try await scheduler.runTurn(&progress).fired.count
        }

        // Then the morning fires at 09:00 local on each day, for the open ticket only, once each
        #expect(firedAt == [before: 0, first: 1, stillBefore: 0, second: 1])
        #expect(recorder.events == ["schedule morning #\(open.rawValue)", "schedule morning #\(open.rawValue)"])
    }

    @Test("a morning missed while nothing ran fires once on start; one older than a day does not")
    func missedOccurrence() async throws {
        // Given the Berlin morning and a Monday-only one, and an open ticket from before Monday's morning
        let mondays = try RuleSchedule(name: "mondays", at: 9 * 3600, timeZone: "Europe/Berlin", weekdays: [.monday])
        try setClock("2026-11-30T06:00:00Z")  // a Monday, 07:00 in Berlin
        try await listen(schedules: [Self.berlinMorning, mondays])
        let ticket = try await newTicket("ivan@example.ru")

        // When the process was down until Wednesday 13:00 Berlin, and starts
        try setClock("2026-12-02T12:00:00Z")
        let recorder = Recorder()
        var progress = RuleTimerScheduler.Progress()
        _ = try await recording("after-restart", recorder).runTurn(&progress)

        // Then Wednesday's missed morning fires once; Monday's (two days old) does not
        let mornings = { recorder.events.filter { $0.hasPrefix("schedule") } }
        #expect(mornings() == ["schedule morning #\(ticket.rawValue)"])

        // And after another restart the same morning does not fire again
        var fresh = RuleTimerScheduler.Progress()
        #expect(try await recording("after-second-restart", recorder).runTurn(&fresh).fired.isEmpty)
        #expect(mornings().count == 1)
    }

    @Test("timers nobody listens to cost nothing: an unheard schedule and idle durations no rule names")
    func unheardTimers() async throws {
        // Given a declared morning but only a rule on ticket.created, and an old open ticket
        try setClock("2026-12-01T06:00:00Z")
        try await importRules(
            RuleDocument(
                rules: RuleSet(rules: [Rule(name: "New", on: [.ticketCreated], then: [.addTags(["new"])])]),
                schedules: [Self.berlinMorning]))
        try await newTicket("ivan@example.ru")

        // When the morning comes a week later
        try setClock("2026-12-08T08:00:00Z")
        var progress = RuleTimerScheduler.Progress()
        let turn = try await recording("A", Recorder()).runTurn(&progress)

        // Then nothing fires, and nothing is recorded
        #expect(turn.fired.isEmpty && turn.nextOccurrence == nil)
        #expect(
            try await h.store.read { q in
                try q.scheduleRun(schedule: "morning", occurrence: Date(timeIntervalSince1970: 1_796_716_800))
            } == nil)
    }

    @Test("a rule that throws on one ticket is rolled back for it alone and not retried every turn")
    func throwingRule() async throws {
        try await listen(schedules: [])
        let bad = try await newTicket("bad@example.test")
        let good = try await newTicket("good@example.test")
        h.world.advance(by: 3 * 86_400)
        struct Boom: Error {}
        let scheduler = scheduler("A") { _, ticket, tx in
            try tx.append(TicketEvent(ticketID: ticket.id, kind: "test.touched", at: Date(), detail: ""))
            if ticket.id == bad { throw Boom() }
        }
        var progress = RuleTimerScheduler.Progress()

        let turn = try await scheduler.runTurn(&progress)
        #expect(turn.fired.map(\.ticket) == [good] && turn.failed == 1)
        #expect(try await scheduler.runTurn(&progress).failed == 0)
        // The bad ticket's changes were undone; the good one's kept
        #expect(try await h.events(bad.rawValue).filter { $0.kind == "test.touched" }.isEmpty)
        #expect(try await h.events(good.rawValue).filter { $0.kind == "test.touched" }.count == 1)
    }

    @Test("end to end: a pending ticket closes after a week of silence; an open one does not")
    func pendingClosesAfterAWeek() async throws {
        // Given the example file's rule, imported as `rules import` stores it
        try await importRules(
            RuleDocument(
                rules: RuleSet(rules: [
                    Rule(
                        name: "Pending tickets close after a week of silence", on: [.ticketIdle(RuleDuration("7d")!)],
                        if: .field(.status, .equals("pending")), then: [.setStatus(.closed), .stop])
                ])))
        let pending = try await newTicket("pending@example.test", status: .pending)
        let open = try await newTicket("open@example.test")
        let workflow = InboundWorkflow(
            settings: WorkflowSettings(messageIDDomain: GatewayHarness.domain), environment: h.world.environment)
        let scheduler = scheduler("serve") { event, ticket, tx in try workflow.ruleEvent(event, ticket: ticket, in: tx)
        }
        var progress = RuleTimerScheduler.Progress()

        // When six days pass, then a week
        h.world.advance(by: 6 * 86_400)
        #expect(try await scheduler.runTurn(&progress).fired.isEmpty)
        h.world.advance(by: 86_400 + 1)
        let turn = try await scheduler.runTurn(&progress)

        // Then both were told; the pending one is closed by the rule, with an event naming it
        #expect(Set(turn.fired.map(\.ticket)) == [pending, open])
        #expect(try await h.ticket(pending.rawValue)?.status == .closed)
        #expect(try await h.ticket(open.rawValue)?.status == .open)
        let detail = try await h.events(pending.rawValue).last { $0.kind == "status.changed" }?.detail
        #expect(
            detail?.contains("Pending tickets close after a week of silence") == true, "\(String(describing: detail))")

        // And the open ticket, untouched by the rule, is not told again
        h.world.advance(by: 3600)
        #expect(try await scheduler.runTurn(&progress).fired.isEmpty)
    }
}
