import Foundation
import Logging
public import PostdeskCore
public import ServiceLifecycle

/// Polls one mailbox: fetch everything above the committed UID, ingest it, then IDLE (or sleep) until more comes.
///
/// The mark lives in the database and moves in the same transaction as the mail it covers (ARCHITECTURE §2 steps
/// 1, 8). A new UIDVALIDITY starts over from UID 0; the ledger's SHA-256 key drops what was already taken in.
public struct MailboxPoller: Service {
    public var name: String
    public var reader: any MailboxReader
    public var processor: InboundProcessor
    public var pollInterval: Duration
    public var batchSize: Int
    public var logger: Logger

    public init(
        name: String, reader: any MailboxReader, processor: InboundProcessor, pollInterval: Duration,
        batchSize: Int = 200, logger: Logger
    ) {
        self.name = name
        self.reader = reader
        self.processor = processor
        self.pollInterval = pollInterval
        self.batchSize = batchSize
        self.logger = logger
    }

    public func run() async throws {
        var backoff = PollBackoff()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await drain()
                backoff.succeeded()
                // IDLE ends at once on SIGTERM: graceful shutdown cancels the wait, not a fetch in progress.
                _ = try? await cancelWhenGracefulShutdown { try await reader.idle(timeout: pollInterval) }
            } catch let error as MailTransportError {
                let delay = backoff.failed()
                logger.warning(
                    "mailbox poll failed",
                    metadata: [
                        "postdesk.mailbox": "\(name)", "postdesk.error": "\(error)", "postdesk.retry_in": "\(delay)",
                    ])
                await reader.close()
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
            } catch {
                let delay = backoff.failed()
                logger.error(
                    "mailbox ingest failed",
                    metadata: [
                        "postdesk.mailbox": "\(name)", "postdesk.error": "\(error)", "postdesk.retry_in": "\(delay)",
                    ])
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
            }
        }
        await reader.close()
    }

    /// Takes in everything that is waiting. Returns how many messages were fetched.
    @discardableResult
    public func drain() async throws -> Int {
        for case .quarantined(let id, let reason) in try await processor.resumeInterrupted(mailbox: name) {
            logger.error(
                "mail quarantined", metadata: ["postdesk.inbound_id": "\(id)", "postdesk.reason": "\(reason)"])
        }
        let status = try await reader.select()
        let stored = try await processor.store.read { [name] q in try q.mailboxCursor(name) }
        let last: UInt32 = stored?.uidValidity == status.uidValidity ? stored?.lastUID ?? 0 : 0
        if let stored, stored.uidValidity != status.uidValidity {
            logger.notice("UIDVALIDITY changed: rescanning", metadata: ["postdesk.mailbox": "\(name)"])
        }
        // One batch for the whole backlog: the store checkpoints once after it, not every few hundred mails.
        return try await processor.store.batch { try await drain(after: last, uidValidity: status.uidValidity) }
    }

    /// Fetches and ingests batch after batch above `start` until the mailbox has nothing more.
    ///
    /// The next batch is fetched while this one is ingested (the connection and the store work at once); the mark
    /// still moves only with the commit of the mail it covers, so a crash loses nothing and fetches nothing twice
    /// that was committed.
    private func drain(after start: UInt32, uidValidity: UInt32) async throws -> Int {
        var total = 0
        var last = start
        var batch = try await reader.fetch(after: start, limit: batchSize).filter { $0.uid > start }
        while let highest = batch.map(\.uid).max() {
            async let following = reader.fetch(after: highest, limit: batchSize)
            let raws = batch.map { InboundProcessor.Raw(bytes: $0.raw, uid: $0.uid) }
            let cursor = MailboxCursor(mailbox: name, uidValidity: uidValidity, lastUID: highest)
            let results: [IngestResult]
            do {
                results = try await processor.ingest(raws, mailbox: name, uidValidity: uidValidity, advancing: cursor)
            } catch {
                // Let the fetch finish rather than cancel it halfway through the conversation.
                _ = try? await following
                throw error
            }
            for case .quarantined(let id, let reason) in results {
                logger.error(
                    "mail quarantined", metadata: ["postdesk.inbound_id": "\(id)", "postdesk.reason": "\(reason)"])
            }
            total += batch.count
            last = highest
            batch = try await following.filter { [last] in $0.uid > last }
        }
        return total
    }
}

/// Backoff between failed poll cycles: 1 s doubling to a minute, reset by a good cycle.
struct PollBackoff: Sendable {
    private var failures = 0

    mutating func failed() -> Duration {
        failures += 1
        return .seconds(min(60, 1 << min(failures - 1, 6)))
    }

    mutating func succeeded() {
        failures = 0
    }
}
