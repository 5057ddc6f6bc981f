public import Hummingbird
import Mustache
public import PostdeskCore

/// The customer portal, health and metrics endpoints.
public struct PortalRoutes: Sendable {
    public var store: any TicketStore

    public init(store: any TicketStore) {
        self.store = store
    }

    /// Adds the routes to `router`.
    public func register(on router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in
            try await store.read { q in _ = try q.tickets(limit: 1) }
            return "ok\n"
        }
        router.get("/metrics") { _, _ in
            let text = try await store.read { q in try MetricsText.render(q) }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: text))
            )
        }
        router.get("/") { _, _ in
            HTMLPage(html: PageTemplates.landing.render(["title": "Support"]))
        }
        router.get("/t/:token") { _, context in
            try await ticketPage(token: context.parameters.get("token") ?? "")
        }
    }

    /// The page for one ticket. A token either opens exactly its ticket or shows the same "not found" page,
    /// whatever the reason, so guessing learns nothing.
    func ticketPage(token: String) async throws -> HTMLPage {
        let found = try await store.read { q -> TicketPageView? in
            guard token.count >= 20, let ticket = try q.ticket(portalToken: token) else { return nil }
            return TicketPageView(ticket: ticket, messages: try q.messages(of: ticket.id, includeInternal: false))
        }
        guard let view = found else {
            return HTMLPage(status: .notFound, html: PageTemplates.notFound.render(["title": "Not found"]))
        }
        return HTMLPage(
            html: PageTemplates.ticket.render(PageContext(title: "[#\(view.number)] \(view.subject)", view: view)))
    }
}

/// Layout title plus the page's view, flattened for Mustache.
private struct PageContext: MustacheParent {
    var title: String
    var view: TicketPageView

    func child(named name: String) -> Any? {
        if name == "title" { return title }
        return Mirror(reflecting: view).children.first { $0.label == name }?.value
    }
}
