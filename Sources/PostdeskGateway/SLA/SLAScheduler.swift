import Foundation
import Logging
public import PostdeskCore
public import PostdeskRules
import PostdeskWorkflow
public import ServiceLifecycle

/// Raises SLA warnings and breaches when their timers fall due: lease due timers, fire each once, sleep until the
/// next one (at most ``maximumSleep``), until graceful shutdown.
///
/// Timers live in the database, so a breach that fell due while no process ran fires on the first turn after
/// start. Firing is exactly-once across any number of schedulers on one database: a timer is leased to one owner at
/// a time, and the transaction that records the event also checks and sets the timer's `fired_at` (a scheduler
/// whose lease lapsed and was taken over records nothing). A firing that fails rolls back and is tried again when
/// its lease lapses.
public struct SLAScheduler: Service {
    /// What the rules do when a timer fires, inside the transaction that records it; throwing rolls it all back.
    public typealias FireHook = @Sendable (SLATimer, Ticket, any TicketTransaction) throws -> Void
    /// Waits for a duration; graceful shutdown cancels it.
    public typealias Sleep = @Sendable (Duration) async throws -> Void

    public var store: any TicketStore
    public var environment: WorldEnvironment
    /// Who leases the timers: unique per running scheduler (e.g. host, process id and a random word).
    public var owner: String
    /// How long a leased timer stays with this scheduler before another may take it.
    public var leaseDuration: Duration
    /// The longest sleep, so timers added by other processes are seen within it.
    public var maximumSleep: Duration
    /// The shortest sleep between turns, so a timer due now that another scheduler holds is not polled in a spin.
    public var minimumSleep: Duration
    /// How many timers one turn leases.
    public var batchSize: Int
    public var sleep: Sleep
    public var onFire: FireHook
    public var logger: Logger

    /// A scheduler.
    /// - Parameters:
    ///   - owner: this scheduler's name in leases; two schedulers must not share one.
    ///   - sleep: the wait between turns (`Task.sleep` by default; tests pass one that returns at once).
    ///   - onFire: what rules do with a fired timer; nothing by default.
    public init(
        store: any TicketStore, environment: WorldEnvironment, owner: String, leaseDuration: Duration = .seconds(60),
        maximumSleep: Duration = .seconds(60), minimumSleep: Duration = .milliseconds(50), batchSize: Int = 100,
        sleep: @escaping Sleep = { try await Task.sleep(for: $0) },
        onFire: @escaping FireHook = { _, _, _ in }, logger: Logger
    ) {
        self.store = store
        self.environment = environment
        self.owner = owner
        self.leaseDuration = leaseDuration
        self.maximumSleep = maximumSleep
        self.minimumSleep = minimumSleep
        self.batchSize = batchSize
        self.sleep = sleep
        self.onFire = onFire
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var wait = maximumSleep
            do {
                let turn = try await fireDue()
                // A full batch means more may be due now.
                if turn.leased == batchSize { continue }
                wait = try await delayUntilNextTimer()
            } catch {
                logger.error("sla timers failed", metadata: ["postdesk.error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { [sleep, wait] in try await sleep(wait) }
        }
    }

    /// What one turn did.
    public struct Turn: Sendable, Equatable {
        /// Timers leased this turn.
        public var leased: Int
        /// The timers this turn fired (an event was recorded for each), oldest first.
        public var fired: [SLATimer]
        /// Timers marked fired without an event: warnings whose target was already due (the breach says it all),
        /// and timers of tickets that no longer have a policy.
        public var moot: Int
    }

    /// Leases every timer due now (up to ``batchSize``) and fires each in its own transaction.
    public func fireDue() async throws -> Turn {
        let now = environment.now()
        let until = now.addingTimeInterval(Self.seconds(leaseDuration))
        let leased = try await store.write { [owner, batchSize] tx in
            try tx.leaseDueSLATimers(owner: owner, now: now, until: until, limit: batchSize)
        }
        var turn = Turn(leased: leased.count, fired: [], moot: 0)
        for entry in leased {
            do {
                switch try await fire(entry) {
                case .fired(let timer): turn.fired.append(timer)
                case .moot: turn.moot += 1
                case .notOurs: break
                }
            } catch {
                // Rolled back: the lease stays, and the timer is tried again when it lapses.
                logger.error(
                    "sla timer failed",
                    metadata: [
                        "postdesk.ticket_id": "\(entry.ticketID)", "postdesk.sla_timer": "\(entry.id)",
                        "postdesk.error": "\(error)",
                    ])
            }
        }
        return turn
    }

    /// How long to sleep from now: until the next pending timer (or the end of another scheduler's lease on it),
    /// between ``minimumSleep`` and ``maximumSleep``.
    public func delayUntilNextTimer() async throws -> Duration {
        let now = environment.now()
        guard let next = try await store.read({ q in try q.nextSLATimerWake() }) else { return maximumSleep }
        let seconds = max(0, next.timeIntervalSince(now))
        let wait = Duration.milliseconds(Int64(min(seconds, Self.seconds(maximumSleep)) * 1000))
        return min(max(wait, minimumSleep), maximumSleep)
    }

    private enum Firing: Sendable {
        case fired(SLATimer)
        case moot
        case notOurs
    }

    private func fire(_ entry: SLATimerEntry) async throws -> Firing {
        let now = environment.now()
        return try await store.write { [owner, onFire] tx -> Firing in
            guard try tx.markSLATimerFired(id: entry.id, owner: owner, at: now) else { return .notOurs }
            guard let timer = SLATimer(entry), let ticket = try tx.ticket(id: entry.ticketID),
                var state = try tx.slaState(of: entry.ticketID)
            else { return .moot }
            let targetDue = state.due(of: entry.target) ?? timer.due
            switch timer.kind {
            case .warning:
                if targetDue <= now { return .moot }
                if !state.warned.contains(entry.target) { state.warned.append(entry.target) }
            case .breach:
                if !state.breached.contains(entry.target) { state.breached.append(entry.target) }
            }
            try tx.append(
                TicketEvent(
                    ticketID: ticket.id, kind: Self.eventKind(timer.kind), at: now,
                    detail: Self.detail(timer, policy: state.policy, due: timer.kind == .breach ? timer.due : targetDue)
                ))
            try tx.setSLAState(state, of: ticket.id, at: now)
            try onFire(timer, ticket, tx)
            return .fired(timer)
        }
    }

    /// The ticket event a timer raises: `ticket.sla_warning` or `ticket.sla_breach` (the webhook names).
    public static func eventKind(_ kind: SLATimer.Kind) -> String {
        "ticket.sla_\(kind.rawValue)"
    }

    /// `first_response breached: policy "urgent", due 2026-12-01T10:00:00Z`.
    static func detail(_ timer: SLATimer, policy: String, due: Date) -> String {
        let verb = timer.kind == .breach ? "breached" : "nears its target"
        return "\(timer.target.rawValue) \(verb): policy \"\(policy)\", due \(due.formatted(Date.ISO8601FormatStyle()))"
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
