import Foundation
import PostdeskCore
import PostdeskCrypto
import PostdeskWorkflow
import Testing

@testable import PostdeskWeb

/// Issue 10 point 2, "new mail and changes by others appear without a reload": `GET /console/tickets/N/live` is the
/// page's changing parts, rendered from the page's own partials, that `/console.js` swaps in when `/events` names the
/// open ticket; and it shows nobody a ticket the page would not.
@Suite(.serialized) struct ConsoleLiveTests {
    let printer = "/console/tickets/2"

    @Test("the fragment holds the header, thread and history as they stand now, and no form or layout")
    func fragment() async throws {
        // Given Anna has ticket #2 open
        let desk = try await ConsoleDesk()
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let anna = try await desk.signIn("anna@example.test", port: server.port)
        let page = try await anna.get(printer)
        #expect(page.body.contains("data-live=\"/console/tickets/2/live\""))
        for id in ["ticket-head", "thread", "history"] { #expect(page.body.contains("id=\"\(id)\""), "\(id)") }

        // When Boris adds a note and solves it, and Ivan writes again by mail
        let boris = try await desk.signIn("boris@example.test", port: server.port)
        _ = try await boris.get(printer)
        #expect(try await boris.post(printer + "/note", ["text": "Checked <the> toner"]).status == 303)
        #expect(try await boris.post(printer + "/status", ["status": "pending"]).status == 303)
        try await desk.mail(
            from: "ivan@example.ru", name: "Ivan", subject: "Re: Printer", text: "Still burning", id: "c2@example.ru",
            hints: ThreadHints(referencedMessageIDs: ["c1@example.ru"]))

        // Then Anna's fragment shows the note (escaped), Ivan's mail, the new status and the history line
        let live = try await anna.get(printer + "/live")
        #expect(live.status == 200 && live.headers["content-type"] == "text/html; charset=utf-8")
        #expect(live.headers["cache-control"] == "no-store")
        #expect(live.body.contains("Checked &lt;the&gt; toner") && live.body.contains("Still burning"))
        #expect(live.body.contains("status-open") || live.body.contains("status-pending"))
        // The header names what each action list should show now (console.js moves untouched lists to it)
        #expect(
            live.body.contains("<header id=\"ticket-head\" data-status=\"open\" data-priority=\"normal\"")
                || live.body.contains("<header id=\"ticket-head\" data-status=\"pending\" data-priority=\"normal\""))
        #expect(live.body.contains("<div id=\"thread\""))
        #expect(live.body.contains("<table id=\"history\">") && live.body.contains("status.changed"))
        // And it is only those parts: no layout, no form, no CSRF token to lift
        #expect(!live.body.contains("<html") && !live.body.contains("<form") && !live.body.contains("csrf"))
        #expect(!live.body.contains("<script"))
        // And its thread is exactly the page's thread
        let reloaded = try await anna.get(printer)
        #expect(Self.part("thread", of: reloaded.body) == Self.part("thread", of: live.body))
    }

    @Test("the fragment gives the same empty 404 for a ticket of another team as for none, and needs a session")
    func access() async throws {
        // Given operators see only their teams; Sergei is in sales, #2 belongs to support
        let desk = try await ConsoleDesk(seeAllTeams: false)
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let sergei = try await desk.signIn("sergei@example.test", port: server.port)

        // When he asks for #2's fragment, for a missing ticket's and for odd numbers
        let hidden = try await sergei.get(printer + "/live")
        let missing = try await sergei.get("/console/tickets/999/live")
        let odd = try await sergei.get("/console/tickets/-2/live")
        let own = try await sergei.get("/console/tickets/3/live")

        // Then each is the same empty 404 and says nothing of the ticket; his own team's ticket shows
        #expect(hidden.status == 404 && missing.status == 404 && odd.status == 404)
        #expect(hidden.body.isEmpty && missing.body.isEmpty)
        #expect(own.status == 200 && own.body.contains("Olga"))

        // And without a session, with a signed link, or as a customer, nothing shows
        let stranger = WebClient(port: server.port)
        let anonymous = try await stranger.get(printer + "/live")
        #expect(anonymous.status == 303 && anonymous.location == "/login")
        let key = ConsoleLink.sign(
            ticketNumber: 2, operatorID: desk.anna.id.rawValue, at: desk.now, keys: ConsoleDesk.keys)
        let linked = try await stranger.get(printer + "/live?k=" + key.key)
        #expect(linked.status == 303 && !linked.body.contains("Printer"))
        let ivan = try await Self.customer("ivan@example.ru", desk: desk, port: server.port)
        let customer = try await ivan.get(printer + "/live")
        #expect(customer.status == 403 && !customer.body.contains("Printer"))
    }

    @Test("console.js swaps the parts in by id and keeps the forms; it fetches only the page's own live path")
    func script() async throws {
        let script = ConsoleScript.source
        #expect(script.contains("root.getAttribute(\"data-live\")"))
        #expect(script.contains("[\"ticket-head\", \"thread\", \"history\"]") && script.contains("replaceWith"))
        #expect(!script.contains("reply-text\").value") && !script.contains("innerHTML"))
        // A few kilobytes at most (issue 10 point 6), together with the queue's
        #expect(script.utf8.count + QueueScript.js.utf8.count < 6 * 1024)
    }

    /// A browser signed in as the customer with this address (an account made for them here).
    static func customer(_ address: String, desk: ConsoleDesk, port: Int) async throws -> WebClient {
        let date = desk.now
        try await desk.store.write { tx in
            _ = try tx.addUser(NewUser(role: .customer, address: EmailAddress(address)!, name: nil), at: date)
        }
        _ = try await desk.routes.accounts.setPassword(email: address, password: ConsoleDesk.password)
        let browser = WebClient(port: port)
        _ = try await browser.get("/login")
        let answer = try await browser.post("/login", ["email": address, "password": ConsoleDesk.password])
        #expect(answer.status == 303 && answer.location == "/tickets")
        return browser
    }

    /// The element with this id in `html`, from its tag to the line holding its closing tag.
    static func part(_ id: String, of html: String) -> Substring? {
        guard let start = html.range(of: "id=\"\(id)\""),
            let end = html.range(of: "</div>", range: start.upperBound..<html.endIndex)
        else { return nil }
        return html[start.lowerBound..<end.upperBound]
    }
}
