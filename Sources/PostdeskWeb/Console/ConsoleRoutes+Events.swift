import Foundation
import Hummingbird
import PostdeskCore
import PostdeskWorkflow
import ServiceLifecycle

/// `GET /events`: a server-sent event stream for a signed-in operator or admin. Each ``LiveChange`` to a ticket
/// they may read (``TicketAccess``) arrives as `event: ticket` with `{"ticket": N, "kinds": […], "status": …}` and
/// an id counting this connection's frames; heartbeat comments come every ``LiveFeed/heartbeat`` from the
/// connection's own timer (``LiveStreamFramer`` says why). At each heartbeat the session and the operator's rights
/// are read again: a signed-out, disabled or moved operator stops hearing at once. The stream ends after
/// ``streamLifetime`` (the browser reconnects by itself) and when the server shuts down.
extension ConsoleRoutes {
    static let streamLifetime: Duration = .seconds(600)

    /// What a connection's writer waits for: a batch from the feed, or its own heartbeat.
    enum StreamItem: Sendable {
        case changes([LiveChange])
        case heartbeat
    }

    func registerEvents(on router: Router<PortalRequestContext>) {
        router.get("/events") { _, context in
            let session = try context.require([.operator, .admin])
            guard let feed, let account = try await signedInOperator(context) else {
                throw SignInRequired(signedIn: true)
            }
            let access = self.access
            let store = self.store
            let now = self.now
            let subscription = try await feed.subscribe()
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
                    .init("X-Accel-Buffering")!: "no",
                ],
                body: ResponseBody { writer in
                    // However the stream ends (a closed connection throws on the next write), the listener goes.
                    defer { subscription.finish() }
                    // The browser waits 3 s before reconnecting; the first comment flushes the headers at once.
                    try await writer.write(ByteBuffer(string: "retry: 3000\n: connected\n\n"))
                    let deadline = ContinuousClock.now + Self.streamLifetime
                    var framer = LiveStreamFramer(account: account, access: access)
                    let (items, sink) = AsyncStream.makeStream(
                        of: StreamItem.self, bufferingPolicy: .bufferingNewest(64))
                    // A server shutting down ends the stream, so open streams never hold the shutdown up.
                    try await withGracefulShutdownHandler {
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            group.addTask {
                                for await batch in subscription.stream { sink.yield(.changes(batch)) }
                                sink.finish()
                            }
                            group.addTask {
                                while !Task.isCancelled {
                                    try await Task.sleep(for: feed.heartbeat)
                                    sink.yield(.heartbeat)
                                }
                            }
                            listening: for await item in items {
                                switch item {
                                case .changes(let batch):
                                    let text = framer.frames(batch)
                                    if !text.isEmpty { try await writer.write(ByteBuffer(string: text)) }
                                case .heartbeat:
                                    guard
                                        let current = try await Self.stillSignedIn(
                                            session, account: account.id, store: store, at: now())
                                    else { break listening }
                                    framer.account = current
                                    try await writer.write(ByteBuffer(string: LiveStreamFramer.heartbeat))
                                }
                                if ContinuousClock.now >= deadline { break listening }
                            }
                            group.cancelAll()
                        }
                    } onGracefulShutdown: {
                        subscription.finish()
                    }
                    try await writer.finish(nil)
                })
        }
    }

    /// The operator's account as it stands, while the session is live and the account enabled; nil ends the stream.
    static func stillSignedIn(_ session: WebSession, account id: OperatorID, store: any TicketStore, at date: Date)
        async throws -> OperatorAccount?
    {
        try await store.read { q in
            guard try q.session(tokenDigest: session.tokenDigest, at: date) != nil,
                let account = try q.operatorAccount(id: id), !account.isDisabled
            else { return nil }
            return account
        }
    }
}
