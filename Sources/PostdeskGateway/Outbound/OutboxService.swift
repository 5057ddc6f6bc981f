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
    public var logger: Logger

    /// - Parameters:
    ///   - sender: the relay of every mailbox without one in `senders`.
    ///   - senders: relays by mailbox name.
    ///   - envelopeFrom: a fixed envelope sender; nil sends each row with its mailbox's address.
    ///   - lanes: how many rows are sent at once.
    ///   - batchSize: how many rows a lane claims at a time.
    public init(
        store: any TicketStore, sender: any MailSender, senders: [String: any MailSender] = [:],
        renderer: MailRenderer, environment: WorldEnvironment, envelopeFrom: String? = nil,
        policy: RetryPolicy = RetryPolicy(), interval: Duration = .milliseconds(250), lanes: Int = 1,
        batchSize: Int = 10, logger: Logger
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
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<lanes {
                group.addTask {
                    while !Task.isShuttingDownGracefully && !Task.isCancelled {
                        let sent = try await drainOnce(limit: batchSize)
                        if sent == 0 { try? await Task.sleep(for: interval) }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Sends everything due now on all ``lanes`` and returns how many rows were attempted: `postdesk poll`'s send.
    @discardableResult
    public func drainAll() async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<lanes {
                group.addTask {
                    var attempted = 0
                    while case let count = try await drainOnce(limit: batchSize), count > 0 { attempted += count }
                    return attempted
                }
            }
            return try await group.reduce(0, +)
        }
    }

    /// Claims up to `limit` due rows and sends them one after the other. Returns how many were attempted.
    @discardableResult
    public func drainOnce(limit: Int = 50) async throws -> Int {
        let now = environment.now()
        let claimed = try await store.write { tx in try tx.claimOutbox(now: now, limit: limit) }
        var accepted: [(OutboxItem, Date)] = []
        for (item, raw) in await rendered(claimed) {
            if await deliver(item, raw: raw) { accepted.append((item, environment.now())) }
        }
        await markSent(accepted)
        return claimed.count
    }

    /// Records the rows the relay accepted as `sent`, with their `mail.sent` events, in one transaction for the whole
    /// batch (a transaction per mail was a tenth of the CPU of sending one, and held the single writer that often).
    /// Until it commits, those rows are still `sending`, which a crash turns `uncertain`, never back to `queued`: the
    /// batch costs at most a few mails shown as uncertain after a crash, never a second send.
    private func markSent(_ accepted: [(OutboxItem, Date)]) async {
        guard !accepted.isEmpty else { return }
        do {
            try await store.write { [accepted] tx in
                for (item, at) in accepted {
                    try tx.markOutboxSent(item.id, at: at)
                    if let ticket = item.item.ticketID {
                        try tx.append(
                            TicketEvent(
                                ticketID: ticket, kind: "mail.sent", at: at,
                                detail:
                                    "\(item.item.template) to \(item.item.recipient.address) <\(item.item.messageID)>"))
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
        do {
            try await store.write { [fresh] tx in
                for (item, raw) in fresh { try tx.setOutboxRendered(item.id, raw: raw) }
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
            try await (senders[mailbox.name] ?? sender).send(envelope)
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
        do {
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
        } catch {
            // The row stays `sending`; the next start turns it `uncertain` and shows it on the ticket.
            logger.error("could not record an outbox failure", metadata: ["postdesk.outbox_id": "\(item.id)"])
        }
    }
}
