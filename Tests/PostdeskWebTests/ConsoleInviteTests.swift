import Foundation
import PostdeskCore
import PostdeskWorkflow
import Testing

@testable import PostdeskWeb

/// Issue 10 point 1, "an operator can invite a customer": `/console/customers/invite` and the ticket page's button
/// run the code of `postdesk user invite`, and make customers only: no role, no password, no staff account.
@Suite(.serialized) struct ConsoleInviteTests {
    /// The account mails queued, as (template, recipient, actor).
    static func invitations(_ desk: ConsoleDesk) async throws -> [String] {
        try await desk.store.read { q in
            try q.outbox(state: .queued, limit: 200).filter { $0.item.template == "account_invite" }.map {
                $0.item.recipient.address
            }
        }
    }

    @Test("an operator invites a new address: a customer account and the invitation mail, through the outbox")
    func invite() async throws {
        // Given Anna on the invitation page
        let desk = try await ConsoleDesk()
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let anna = try await desk.signIn("anna@example.test", port: server.port)
        let form = try await anna.get("/console/customers/invite")
        #expect(form.status == 200 && form.body.contains("name=\"email\"") && form.body.contains("name=\"csrf\""))

        // When she invites Petr, with a role field added by hand
        let sent = try await anna.post(
            "/console/customers/invite",
            ["email": "petr@example.ru", "name": "Petr\r\nBcc: x@evil.test", "language": "ru", "role": "admin"])

        // Then she is sent back with the notice, and the mail to Petr is queued in Russian, naming her
        #expect(sent.status == 303 && sent.location == "/console/customers/invite?done=invite")
        #expect(try await anna.get(try #require(sent.location)).body.contains("Invitation sent"))
        let mails = try await desk.store.read { q in
            try q.outbox(state: .queued, limit: 200).filter { $0.item.template == "account_invite" }
        }
        let mail = try #require(mails.first)
        #expect(mails.count == 1 && mail.item.recipient.address == "petr@example.ru" && mail.item.language == "ru")
        let model = try JSONDecoder().decode(TicketMailModel.self, from: mail.item.model)
        #expect(model.actorName == "Anna" && model.login == "petr@example.ru")
        #expect(model.accountPath?.hasPrefix("/password/") == true)
        // And Petr is a customer without a password, on one line, and no operator
        let (customer, staff, hash) = try await desk.store.read { q in
            let customer = try q.customerAccount(address: "petr@example.ru")
            return (
                customer, try q.operatorAccount(address: "petr@example.ru"),
                try customer.flatMap { try q.passwordHash(of: .customer($0.id)) }
            )
        }
        #expect(customer?.person.name == "Petr Bcc: x@evil.test" && staff == nil && hash == nil)
    }

    @Test("the ticket page's button invites that ticket's customer and goes back to the ticket")
    func fromTicket() async throws {
        let desk = try await ConsoleDesk()
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let anna = try await desk.signIn("anna@example.test", port: server.port)
        let page = try await anna.get("/console/tickets/2")
        #expect(page.body.contains("action=\"/console/customers/invite\"") && page.body.contains("name=\"ticket\""))

        // When she presses it (an address sent along is not what counts)
        let sent = try await anna.post(
            "/console/customers/invite", ["ticket": "2", "email": "someone@else.test"])

        // Then Ivan is invited, and the ticket says so
        #expect(sent.status == 303 && sent.location == "/console/tickets/2?done=invite")
        #expect(try await anna.get(try #require(sent.location)).body.contains("Invitation sent"))
        #expect(try await Self.invitations(desk) == ["ivan@example.ru"])
    }

    @Test("no invitation to a staff address, none that changes a password, none from outside the ticket's team")
    func attacks() async throws {
        let desk = try await ConsoleDesk(seeAllTeams: false)
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let anna = try await desk.signIn("anna@example.test", port: server.port)
        _ = try await anna.get("/console/customers/invite")
        _ = try await desk.routes.accounts.setPassword(email: "boris@example.test", password: ConsoleDesk.password)
        let borisHash = try await desk.store.read { q in
            try q.operatorAccount(address: "boris@example.test").flatMap { try q.passwordHash(of: .operator($0.id)) }
        }

        // When Anna invites Boris (an admin), in upper case, and a non-address
        let admin = try await anna.post("/console/customers/invite", ["email": "BORIS@example.test"])
        let junk = try await anna.post("/console/customers/invite", ["email": "x@y\r\nBcc: z@w"])
        // Then both are refused with their reason, and nothing is queued or changed
        #expect(admin.status == 422 && admin.body.contains("operator or admin"))
        #expect(junk.status == 422 && junk.body.contains("not a mail address"))
        #expect(try await Self.invitations(desk).isEmpty)
        let after = try await desk.store.read { q in
            try q.operatorAccount(address: "boris@example.test").flatMap { try q.passwordHash(of: .operator($0.id)) }
        }
        #expect(after == borisHash && after != nil)

        // When she invites a customer who has a password already
        let ivan = try await ConsoleLiveTests.customer("ivan@example.ru", desk: desk, port: server.port)
        _ = ivan
        let ivansHash = try await desk.store.read { q in
            try q.customerAccount(address: "ivan@example.ru").flatMap { try q.passwordHash(of: .customer($0.id)) }
        }
        desk.advance(600)
        #expect(try await anna.post("/console/customers/invite", ["email": "ivan@example.ru"]).status == 303)
        // Then he only gets a link by mail: his password stays as it was
        let ivansAfter = try await desk.store.read { q in
            try q.customerAccount(address: "ivan@example.ru").flatMap { try q.passwordHash(of: .customer($0.id)) }
        }
        #expect(ivansAfter == ivansHash && ivansAfter != nil)

        // When Sergei (sales) presses the button for #2 (support's), or a missing ticket
        let sergei = try await desk.signIn("sergei@example.test", port: server.port)
        _ = try await sergei.get("/console/customers/invite")
        let hidden = try await sergei.post("/console/customers/invite", ["ticket": "2"])
        let missing = try await sergei.post("/console/customers/invite", ["ticket": "999"])
        // Then both are the same 404, and nothing more is queued
        #expect(hidden.status == 404 && missing.status == 404 && !hidden.body.contains("Printer"))
        #expect(try await Self.invitations(desk) == ["ivan@example.ru"])

        // And without the CSRF token, or as a customer, nothing is sent
        #expect(try await anna.post("/console/customers/invite", ["email": "a@b.test"], csrf: false).status == 403)
        _ = try await ivan.get("/tickets")
        #expect(try await ivan.post("/console/customers/invite", ["email": "a@b.test"]).status == 403)
        #expect(try await Self.invitations(desk) == ["ivan@example.ru"])
    }

    @Test("an address gets one invitation per interval, an operator ten per window")
    func limits() async throws {
        let desk = try await ConsoleDesk()
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let anna = try await desk.signIn("anna@example.test", port: server.port)
        _ = try await anna.get("/console/customers/invite")

        // When Anna invites Petr twice in a row
        #expect(try await anna.post("/console/customers/invite", ["email": "petr@example.ru"]).status == 303)
        let again = try await anna.post("/console/customers/invite", ["email": "petr@example.ru"])
        // Then the second is refused as too soon
        #expect(again.status == 429 && again.body.contains("too many invitations"))

        // When she invites nine more addresses, then an eleventh
        for i in 1...9 {
            #expect(try await anna.post("/console/customers/invite", ["email": "c\(i)@example.ru"]).status == 303)
        }
        let eleventh = try await anna.post("/console/customers/invite", ["email": "c10@example.ru"])
        // Then the eleventh waits, while Boris may still invite
        #expect(eleventh.status == 429)
        let boris = try await desk.signIn("boris@example.test", port: server.port)
        _ = try await boris.get("/console/customers/invite")
        #expect(try await boris.post("/console/customers/invite", ["email": "c10@example.ru"]).status == 303)
        #expect(try await Self.invitations(desk).count == 11)

        // And after the window Anna may again
        desk.advance(16 * 60)
        #expect(try await anna.post("/console/customers/invite", ["email": "c11@example.ru"]).status == 303)
    }

    @Test("the page and its messages are in Russian for a Russian browser")
    func russian() async throws {
        let desk = try await ConsoleDesk()
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let anna = try await desk.signIn("anna@example.test", port: server.port, language: "ru")
        let form = try await anna.get("/console/customers/invite")
        #expect(form.body.contains("Пригласить клиента") && form.body.contains("<option value=\"ru\" selected>"))
        let refused = try await anna.post("/console/customers/invite", ["email": "boris@example.test"])
        #expect(refused.status == 422 && refused.body.contains("только клиентов"))
    }
}
