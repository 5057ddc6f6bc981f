import Foundation
import Hummingbird
import PostdeskCore
import PostdeskStore
import Testing

@testable import PostdeskWeb

/// Issue 7 point 7, on real HTTP responses: every response carries the security headers, and `/metrics` answers only
/// loopback or the configured bearer token.
@Suite("Portal over HTTP", .serialized)
struct PortalHTTPTests {
    static let token = "http0000000000000000000001"
    static let metricsToken = "scrape-secret-0123456789"
    static let csp =
        "default-src 'none'; style-src 'self'; script-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    let db: PortalRoutesTests.Database

    /// Given a ticket whose link is `token`.
    init() async throws {
        db = try PortalRoutesTests.Database()
        try await db.store.write { tx in
            let customer = try tx.upsertCustomer(Person(name: "Ivan", address: "ivan@example.ru"), at: Date())
            _ = try tx.createTicket(
                subject: "Printer", customer: customer, priority: .normal, portalToken: Self.token, at: Date())
        }
    }

    private func expectSecurityHeaders(_ headers: [String: String], _ path: String) {
        #expect(headers["content-security-policy"] == Self.csp, "\(path)")
        #expect(headers["x-content-type-options"] == "nosniff", "\(path)")
        #expect(headers["referrer-policy"] == "no-referrer", "\(path)")
    }

    @Test("every response carries CSP, nosniff and no-referrer: pages, 404s, health, metrics, the stylesheet")
    func headersEverywhere() async throws {
        let server = try await LiveServer.start(
            PortalRoutes(store: db.store, pages: try await PageLibrary.load()).router())
        defer { server.stop() }
        for (path, status) in [
            ("/", 200), ("/t/\(Self.token)", 200), ("/t/wrong0000000000000000000", 404), ("/nothing/here", 404),
            ("/healthz", 200), ("/metrics", 200), ("/portal.css", 200),
        ] {
            // When each is fetched
            let response = try await server.get(path)

            // Then the status is as expected and the headers are all there
            #expect(response.status == status, "\(path)")
            expectSecurityHeaders(response.headers, path)
        }
    }

    @Test("the ticket page loads nothing inline: its one stylesheet is our own, served as CSS")
    func stylesheet() async throws {
        let server = try await LiveServer.start(
            PortalRoutes(store: db.store, pages: try await PageLibrary.load()).router())
        defer { server.stop() }
        let page = try await server.get("/t/\(Self.token)")
        #expect(page.body.contains("<link rel=\"stylesheet\" href=\"/portal.css\">"))
        #expect(!page.body.contains("<style") && !page.body.contains("style=") && !page.body.contains("<script"))
        #expect(page.headers["cache-control"] == "no-store")
        let css = try await server.get("/portal.css")
        #expect(css.headers["content-type"] == "text/css; charset=utf-8")
        #expect(css.body.contains(".msg.new-participant"))
    }

    @Test("a failing handler's 500 carries the headers too, and no error text")
    func errorsCarryHeaders() async throws {
        let server = try await LiveServer.start(
            PortalRoutes(store: FailingStore(), pages: try await PageLibrary.load()).router())
        defer { server.stop() }
        for path in ["/healthz", "/t/\(Self.token)"] {
            let response = try await server.get(path)
            #expect(response.status == 500, "\(path)")
            expectSecurityHeaders(response.headers, path)
            #expect(!response.body.contains("disk on fire"))
        }
    }

    @Test(
        "/metrics through a local reverse proxy needs the bearer token",
        arguments: [
            ([String: String](), 200),
            (["X-Forwarded-For": "203.0.113.9"], 403),
            (["Forwarded": "for=203.0.113.9"], 403),
            (["X-Real-IP": "203.0.113.9"], 403),
            (["Via": "1.1 nginx"], 403),
            (["X-Forwarded-Host": "help.example.test"], 403),
            (["X-Forwarded-For": "203.0.113.9", "Authorization": "Bearer wrong"], 403),
            (["X-Forwarded-For": "203.0.113.9", "Authorization": "Bearer \(metricsToken)x"], 403),
            (["X-Forwarded-For": "203.0.113.9", "Authorization": "Basic \(metricsToken)"], 403),
            (["X-Forwarded-For": "203.0.113.9", "Authorization": "Bearer \(metricsToken)"], 200),
            (["X-Forwarded-For": "203.0.113.9", "Authorization": "bearer \(metricsToken)"], 200),
        ]
    )
    func metricsBehindProxy(headers: [String: String], status: Int) async throws {
        let server = try await LiveServer.start(
            PortalRoutes(store: db.store, pages: try await PageLibrary.load(), metricsToken: Self.metricsToken).router()
        )
        defer { server.stop() }
        let response = try await server.get("/metrics", headers: headers)
        #expect(response.status == status)
        #expect(response.body.contains("postdesk_outbox_messages") == (status == 200))
        expectSecurityHeaders(response.headers, "/metrics")
    }

    @Test(
        "/metrics from another host: refused without the token, served with it",
        .enabled(if: LiveServer.nonLoopbackIPv4 != nil)
    )
    func metricsFromAnotherHost() async throws {
        // Given the portal listening on all addresses, reached through this machine's non-loopback address
        let address = try #require(LiveServer.nonLoopbackIPv4)
        let open = try await LiveServer.start(
            PortalRoutes(store: db.store, pages: try await PageLibrary.load()).router(), host: "0.0.0.0")
        defer { open.stop() }
        let guarded = try await LiveServer.start(
            PortalRoutes(store: db.store, pages: try await PageLibrary.load(), metricsToken: Self.metricsToken)
                .router(), host: "0.0.0.0")
        defer { guarded.stop() }

        // When a scraper asks without a token, with a wrong one, and with the right one
        let noTokenConfigured = try await open.get("/metrics", host: address)
        let bearerWithoutConfig = try await open.get(
            "/metrics", host: address, headers: ["Authorization": "Bearer anything"])
        let noToken = try await guarded.get("/metrics", host: address)
        let wrong = try await guarded.get("/metrics", host: address, headers: ["Authorization": "Bearer nope"])
        let right = try await guarded.get(
            "/metrics", host: address, headers: ["Authorization": "Bearer \(Self.metricsToken)"])

        // Then only the right token is served; the page itself still answers everyone
        #expect(noTokenConfigured.status == 403 && bearerWithoutConfig.status == 403)
        #expect(noToken.status == 403 && wrong.status == 403)
        #expect(!noToken.body.contains("postdesk_"))
        #expect(right.status == 200 && right.body.contains("postdesk_inbound_messages"))
        #expect(try await guarded.get("/healthz", host: address).status == 200)
        expectSecurityHeaders(noToken.headers, "/metrics")
    }
}

/// A store whose every call fails, for the error path.
struct FailingStore: TicketStore {
    func write<T: Sendable>(_ work: @escaping @Sendable (any TicketTransaction) throws -> T) async throws -> T {
        throw StoreError(code: .corrupt, message: "disk on fire")
    }

    func read<T: Sendable>(_ work: @escaping @Sendable (any TicketQueries) throws -> T) async throws -> T {
        throw StoreError(code: .corrupt, message: "disk on fire")
    }
}
