import Foundation
import Logging
public import PostdeskCore
public import PostdeskRules
import PostdeskWorkflow
public import ServiceLifecycle

/// Fires the rules' timer events: `{ticket.idle: D}` on open tickets quiet for D, and `{schedule: NAME}` on every
/// open ticket at each occurrence of a declared schedule; then sleeps (at most ``maximumSleep``), until graceful
/// shutdown.
///
/// Each event fires once, across restarts and any number of schedulers on one database:
/// - an idle event is recorded per (ticket, duration, `updated_at`) under a unique key, in the transaction that runs
///   the rules: once per quiet spell. A rule that changes the ticket starts a new spell; one that only notifies
///   does not (the runner moves `updated_at` only when a field changes), so it is not told again every turn.
/// - a schedule's occurrence is a row whose progress (the last ticket id reached) is read and advanced in the
///   transaction that fires its batch; it reaches the tickets open at the occurrence and created by then. Only a
///   schedule's latest occurrence runs: one that fell due while nothing ran fires once on start when it is at most
///   ``missedWindow`` old, older ones are skipped. (So a schedule imported at 10:00 with `at: "09:00"` fires for
///   today's 09:00 on the next turn.)
///
/// Work goes in batches of at most ``batchSize`` tickets per transaction, so a million open tickets never hold the
/// writer for long. A rule that throws on one ticket is logged and rolled back for that ticket only; its event
/// counts as fired, so one bad ticket never blocks the others or fires in a loop.
public struct RuleTimerScheduler: Service, Sendable {
    /// What the rules do with a timer's event on a ticket, inside the transaction that records it.
    public typealias EventHook = @Sendable (RuleEvent, Ticket, any TicketTransaction) throws -> Void
    /// Waits for a duration; graceful shutdown cancels it.
    public typealias Sleep = @Sendable (Duration) async throws -> Void

    public var store: any TicketStore
    public var environment: WorldEnvironment
    /// This scheduler's name in logs: unique per running scheduler (e.g. host, process id and a random word).
    public var owner: String
    /// The longest sleep, so new idle tickets and imported schedules are seen within it.
    public var maximumSleep: Duration
    /// The shortest sleep between turns.
    public var minimumSleep: Duration
    /// How many tickets one transaction handles.
    public var batchSize: Int
    /// How old a missed occurrence may be and still fire on start.
    public var missedWindow: TimeInterval
    /// How often the idle scan starts again from the oldest ticket rather than from where the last one stopped
    /// (catching a ticket whose `updated_at` was written behind the scan, e.g. by a node with a slow clock).
    public var fullScanInterval: TimeInterval
    public var sleep: Sleep
    public var onEvent: EventHook
    public var logger: Logger

    /// A scheduler.
    /// - Parameters:
    ///   - owner: this scheduler's name in logs.
    ///   - sleep: the wait between turns (`Task.sleep` by default; tests pass one that returns at once).
    ///   - onEvent: what rules do with an event (``InboundWorkflow/ruleEvent(_:ticket:in:)`` in `serve`).
    public init(
        store: any TicketStore, environment: WorldEnvironment, owner: String, maximumSleep: Duration = .seconds(60),
        minimumSleep: Duration = .milliseconds(50), batchSize: Int = 100, missedWindow: TimeInterval = 24 * 3600,
        fullScanInterval: TimeInterval = 3600, sleep: @escaping Sleep = { try await Task.sleep(for: $0) },
        onEvent: @escaping EventHook, logger: Logger
    ) {
        self.store = store
        self.environment = environment
        self.owner = owner
        self.maximumSleep = min(maximumSleep, .seconds(60))
        self.minimumSleep = minimumSleep
        self.batchSize = max(1, batchSize)
        self.missedWindow = missedWindow
        self.fullScanInterval = fullScanInterval
        self.sleep = sleep
        self.onEvent = onEvent
        self.logger = logger
    }

    public func run() async throws {
        var progress = Progress()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var wait = maximumSleep
            do {
                let turn = try await runTurn(&progress)
                // A full batch means more is due now.
                if turn.hasMore { continue }
                wait = delay(until: turn.nextOccurrence)
            } catch {
                logger.error(
                    "rule timers failed", metadata: ["postdesk.error": "\(error)", "postdesk.owner": "\(owner)"])
            }
            try? await cancelWhenGracefulShutdown { [sleep, wait] in try await sleep(wait) }
        }
    }

    /// Where the idle scans stopped, kept between turns of one scheduler (memory only: a restart scans afresh).
    public struct Progress: Sendable {
        /// Per idle duration in seconds: every ticket last changed at or before this instant was looked at.
        var idleScanned: [Int64: Date] = [:]
        var lastFullScan: Date?

        public init() {}
    }

    /// One event fired on one ticket.
    public struct Fired: Sendable, Hashable {
        public var event: RuleEvent
        public var ticket: TicketID
    }

    /// What one turn did.
    public struct Turn: Sendable, Equatable {
        /// The events fired, in order.
        public var fired: [Fired] = []
        /// Events whose rules threw (rolled back for that ticket, counted as fired).
        public var failed: Int = 0
        /// Whether a batch was full: more may be due now.
        public var hasMore = false
        /// The next occurrence of a listened-to schedule after now, if any.
        public var nextOccurrence: Date?
    }

    /// One batch per idle duration and per due schedule occurrence.
    public func runTurn(_ progress: inout Progress) async throws -> Turn {
        let now = environment.now()
        let plan = try await store.read { q in try RuleTimerPlan.current(in: q) }
        if progress.lastFullScan.map({ now.timeIntervalSince($0) >= fullScanInterval }) ?? true {
            progress.idleScanned = [:]
            progress.lastFullScan = now
        }
        var turn = Turn()
        for duration in plan.idleDurations {
            let cutoff = now.addingTimeInterval(-TimeInterval(duration.seconds))
            let full = try await fireIdle(
                duration, after: progress.idleScanned[duration.seconds], cutoff: cutoff, into: &turn)
            if full { turn.hasMore = true } else { progress.idleScanned[duration.seconds] = cutoff }
        }
        for schedule in plan.schedules {
            if let next = schedule.nextOccurrence(after: now) {
                turn.nextOccurrence = min(turn.nextOccurrence ?? next, next)
            }
            guard let occurrence = schedule.latestOccurrence(atOrBefore: now),
                now.timeIntervalSince(occurrence) <= missedWindow
            else { continue }
            if try await fireSchedule(schedule.name, occurrence: occurrence, into: &turn) { turn.hasMore = true }
        }
        return turn
    }

    /// How long to sleep from now: until `next` (a schedule's occurrence), between the bounds.
    func delay(until next: Date?) -> Duration {
        guard let next else { return maximumSleep }
        let seconds = max(0, next.timeIntervalSince(environment.now()))
        let wait = Duration.milliseconds(Int64(min(seconds, Self.seconds(maximumSleep)) * 1000))
        return min(max(wait, minimumSleep), maximumSleep)
    }

    /// Fires `{ticket.idle: duration}` on one batch of tickets quiet since `cutoff`. Returns whether it was full.
    private func fireIdle(
        _ duration: RuleDuration, after: Date?, cutoff: Date, into turn: inout Turn
    ) async throws -> Bool {
        let now = environment.now()
        let event = RuleEvent.ticketIdle(duration)
        let batch = try await store.write { [batchSize] tx in
            var batch = Batch()
            let ids = try tx.idleTickets(
                durationSeconds: duration.seconds, after: after, cutoff: cutoff, limit: batchSize)
            batch.full = ids.count == batchSize
            for id in ids {
                try fire(event, on: id, into: &batch, in: tx) {
                    try tx.markIdleFired(ticket: id, durationSeconds: duration.seconds, at: now)
                }
            }
            return batch
        }
        turn.add(batch, event: event)
        return batch.full
    }

    /// Fires `{schedule: name}` on the next batch of open tickets of one occurrence. Returns whether it was full.
    private func fireSchedule(_ name: String, occurrence: Date, into turn: inout Turn) async throws -> Bool {
        let now = environment.now()
        let event = RuleEvent.schedule(name)
        let batch = try await store.write { [batchSize] tx in
            var batch = Batch()
            var run =
                try tx.scheduleRun(schedule: name, occurrence: occurrence)
                ?? ScheduleRun(schedule: name, occurrence: occurrence)
            guard run.finishedAt == nil else { return batch }
            let ids = try tx.openTickets(after: run.lastTicket, createdBy: occurrence, limit: batchSize)
            batch.full = ids.count == batchSize
            for id in ids { try fire(event, on: id, into: &batch, in: tx) { true } }
            run.lastTicket = ids.last ?? run.lastTicket
            if !batch.full { run.finishedAt = now }
            try tx.saveScheduleRun(run, at: now)
            return batch
        }
        turn.add(batch, event: event)
        return batch.full
    }

    /// What one batch's transaction did.
    fileprivate struct Batch: Sendable {
        var fired: [TicketID] = []
        var failed = 0
        var full = false
    }

    /// Claims the event (`claim` says whether this call is the one to fire it) and runs the rules, in a savepoint:
    /// a rule that throws undoes only this ticket's changes, and the claim is made again outside it.
    private func fire(
        _ event: RuleEvent, on id: TicketID, into batch: inout Batch, in tx: any TicketTransaction,
        claim: () throws -> Bool
    ) throws {
        do {
            let fired = try tx.savepoint { () throws -> Bool in
                guard try claim(), let ticket = try tx.ticket(id: id) else { return false }
                try onEvent(event, ticket, tx)
                return true
            }
            if fired { batch.fired.append(id) }
        } catch {
            batch.failed += 1
            logger.error(
                "rule timer event failed",
                metadata: [
                    "postdesk.ticket_id": "\(id.rawValue)", "postdesk.event": "\(event.yamlName)",
                    "postdesk.error": "\(error)",
                ])
            _ = try claim()
        }
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

extension RuleTimerScheduler.Turn {
    fileprivate mutating func add(_ batch: RuleTimerScheduler.Batch, event: RuleEvent) {
        fired += batch.fired.map { RuleTimerScheduler.Fired(event: event, ticket: $0) }
        failed += batch.failed
    }
}
