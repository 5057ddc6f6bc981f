import Foundation
import Logging
public import PostdeskCore
import PostdeskMail
public import ServiceLifecycle

/// Sends what the workflow queued, after commit: claim → render once → SMTP → mark. Survives restarts.
///
/// Exactly-once toward the relay as far as a single process can promise it: a row is claimed (`sending`) in one
/// transaction before SMTP and marked `sent` after. If the process dies in between, the row becomes `uncertain` at the
/// next start and is shown on the ticket instead of being silently sent a second time. The rows of a batch the relay
/// accepted are marked `sent` together after the batch, so a crash may leave a few accepted rows `uncertain` too:
/// shown, never resent.
///
/// ``lanes`` send in parallel, each claiming a small batch (``batchSize``) at a time and sending it one mail after
/// the other; a sender with as many connections (``CurlSMTPSender``'s lanes) keeps one open per lane. Claims go
/// through the store's single writer, and a claim turns the rows `sending` in the same transaction that reads them,
/// so no row is ever claimed by two lanes. Small batches keep what a crash turns `uncertain` small: every row of a
/// lane's batch not yet sent.
///
/// Stopping is not crashing. A lane that is cancelled or sees the service shut down gracefully (SIGTERM) sends no
/// further DATA: the rows of its batch it has not handed to the relay go back to `queued` (exact, since the relay
/// never saw them), the mail in flight finishes, and what the relay accepted is still recorded `sent`. So the
/// claim, the sends and all bookkeeping run in unstructured tasks, which do not inherit cancellation (the store
/// refuses to write for a cancelled task): only a process that dies mid-batch leaves `uncertain` rows. A lane's
/// failure (a claim the database refused) is logged and retried by that lane alone; it never stops its siblings.
public struct OutboxService: Service {
    public var store: any TicketStore
    /// The relay of rows whose mailbox has none of its own in ``senders``.
    public var sender: any MailSender
    /// Each mailbox's own relay, by mailbox name: a row leaves through the relay of the mailbox it is sent from
    /// (``MailRenderer/mailbox(for:)``), which may accept that mailbox's address as sender only after AUTH as it.
    public var senders: [String: any MailSender]
    public var renderer: MailRenderer
    public var environment: WorldEnvironment
    public var policy: RetryPolicy
    public var interval: Duration
    /// A fixed envelope sender (`MAIL FROM`) for every row, e.g. a bounce address; nil: the row's mailbox address.
    public var envelopeFrom: String?
    /// How many rows are sent at once (at least 1): as many as the relays' connections.
    public var lanes: Int
    /// How many rows a lane claims at a time.
    public var batchSize: Int
    /// How many bytes of mail a lane's claim may hold in memory (at least one row, whatever its size): a batch of
    /// large mails (attachments forwarded to operators) stops short of ``batchSize``.
    public var maxBatchBytes: Int
    public var logger: Logger

    /// - Parameters:
    ///   - sender: the relay of every mailbox without one in `senders`.
    ///   - senders: relays by mailbox name.
    ///   - envelopeFrom: a fixed envelope sender; nil sends each row with its mailbox's address.
    ///   - lanes: how many rows are sent at once.
    ///   - batchSize: how many rows a lane claims at a time.
    ///   - maxBatchBytes: how many bytes of mail a lane's claim may hold, 8 MiB unless given.
    public init(
        store: any TicketStore, sender: any MailSender, senders: [String: any MailSender] = [:],
        renderer: MailRenderer, environment: WorldEnvironment, envelopeFrom: String? = nil,
        policy: RetryPolicy = RetryPolicy(), interval: Duration = .milliseconds(250), lanes: Int = 1,
        batchSize: Int = 10, maxBatchBytes: Int = 8 << 20, logger: Logger
    ) {
        self.store = store
        self.sender = sender
        self.senders = senders
        self.renderer = renderer
        self.environment = environment
        self.envelopeFrom = envelopeFrom
        self.policy = policy
        self.interval = interval
        self.lanes = max(1, lanes)
        self.batchSize = max(1, batchSize)
        self.maxBatchBytes = max(1, maxBatchBytes)
        self.logger = logger
    }

    public func run() async throws {
        let now = environment.now
        let interrupted = try await store.write { tx in
            let items = try tx.recoverInterruptedOutbox()
            for item in items {
                guard let ticket = item.item.ticketID else { continue }
                try tx.append(
                    TicketEvent(
                        ticketID: ticket, kind: "mail.uncertain", at: now(),
                        detail: "delivery of <\(item.item.messageID)> was interrupted; it may not have arrived. "
                            + "Resend with `postdesk outbox retry \(item.id)`."
                    ))
            }
            return items.count
        }
        if interrupted > 0 {
            logger.warning("outbox rows interrupted by a crash", metadata: ["postdesk.count": "\(interrupted)"])
        }
        await withTaskGroup(of: Void.self) { group in
            for lane in 0..<lanes {
                group.addTask { await runLane(lane) }
            }
        }
    }

    /// One lane until the service stops. Its errors are its own: a claim that fails (the database busy, locked or
    /// full) is logged and tried again after a pause that doubles with each failure in a row, up to
    /// ``claimBackoff(after:interval:)``'s cap, while the other lanes carry on; rendering and relay errors are
    /// recorded on their rows by ``drainOnce(limit:)`` and never reach here.
    private func runLane(_ lane: Int) async {
        var failures = 0
        while !Self.isStopping {
            do {
                let attempted = try await drainOnce(limit: batchSize)
                failures = 0
                if attempted == 0 { try? await Task.sleep(for: interval) }
            } catch {
                if Self.isStopping { return }
                failures += 1
                let pause = Self.claimBackoff(after: failures, interval: interval)
                logger.error(
                    "outbox lane could not claim rows; retrying",
                    metadata: [
                        "postdesk.lane": "\(lane)", "postdesk.failures": "\(failures)", "postdesk.error": "\(error)",
                        "postdesk.retry_in": "\(pause)",
                    ])
                try? await Task.sleep(for: pause)
            }
        }
    }

    /// The pause after `failures` failed claims in a row: `interval`, doubled per further failure, capped at
    /// 30 seconds (or `interval`, when that is longer).
    static func claimBackoff(after failures: Int, interval: Duration) -> Duration {
        let doubled = interval * (1 << min(max(failures - 1, 0), 16))
        return min(doubled, max(interval, .seconds(30)))
    }

    /// Whether the current task should hand no further mail to the relay: cancelled, or the service group is
    /// shutting down gracefully.
    static var isStopping: Bool { Task.isCancelled || Task.isShuttingDownGracefully }

    /// Runs `work` in an unstructured task, which does not inherit the caller's cancellation, and waits for it: a
    /// claim must be followed by a send or a release, and what the relay accepted must be recorded, even while the
    /// service stops.
    private static func uncancelled<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        try await Task { try await work() }.value
    }

    /// Sends everything due now on all ``lanes`` and returns how many rows were attempted: `postdesk poll`'s send.
    @discardableResult
    public func drainAll() async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<lanes {
                group.addTask {
                    var attempted = 0
                    while !Self.isStopping, case let count = try await drainOnce(limit: batchSize), count > 0 {
                        attempted += count
                    }
                    return attempted
                }
            }
            return try await group.reduce(0, +)
        }
    }

    /// Claims up to `limit` due rows and sends them one after the other. Returns how many were claimed.
    ///
    /// Once the task is cancelled or the service shuts down, it claims nothing, and a batch being sent stops before
    /// its next DATA: the rows not yet sent go back to `queued`, the ones the relay accepted are still marked `sent`.
    /// - Throws: only when the claim fails; nothing was claimed then.
    @discardableResult
    public func drainOnce(limit: Int = 50) async throws -> Int {
        guard !Self.isStopping else { return 0 }
        let now = environment.now()
        let (store, maxBytes) = (store, maxBatchBytes)
        let claimed = try await Self.uncancelled {
            try await store.write { tx in try tx.claimOutbox(now: now, limit: limit, maxBytes: maxBytes) }
        }
        var accepted: [(OutboxItem, Date)] = []
        let ready = await rendered(claimed)
        for (index, (item, raw)) in ready.enumerated() {
            if Self.isStopping {
                await release(ready[index...].map(\.0))
                break
            }
            if await deliver(item, raw: raw) { accepted.append((item, environment.now())) }
        }
        await markSent(accepted)
        return claimed.count
    }

    /// Puts claimed rows the relay never saw back to `queued`: sending them later is their first and only send.
    private func release(_ unsent: [OutboxItem]) async {
        guard !unsent.isEmpty else { return }
        let store = store
        do {
            try await Self.uncancelled {
                try await store.write { tx in
                    for item in unsent { try tx.releaseOutbox(item.id) }
                }
            }
            logger.info(
                "outbox lane stopped; unsent rows queued again", metadata: ["postdesk.count": "\(unsent.count)"])
        } catch {
            // They stay `sending` and become `uncertain` at the next start: shown, never resent silently.
            logger.error(
                "could not queue unsent outbox rows again", metadata: ["postdesk.outbox_ids": "\(unsent.map(\.id))"])
        }
    }

    /// Records the rows the relay accepted as `sent`, with their `mail.sent` events, in one transaction for the whole
    /// batch (a transaction per mail was a tenth of the CPU of sending one, and held the single writer that often).
    /// Until it commits, those rows are still `sending`, which a crash turns `uncertain`, never back to `queued`: the
    /// batch costs at most a few mails shown as uncertain after a crash, never a second send.
    private func markSent(_ accepted: [(OutboxItem, Date)]) async {
        guard !accepted.isEmpty else { return }
        let store = store
        do {
            try await Self.uncancelled {
                try await store.write { [accepted] tx in
                    for (item, at) in accepted {
                        try tx.markOutboxSent(item.id, at: at)
                        if let ticket = item.item.ticketID {
                            try tx.append(
                                TicketEvent(
                                    ticketID: ticket, kind: "mail.sent", at: at,
                                    detail:
                                        "\(item.item.template) to \(item.item.recipient.address) <\(item.item.messageID)>"
                                ))
                        }
                    }
                }
            }
        } catch {
            // The relay has these mails: never record them as failed (someone would resend them). The rows stay
            // `sending`, are not claimed again, and become `uncertain` on their tickets at the next start.
            logger.error(
                "mails sent but not marked sent",
                metadata: ["postdesk.outbox_ids": "\(accepted.map { $0.0.id.rawValue })"])
        }
    }

    /// The claimed rows with their bytes: stored ones as they are, the others rendered now and stored in one
    /// transaction for the whole batch (a resend must send the very same bytes). A row that cannot be rendered or
    /// stored is recorded as failed and left out.
    private func rendered(_ claimed: [OutboxItem]) async -> [(OutboxItem, [UInt8])] {
        var ready: [(OutboxItem, [UInt8])] = []
        var fresh: [(OutboxItem, [UInt8])] = []
        for item in claimed {
            if let stored = item.raw {
                ready.append((item, stored))
                continue
            }
            do {
                fresh.append((item, try renderer.render(item, date: environment.now())))
            } catch {
                await recordFailure(item, error: error)
            }
        }
        guard !fresh.isEmpty else { return ready }
        let store = store
        do {
            try await Self.uncancelled { [fresh] in
                try await store.write { tx in
                    for (item, raw) in fresh { try tx.setOutboxRendered(item.id, raw: raw) }
                }
            }
        } catch {
            for (item, _) in fresh { await recordFailure(item, error: error) }
            return ready
        }
        // Claim order: the oldest row first, as without batches.
        let order = Dictionary(uniqueKeysWithValues: claimed.enumerated().map { ($1.id, $0) })
        return (ready + fresh).sorted { order[$0.0.id, default: 0] < order[$1.0.id, default: 0] }
    }

    /// Sends one row; true when the relay accepted it. A refusal or transport error is recorded on the row here.
    private func deliver(_ item: OutboxItem, raw: [UInt8]) async -> Bool {
        do {
            // The row's own mailbox (the default when the name it carries is no longer configured) picks the relay
            // and the envelope sender, as the renderer picked the From.
            let mailbox = renderer.mailbox(for: item.item)
            // Refused (permanently, and shown on the ticket) unless both are plain addr-specs.
            let envelope = try OutgoingMail(
                envelopeFrom: envelopeFrom ?? mailbox.address.rawValue, recipients: [item.item.recipient.address],
                raw: raw)
            // Not cancellable: DATA once begun runs to the relay's reply, so its outcome is known and recorded.
            let relay = senders[mailbox.name] ?? sender
            try await Self.uncancelled { try await relay.send(envelope) }
            return true
        } catch {
            await recordFailure(item, error: error)
            return false
        }
    }

    private func recordFailure(_ item: OutboxItem, error: any Error) async {
        // Relay errors say for themselves; a broken template or model never heals; anything else (the database busy,
        // the disk full) is worth another try.
        let transient: Bool =
            switch error {
            case let error as MailTransportError: error.isTransient
            case is RenderError, is ComposeError, is DecodingError: false
            default: true
            }
        let decision = policy.decide(attempts: item.attempts, transient: transient)
        let message = "\(error)"
        let now = environment.now
        logger.notice(
            "outbox delivery failed",
            metadata: [
                "postdesk.outbox_id": "\(item.id)", "postdesk.attempts": "\(item.attempts)",
                "postdesk.error": "\(message)",
            ])
        let store = store
        do {
            try await Self.uncancelled {
                try await store.write { tx in
                    switch decision {
                    case .retry(let after):
                        let seconds = Double(after.components.seconds) + Double(after.components.attoseconds) / 1e18
                        try tx.markOutboxRetry(item.id, error: message, dueAt: now().addingTimeInterval(seconds))
                    case .giveUp:
                        try tx.markOutbox(item.id, state: .failed, error: message)
                        if let ticket = item.item.ticketID {
                            try tx.append(
                                TicketEvent(
                                    ticketID: ticket, kind: "mail.failed", at: now(),
                                    detail: "\(item.item.template) <\(item.item.messageID)> not sent: \(message)"))
                        }
                    }
                }
            }
        } catch {
            // The row stays `sending`; the next start turns it `uncertain` and shows it on the ticket.
            logger.error("could not record an outbox failure", metadata: ["postdesk.outbox_id": "\(item.id)"])
        }
    }
}
