import Foundation
import PostdeskCore
import Testing

@testable import PostdeskWeb

/// Issue 10 point 4: a short first-steps hint for a new customer, operator and admin that stays until "don't show
/// again", remembered per account (every browser), and only ever dismissable by the person it is for.
@Suite(.serialized) struct FirstStepsHintTests {
    @Test("an operator's hint on the queue stays until dismissed, then is gone in every browser of that account only")
    func operatorHint() async throws {
        // Given Anna and Boris, each signed in
        let desk = try await ConsoleDesk()
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let anna = try await desk.signIn("anna@example.test", port: server.port)
        let queue = try await anna.get("/console")
        #expect(queue.body.contains("First steps") && queue.body.contains("action=\"/hints/console\""))
        #expect(try await anna.get("/console").body.contains("First steps"))

        // When Anna presses "don't show again"
        let dismissed = try await anna.post("/hints/console", [:])

        // Then she is back on the queue without the hint, also in a second browser; Boris still has his
        #expect(dismissed.status == 303 && dismissed.location == "/console")
        #expect(!(try await anna.get("/console").body.contains("First steps")))
        let annasLaptop = try await desk.signIn("anna@example.test", port: server.port)
        #expect(!(try await annasLaptop.get("/console").body.contains("First steps")))
        let boris = try await desk.signIn("boris@example.test", port: server.port, language: "ru")
        #expect(try await boris.get("/console").body.contains("Первые шаги"))
    }

    @Test("a customer's hint is per account too, and nobody dismisses a hint that is not theirs")
    func customerHintAndAttacks() async throws {
        let desk = try await ConsoleDesk()
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let ivan = try await ConsoleLiveTests.customer("ivan@example.ru", desk: desk, port: server.port)
        #expect(try await ivan.get("/tickets").body.contains("action=\"/hints/tickets\""))

        // When Ivan tries the operator's and the admin's hints, an unknown one, and his own without the token
        #expect(try await ivan.post("/hints/console", [:]).status == 404)
        #expect(try await ivan.post("/hints/admin", [:]).status == 404)
        #expect(try await ivan.post("/hints/tickets", [:], csrf: false).status == 403)
        let anna = try await desk.signIn("anna@example.test", port: server.port)
        _ = try await anna.get("/console")  // a signed-in page, for the session's CSRF token
        #expect(try await anna.post("/hints/admin", [:]).status == 404)
        #expect(try await anna.post("/hints/tickets", [:]).status == 404)
        #expect(try await WebClient(port: server.port).post("/hints/console", [:], csrf: false).status == 403)
        // Then nothing was stored
        let stored = try await desk.store.read { q in
            try q.dismissedHints(of: .operator(desk.anna.id))
        }
        #expect(stored.isEmpty)

        // When he dismisses his own, it is gone in a new browser too
        #expect(try await ivan.post("/hints/tickets", [:]).location == "/tickets")
        let second = WebClient(port: server.port)
        _ = try await second.get("/login")
        _ = try await second.post("/login", ["email": "ivan@example.ru", "password": ConsoleDesk.password])
        let list = try await second.get("/tickets")
        #expect(list.status == 200 && !list.body.contains("First steps"))
    }
}

extension AdminRoutesTests {
    @Test("the admin's hint names what to set up first, in English and Russian, until \"don't show again\"")
    func adminHint() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let alice = try await signedIn("alice@example.test", port: server.port)

        // When Alice opens an admin page
        let page = try await alice.get("/admin/rules")

        // Then the hint points at mailboxes (test connection), operators and teams, and rules, in that order
        #expect(page.body.contains("First steps"))
        let mailboxes = try #require(page.body.range(of: "<li><a href=\"/admin/mailboxes\">"))
        let operators = try #require(page.body.range(of: "<li><a href=\"/admin/operators\">"))
        let rules = try #require(page.body.range(of: "<li><a href=\"/admin/rules\">"))
        #expect(mailboxes.lowerBound < operators.lowerBound && operators.lowerBound < rules.lowerBound)
        #expect(page.body.contains("Test connection"))
        let russian = WebClient(port: server.port, language: "ru")
        _ = try await russian.get("/login")
        _ = try await russian.post("/login", ["email": "alice@example.test", "password": Self.password])
        #expect(try await russian.get("/admin/operators").body.contains("Проверить соединение"))

        // When she dismisses it
        let dismissed = try await alice.post("/hints/admin", [:])
        // Then no admin page shows it any more, in any browser of hers, while the queue's hint is its own
        #expect(dismissed.status == 303 && dismissed.location == "/admin")
        #expect(!(try await alice.get("/admin/operators").body.contains("/hints/admin")))
        #expect(!(try await russian.get("/admin/mailboxes").body.contains("/hints/admin")))
        #expect(try await alice.get("/console").body.contains("/hints/console"))
        // And the operator Oleg cannot dismiss it for anyone
        let oleg = try await signedIn("oleg@example.test", port: server.port)
        #expect(try await oleg.post("/hints/admin", [:]).status == 404)
    }
}
