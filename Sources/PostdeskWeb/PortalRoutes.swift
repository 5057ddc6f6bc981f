public import Foundation
public import Hummingbird
public import PostdeskCore
public import PostdeskCrypto
import PostdeskWorkflow

/// The customer portal, health and metrics endpoints.
public struct PortalRoutes: Sendable {
    public var store: any TicketStore
    public var metrics: MetricsAccess
    public var console: ConsoleRoutes
    public var pages: PageLibrary
    /// Sign-in, sessions and account mail; routes reach the signed-in ``WebSession`` through the request context.
    public var accounts: AccountService
    /// The console's and portal's actions and the rights policy; nil: the pages only show.
    public var actions: WebActions?
    /// What the admin pages change through (the CLI's code); nil: no admin pages.
    public var admin: (any AdminBackend)?
    /// The clock of the admin pages' records (who discarded a mail, and when).
    var now: @Sendable () -> Date

    /// - Parameters:
    ///   - pages: the page templates, loaded at start (``PageLibrary/load(from:)``).
    ///   - metricsToken: `metrics.token`: the bearer token that opens `/metrics` to non-loopback peers; nil: none.
    ///   - keys: verifies the console links of operator notifications; nil: the console opens nothing.
    ///   - accountSettings: sign-up mode, cookie security, password cost, rate limit.
    ///   - actions: what forms change tickets through; nil: no form changes anything.
    ///   - now: the clock links and sessions expire by.
    public init(
        store: any TicketStore, pages: PageLibrary, metricsToken: String? = nil, keys: KeyRing? = nil,
        accountSettings: AccountSettings = AccountSettings(), actions: WebActions? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.actions = actions
        self.pages = pages
        self.now = now
        self.metrics = MetricsAccess(token: metricsToken)
        self.console = ConsoleRoutes(
            store: store, pages: pages, keys: keys, now: now, actions: actions, feed: LiveFeed(store: store))
        self.accounts = AccountService(store: store, settings: accountSettings, now: now, keys: keys)
    }

    /// A router serving every route, with ``SecurityHeaders`` on every response (404s and errors included).
    public func router() -> Router<PortalRequestContext> {
        let router = Router(context: PortalRequestContext.self)
        // Hummingbird wraps each route in the middleware added before it, and the not-found responder in all.
        router.add(middleware: SecurityHeaders<PortalRequestContext>())
        router.add(middleware: WebSessionMiddleware(accounts: accounts))
        register(on: router)
        console.register(on: router)
        InviteRoutes(accounts: accounts, console: console, pages: pages).register(on: router)
        HintRoutes(store: store, settings: accounts.settings, now: now).register(on: router)
        QueueRoutes(store: store, pages: pages, access: actions?.access ?? TicketAccess()).register(on: router)
        AccountRoutes(accounts: accounts, pages: pages).register(on: router)
        customer.register(on: router)
        if let admin { AdminRoutes(store: store, pages: pages, backend: admin, now: now).register(on: router) }
        return router
    }

    func register(on router: Router<PortalRequestContext>) {
        router.get("/healthz") { _, _ in
            try await store.read { q in _ = try q.tickets(limit: 1) }
            return "ok\n"
        }
        router.get("/metrics") { request, context in
            // Not among swift-http-types' named fields (and HTTPTypes is not ours to import): built by name.
            let forwarded = MetricsAccess.proxyHeaders.contains { request.headers[.init($0)!] != nil }
            guard
                metrics.allows(
                    peer: context.peerAddress, forwarded: forwarded, authorization: request.headers[.authorization])
            else {
                return Response(
                    status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: "forbidden: /metrics needs loopback or the token\n")))
            }
            let text = try await store.read { q in try MetricsText.render(q) }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: text))
            )
        }
        router.get("/portal.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: PortalStylesheet.css)))
        }
        router.get("/") { _, context in
            pages.page(.landing, title: context.language.strings.support, chrome: PageChrome(context))
        }
    }

    /// The customer pages: tickets, the new-ticket form, each ticket's chat, its files, and `/t/<token>`.
    var customer: CustomerRoutes {
        CustomerRoutes(store: store, pages: pages, actions: actions, settings: accounts.settings)
    }

    /// The page a mailed link opens: exactly its ticket, or the same "not found" page whatever the reason, so
    /// guessing learns nothing. (The route is ``CustomerRoutes``'s; this renders it outside a request.)
    func ticketPage(token: String, chrome: PageChrome = .plain) async throws -> HTMLPage {
        let opened = try await store.read { q -> Ticket? in
            guard (20...200).contains(token.utf8.count), let ticket = try q.ticket(portalToken: token),
                try PortalWorkflow.linkWorks(for: ticket, in: q)
            else { return nil }
            return ticket
        }
        guard let ticket = opened else {
            return pages.page(.notFound, title: chrome.strings.ticketNotFound, chrome: chrome, status: .notFound)
        }
        let routes = customer
        var view = try await routes.chatView(
            CustomerRoutes.Opened(ticket: ticket, viewer: .portalLink(ticket.id), base: "/t/\(token)"),
            language: chrome.strings.lang == "ru" ? .ru : .en, showImagesOf: nil)
        view.canReply = actions != nil
        view.byLink = true
        return pages.page(.ticket, title: "[#\(view.number)] \(view.subject)", view: view, chrome: chrome)
    }
}
