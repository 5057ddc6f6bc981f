import Foundation
import Hummingbird
import PostdeskCore
import PostdeskWorkflow
import ServiceLifecycle

/// `GET /events`: a server-sent event stream for a signed-in operator or admin. Each ``LiveChange`` to a ticket
/// they may read (``TicketAccess``) arrives as `event: ticket` with `{"ticket": N, "kinds": […], "status": …}`;
/// heartbeats arrive as comments. The stream ends after ``streamLifetime`` (the browser reconnects by itself,
/// and the session and rights are checked again) and when the server shuts down.
extension ConsoleRoutes {
    static let streamLifetime: Duration = .seconds(600)

    struct EventPayload: Encodable {
        var ticket: Int64
        var kinds: [String]
        var status: String
    }

    func registerEvents(on router: Router<PortalRequestContext>) {
        router.get("/events") { _, context in
            _ = try context.require([.operator, .admin])
            guard let feed, let account = try await signedInOperator(context) else {
                throw SignInRequired(signedIn: true)
            }
            let access = self.access
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
                    // A server shutting down ends the stream, so open streams never hold the shutdown up.
                    try await withGracefulShutdownHandler {
                        for await batch in subscription.stream {
                            let text = Self.frames(batch, for: account, access: access)
                            try await writer.write(ByteBuffer(string: text))
                            if ContinuousClock.now >= deadline { break }
                        }
                    } onGracefulShutdown: {
                        subscription.finish()
                    }
                    try await writer.finish(nil)
                })
        }
    }

    /// The SSE text for one batch: a frame per change the operator may read, or a heartbeat comment for an empty
    /// batch (and for a batch of nothing they may read, which says nothing about other teams' tickets).
    static func frames(_ batch: [LiveChange], for account: OperatorAccount, access: TicketAccess) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var text = ""
        for change in batch where access.permission(of: .operator(account), on: change.ticket).mayRead {
            let payload = EventPayload(
                ticket: change.ticket.number.rawValue, kinds: change.kinds, status: change.ticket.status.rawValue)
            guard let data = try? encoder.encode(payload) else { continue }
            // JSONEncoder writes one line; the payload holds no user text, only numbers and our event kinds.
            text += "id: \(change.eventID)\nevent: ticket\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
        }
        return text.isEmpty ? ": heartbeat\n\n" : text
    }
}
