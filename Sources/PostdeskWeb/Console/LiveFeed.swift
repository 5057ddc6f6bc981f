import Foundation
public import PostdeskCore
import Synchronization

/// Changes to tickets, as the console's `GET /events` streams announce them: tickets whose events were written
/// since the last look, each once per look.
public struct LiveChange: Sendable, Hashable {
    /// The newest event's row id among this ticket's changes.
    public var eventID: Int64
    /// The ticket as it stands after the change (the stream asks ``TicketAccess`` with it).
    public var ticket: Ticket
    /// The kinds of the events, oldest first, each once (`message.received`, `status.changed`, …).
    public var kinds: [String]
}

/// The one reader behind every live stream: it tails the `event` table by row id once per ``interval`` while
/// anyone listens, and hands each batch to every subscriber. Every change writes events in its transaction, so this
/// sees mail from the poller (or another process such as `postdesk ingest`), rules, SLA timers and web actions alike;
/// idle connections cost one shared query per interval, not one each. A batch is handed out only when it holds
/// changes; each stream beats its own heartbeat every ``heartbeat`` (so its timing follows no one's activity).
public final class LiveFeed: Sendable {
    public let store: any TicketStore
    public let interval: Duration
    /// How often each stream sends a heartbeat comment, on its own clock: under the 30–60 s proxies allow.
    public let heartbeat: Duration
    /// The most events read in one look; a larger backlog is read in further looks at once.
    static let batchLimit = 500

    private struct State {
        var subscribers: [Int: AsyncStream<[LiveChange]>.Continuation] = [:]
        var nextID = 0
        var tailing = false
        var lastEventID: Int64 = 0
    }
    private let state = Mutex(State())

    /// - Parameters:
    ///   - interval: how often the table is read while anyone listens.
    ///   - heartbeat: how often each stream sends a heartbeat comment.
    public init(store: any TicketStore, interval: Duration = .seconds(1), heartbeat: Duration = .seconds(15)) {
        self.store = store
        self.interval = interval
        self.heartbeat = heartbeat
    }

    /// How many streams listen now.
    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// One listener: its stream, and a way to end it early (a server shutting down).
    public struct Subscription: Sendable {
        public var stream: AsyncStream<[LiveChange]>
        /// Ends the stream: the iteration over it finishes, and the listener is dropped.
        public var finish: @Sendable () -> Void
    }

    /// Starts listening: changes written after this returns arrive on the stream, a non-empty batch at a time.
    /// Ending the iteration (or dropping the stream) unsubscribes.
    public func subscribe() async throws -> Subscription {
        // The position is read before joining, so a change made right after this returns is never missed.
        let newest = try await store.read { q in try q.lastEventID() }
        let (stream, continuation) = AsyncStream.makeStream(
            of: [LiveChange].self, bufferingPolicy: .bufferingNewest(64))
        let (id, start) = state.withLock { state -> (Int, Bool) in
            state.nextID += 1
            state.subscribers[state.nextID] = continuation
            let start = !state.tailing
            if start {
                state.tailing = true
                state.lastEventID = newest
            }
            return (state.nextID, start)
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        if start { Task { await self.tail() } }
        return Subscription(stream: stream, finish: { continuation.finish() })
    }

    /// Reads and hands out batches until nobody listens.
    private func tail() async {
        while true {
            let position = state.withLock { state -> Int64? in
                guard !state.subscribers.isEmpty else {
                    state.tailing = false
                    return nil
                }
                return state.lastEventID
            }
            guard let position else { return }
            var changes: [LiveChange] = []
            var full = false
            do {
                let (batch, last) = try await store.read { q in try Self.changes(after: position, in: q) }
                changes = batch.changes
                full = batch.full
                state.withLock { $0.lastEventID = max($0.lastEventID, last) }
            } catch {
                // A busy or failing database: the next look tries again from the same position.
            }
            if !changes.isEmpty {
                let listeners = state.withLock { Array($0.subscribers.values) }
                for listener in listeners { listener.yield(changes) }
            }
            if !full { try? await Task.sleep(for: interval) }
        }
    }

    /// The tickets changed by events after `id`, one ``LiveChange`` each in the order of their latest event, and the
    /// last row id read.
    static func changes(after id: Int64, in q: any TicketQueries) throws -> (
        (changes: [LiveChange], full: Bool), Int64
    ) {
        let events = try q.events(after: id, limit: batchLimit)
        var order: [TicketID] = []
        var latest: [TicketID: (id: Int64, kinds: [String])] = [:]
        for logged in events {
            let ticket = logged.event.ticketID
            if latest[ticket] == nil { order.append(ticket) }
            var entry = latest[ticket] ?? (logged.id, [])
            entry.id = logged.id
            if !entry.kinds.contains(logged.event.kind) { entry.kinds.append(logged.event.kind) }
            latest[ticket] = entry
        }
        let changes = try order.compactMap { id -> LiveChange? in
            guard let ticket = try q.ticket(id: id), let entry = latest[id] else { return nil }
            return LiveChange(eventID: entry.id, ticket: ticket, kinds: entry.kinds)
        }
        return ((changes.sorted { $0.eventID < $1.eventID }, events.count == batchLimit), events.last?.id ?? id)
    }
}
