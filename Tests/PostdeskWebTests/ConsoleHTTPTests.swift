import Foundation
import PostdeskCore
import PostdeskCrypto
import PostdeskStore
import PostdeskWorkflow
import Testing

@testable import PostdeskWeb

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Issue 10 point 2 over real HTTP: the signed-in console's ticket page, its actions through the same workflow as
/// mail, its attachments, and its live updates; and what an operator outside the team, a forged form or a hostile
/// mail gets.
@Suite(.serialized) struct ConsoleHTTPTests {
    let printer = "/console/tickets/2"

    @Test("the page shows the ticket as a chat with its files, state, the customer's other tickets, time and history")
    func page() async throws {
        let desk = try await ConsoleDesk()
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let anna = try await desk.signIn("anna@example.test", port: server.port)

        // When Anna opens ticket #2
        let page = try await anna.get(printer)

        // Then it is the ticket, with Ivan by name and address, his older ticket, and each file linked
        #expect(page.status == 200)
        #expect(page.body.contains("[#2] Printer &lt;i&gt;on fire&lt;/i&gt;"))
        #expect(page.body.contains("Ivan &lt;ivan@example.ru&gt;"))
        #expect(page.body.contains("href=\"/console/tickets/1\">[#1] Old question</a>"))
        #expect(!page.body.contains("Olga"))
        let png = ConsoleDesk.digest(ConsoleDesk.png)
        #expect(page.body.contains("<a href=\"/console/tickets/2/attachments/\(png)\">photo.png</a>"))
        // And the forms post to the ticket's actions; the script is a file, nothing is inline
        for action in ["reply", "note", "assign", "status", "priority", "team", "tags", "time"] {
            #expect(page.body.contains("action=\"/console/tickets/2/\(action)"), "\(action)")
        }
        #expect(page.body.contains("<script src=\"/console.js\" defer></script>"))
        #expect(!page.body.contains("<script>") && !page.body.contains("onclick") && !page.body.contains("style="))
        #expect(page.body.contains("consulting") && page.body.contains("ticket.created"))
        let script = try await anna.get("/console.js")
        #expect(script.status == 200 && script.headers["content-type"] == "text/javascript; charset=utf-8")
        #expect(script.body.contains("new EventSource(\"/events\")"))
    }

    @Test("markup in a customer's mail is shown as text, never as HTML")
    func escaped() async throws {
        let desk = try await ConsoleDesk()
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let anna = try await desk.signIn("anna@example.test", port: server.port)
        let page = try await anna.get(printer)
        #expect(page.body.contains("It burns &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;"))
        #expect(!page.body.contains("<script>alert") && !page.body.contains("<img"))
    }

    @Test("an operator's reply is relayed exactly as the console workflow relays it, and the page says it was sent")
    func reply() async throws {
        // Given the same desk twice
        let desk = try await ConsoleDesk()
        let twin = try await ConsoleDesk()
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let anna = try await desk.signIn("anna@example.test", port: server.port)
        _ = try await anna.get(printer)
        let before = try await desk.outbox(ConsoleDesk.printer).count

        // When Anna replies in the browser on one, and the workflow is called directly on the other
        let posted = try await anna.post(printer + "/reply", ["text": "Please restart it.\r\n"])
        _ = try await twin.actions.console.perform(
            .reply(text: "Please restart it.\r\n", files: []), on: ConsoleDesk.printer, by: twin.anna.id,
            in: twin.store)

        // Then she is sent back to the page with a message
        #expect(posted.status == 303 && posted.location == "/console/tickets/2?done=reply")
        let after = try await anna.get(try #require(posted.location))
        #expect(after.body.contains("Your reply is on its way to the customer."))
        // And the outbox holds the same relay, field for field
        let relayed = try await desk.outbox(ConsoleDesk.printer).dropFirst(before).map(RelayRow.init)
        let direct = try await twin.outbox(ConsoleDesk.printer).dropFirst(before).map(RelayRow.init)
        #expect(relayed.map(\.template) == ["operator_reply"])
        #expect(relayed == direct)
        #expect(relayed.first?.recipient == "ivan@example.ru" && relayed.first?.inReplyTo == "c1@example.ru")
    }

    @Test("a note is marked internal on the console and never reaches the customer's page")
    func note() async throws {
        let desk = try await ConsoleDesk()
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let anna = try await desk.signIn("anna@example.test", port: server.port)
        _ = try await anna.get(printer)
        let outbox = try await desk.outbox(ConsoleDesk.printer).count

        // When Anna adds a note
        let posted = try await anna.post(printer + "/note", ["text": "VIP: call him back"])

        // Then it is stored as internal and shown marked as one
        #expect(posted.status == 303)
        let note = try #require(try await desk.messages(ConsoleDesk.printer).last)
        #expect(note.isInternal && note.text == "VIP: call him back")
        let page = try await anna.get(printer)
        #expect(page.body.contains("<article class=\"msg internal\">\n<div class=\"meta\">Internal note"))
        // And no mail went out, and the customer's link does not show it
        #expect(try await desk.outbox(ConsoleDesk.printer).count == outbox)
        let ack = try #require(
            try await desk.outbox(ConsoleDesk.printer).compactMap {
                try JSONDecoder().decode(TicketMailModel.self, from: $0.item.model).portalToken
            }.first)
        let customer = try await WebClient(port: server.port).get("/t/\(ack)")
        #expect(customer.status == 200 && customer.body.contains("It burns"))
        #expect(!customer.body.contains("VIP"))
    }

    @Test(
        "each action changes the ticket through the workflow and answers 303 with its message",
        arguments: [
            ("assign", ["assignee": "me"], "The assignment is saved."),
            ("status", ["status": "pending"], "The status is saved."),
            ("priority", ["priority": "urgent"], "The priority is saved."),
            ("team", ["team": "sales"], "The team is saved."),
            ("tags", ["add": "vip printer", "remove": ""], "The tags are saved."),
            ("time", ["duration": "1h30m", "work_type": "consulting", "date": "2027-01-15"], "The time is logged."),
        ])
    func actions(action: String, form: [String: String], message: String) async throws {
        let desk = try await ConsoleDesk()
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let anna = try await desk.signIn("anna@example.test", port: server.port)
        _ = try await anna.get(printer)

        let posted = try await anna.post(printer + "/" + action, form)

        #expect(posted.status == 303 && posted.location == "/console/tickets/2?done=\(action)")
        #expect(try await anna.get(try #require(posted.location)).body.contains(message))
        let ticket = try #require(try await desk.ticket(ConsoleDesk.printer))
        switch action {
        case "assign": #expect(ticket.assigneeID == desk.anna.id)
        case "status": #expect(ticket.status == .pending)
        case "priority": #expect(ticket.priority == .urgent)
        case "team": #expect(ticket.team == "sales")
        case "tags": #expect(ticket.tags.contains("vip") && ticket.tags.contains("printer"))
        default:
            let entries = try await desk.store.read { q in try q.timeEntries(of: ticket.id) }
            #expect(entries.map(\.minutes) == [90] && entries.first?.workType == "consulting")
            #expect(entries.first?.date == "2027-01-15")
            #expect(try await anna.get(printer).body.contains("<td>90 min</td><td>consulting</td>"))
        }
    }

    @Test(
        "a refused action shows the page with the reason, never a 500, and changes nothing",
        arguments: [
            ("reply", ["text": "   "], "the message is empty"),
            ("time", ["duration": "forever", "work_type": "consulting"], "Not done:"),
            ("time", ["duration": "30m", "work_type": "<b>gardening</b>"], "&lt;b&gt;gardening&lt;/b&gt;"),
            ("status", ["status": "new"], "a ticket cannot become new"),
            ("assign", ["assignee": "9999"], "no operator 9999"),
            ("team", ["team": "nonexistent"], "Not done:"),
            ("tags", ["add": "<script>"], "&lt;script&gt;"),
        ])
    func refused(action: String, form: [String: String], shown: String) async throws {
        let desk = try await ConsoleDesk()
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let anna = try await desk.signIn("anna@example.test", port: server.port)
        _ = try await anna.get(printer)
        let before = try await desk.rowCounts()

        let answer = try await anna.post(printer + "/" + action, form)

        #expect(answer.status == 422)
        #expect(answer.body.contains("Not done:") && answer.body.contains(shown))
        #expect(answer.body.contains("[#2] Printer"))
        #expect(try await desk.rowCounts() == before)
    }

    @Test("an operator outside the team gets the same 404 for the page, an action and a file as for no ticket")
    func outsideTeam() async throws {
        // Given operators see only their teams, and Sergei is in sales while #2 belongs to support
        let desk = try await ConsoleDesk(seeAllTeams: false)
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let sergei = try await desk.signIn("sergei@example.test", port: server.port)
        #expect(try await sergei.get("/console/tickets/3").status == 200)
        let before = try await desk.rowCounts()

        // When he asks for #2 and for a ticket that does not exist
        let page = try await sergei.get(printer)
        let missing = try await sergei.get("/console/tickets/999")
        let action = try await sergei.post(printer + "/status", ["status": "solved"])
        let note = try await sergei.post(printer + "/note", ["text": "mine now"])
        let file = try await sergei.get(printer + "/attachments/" + ConsoleDesk.digest(ConsoleDesk.png))

        // Then every answer is the same 404, and nothing changed
        #expect(page.status == 404 && missing.status == 404 && action.status == 404 && note.status == 404)
        #expect(file.status == 404)
        // (the language switch links back to the path asked for; nothing else differs)
        func same(_ answer: WebClient.Answer, _ path: String) -> String {
            answer.body.replacingOccurrences(of: path, with: "/X")
        }
        let blank = same(missing, "/console/tickets/999")
        #expect(same(page, printer) == blank && same(action, printer + "/status") == blank)
        #expect(same(file, printer + "/attachments/" + ConsoleDesk.digest(ConsoleDesk.png)) == blank)
        #expect(!page.body.contains("Printer") && !file.body.contains("PNG"))
        #expect(try await desk.rowCounts() == before)
        #expect(try await desk.ticket(ConsoleDesk.printer)?.status != .solved)
    }

    @Test(
        "a POST without its CSRF token, or with another one, is refused with 403 and changes nothing",
        arguments: ["reply", "note", "assign", "status", "time"])
    func csrf(action: String) async throws {
        let desk = try await ConsoleDesk()
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let anna = try await desk.signIn("anna@example.test", port: server.port)
        _ = try await anna.get(printer)
        let before = try await desk.rowCounts()
        let form = ["text": "hello", "assignee": "me", "status": "solved", "duration": "1h", "work_type": "consulting"]

        let without = try await anna.post(printer + "/" + action, form, csrf: false)
        let forged = try await anna.post(
            printer + "/" + action, form.merging(["csrf": String(repeating: "a", count: 64)]) { $1 })

        #expect(without.status == 403 && forged.status == 403)
        #expect(try await desk.rowCounts() == before)
    }

    @Test("files download as attachments, a real PNG shows inline, an SVG never does, another ticket's file is refused")
    func attachments() async throws {
        let desk = try await ConsoleDesk()
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let anna = try await desk.signIn("anna@example.test", port: server.port)
        let base = printer + "/attachments/"

        let png = try await anna.get(base + ConsoleDesk.digest(ConsoleDesk.png))
        #expect(png.status == 200 && png.headers["content-type"] == "image/png")
        #expect(png.headers["content-disposition"]?.hasPrefix("inline; filename=\"photo.png\"") == true)
        let svg = try await anna.get(base + ConsoleDesk.digest(ConsoleDesk.svg))
        #expect(svg.status == 200 && svg.headers["content-type"] == "application/octet-stream")
        #expect(svg.headers["content-disposition"]?.hasPrefix("attachment; filename=\"x.svg\"") == true)
        let text = try await anna.get(base + ConsoleDesk.digest(Array("manual".utf8)))
        #expect(text.body == "manual" && text.headers["content-disposition"]?.hasPrefix("attachment;") == true)

        // Olga's file exists and Anna may read #3, but not through #2's URL
        let olgas = ConsoleDesk.digest(ConsoleDesk.olgasFile)
        #expect(try await anna.get(base + olgas).status == 404)
        #expect(try await anna.get("/console/tickets/3/attachments/" + olgas).status == 200)
        #expect(try await anna.get(base + "../../" + olgas).status == 404)
        #expect(try await anna.get(base + olgas.uppercased()).status == 404)
        // And a visitor is sent to sign in
        #expect(try await WebClient(port: server.port).get(base + olgas).status == 303)
    }

    @Test("a notification link still opens the page read-only for a signed-out operator, with a way to sign in")
    func link() async throws {
        let desk = try await ConsoleDesk()
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let key = ConsoleLink.sign(
            ticketNumber: 2, operatorID: desk.anna.id.rawValue, at: desk.now, keys: ConsoleDesk.keys
        ).key
        let visitor = WebClient(port: server.port)

        let page = try await visitor.get(printer + "?k=" + key)
        #expect(page.status == 200 && page.body.contains("It burns"))
        #expect(page.body.contains("Sign in to act on this ticket") && !page.body.contains("/reply"))
        let png = ConsoleDesk.digest(ConsoleDesk.png)
        #expect(try await visitor.get(printer + "/attachments/\(png)?k=" + key).status == 200)
        #expect(try await visitor.get(printer).status == 303)
        #expect(try await visitor.get(printer + "?k=" + key.dropLast()).status == 403)
    }

    @Test("the page is in Russian for a Russian browser")
    func russian() async throws {
        let desk = try await ConsoleDesk()
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let anna = try await desk.signIn("anna@example.test", port: server.port, language: "ru")
        let page = try await anna.get(printer)
        #expect(page.body.contains("Ответ клиенту") && page.body.contains("Горячие клавиши"))
    }

    @Test("GET /events sends an event when mail arrives by the poller and when someone acts; other teams' stay out")
    func events() async throws {
        // Given operators see only their teams, and Anna (support) and Sergei (sales) listen
        let desk = try await ConsoleDesk(seeAllTeams: false)
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let anna = try await desk.signIn("anna@example.test", port: server.port)
        let sergei = try await desk.signIn("sergei@example.test", port: server.port)
        let annasStream = try EventStreamReader(port: server.port, path: "/events", cookies: anna.cookies)
        let sergeisStream = try EventStreamReader(port: server.port, path: "/events", cookies: sergei.cookies)
        #expect(try await annasStream.wait(for: ": connected"))
        #expect(try await sergeisStream.wait(for: ": connected"))
        #expect(annasStream.received.lowercased().contains("content-type: text/event-stream"))

        // When Ivan's answer to #2 arrives through the mail path
        try await desk.mail(
            from: "ivan@example.ru", name: "Ivan", subject: "Re: Printer", text: "Still burning", id: "c2@example.ru",
            hints: ThreadHints(referencedMessageIDs: ["c1@example.ru"]))
        // Then Anna's stream says #2 changed with a new message
        #expect(try await annasStream.wait(for: "\"ticket\":2"))
        #expect(annasStream.received.contains("event: ticket") && annasStream.received.contains("message.received"))

        // When Olga's #3 (sales) changes in the console
        _ = try await sergei.get("/console/tickets/3")
        #expect(try await sergei.post("/console/tickets/3/status", ["status": "pending"]).status == 303)
        // Then Sergei hears of it, and of #2 never
        #expect(try await sergeisStream.wait(for: "\"ticket\":3"))
        #expect(!sergeisStream.received.contains("\"ticket\":2"))

        // And a visitor gets no stream
        #expect(try await WebClient(port: server.port).get("/events").status == 303)
    }
}

/// The reply and note forms are multipart (text and files), carrying the CSRF token in a hidden field (never in
/// their action URL: a token in a URL leaks through logs and Referer).
@Suite(.serialized) struct ConsoleUploadTests {
    /// Posts `text` and one file as the browser's multipart form does, with the browser's cookies.
    static func postMultipart(
        _ browser: WebClient, _ path: String, csrf: String? = nil, text: String, file: (String, String, [UInt8])
    ) async throws -> Int {
        let boundary = "----postdeskTestBoundary7MA4YWxk"
        var body: [UInt8] = []
        if let csrf {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n".utf8)
        }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n\(text)\r\n".utf8)
        body += Array(
            ("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(file.0)\"\r\n"
                + "Content-Type: \(file.1)\r\n\r\n").utf8)
        body += file.2 + Array("\r\n--\(boundary)--\r\n".utf8)
        var request = URLRequest(url: URL(string: browser.base + path)!)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        request.setValue("multipart/form-data; boundary=\(boundary)", forHTTPHeaderField: "Content-Type")
        request.setValue(
            browser.cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "),
            forHTTPHeaderField: "Cookie")
        let delegate = NoRedirects()
        let session = URLSession(configuration: .ephemeral, delegate: delegate, delegateQueue: nil)
        let (_, response) = try await session.data(for: request)
        return try #require(response as? HTTPURLResponse).statusCode
    }

    final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
        ) { completionHandler(nil) }
    }

    @Test(
        "a reply with a file, posted as the page's multipart form, stores the file and relays it; without the token, nothing"
    )
    func replyWithFile() async throws {
        let desk = try await ConsoleDesk()
        let server = try await LiveServer.start(desk.routes.router())
        defer { server.stop() }
        let anna = try await desk.signIn("anna@example.test", port: server.port)
        let page = try await anna.get("/console/tickets/2")
        let csrf = anna.lastCSRF
        #expect(
            page.body.contains(
                "action=\"/console/tickets/2/reply\" enctype=\"multipart/form-data\"><input type=\"hidden\" "
                    + "name=\"csrf\" value=\"\(csrf)\">"))
        #expect(!page.body.contains("?csrf="))
        let before = try await desk.rowCounts()
        let bytes = Array("%PDF-1.4 report".utf8)

        // When the form is posted without its token
        let refused = try await Self.postMultipart(
            anna, "/console/tickets/2/reply", text: "Here it is", file: ("report.pdf", "application/pdf", bytes))
        // Then nothing changes
        #expect(refused == 403)
        #expect(try await desk.rowCounts() == before)
        // Nor when the token comes in the URL, as the form used to send it
        let inURL = try await Self.postMultipart(
            anna, "/console/tickets/2/reply?csrf=\(csrf)", text: "Here it is",
            file: ("report.pdf", "application/pdf", bytes))
        #expect(inURL == 403)
        #expect(try await desk.rowCounts() == before)

        // When it is posted as the page's form does
        let status = try await Self.postMultipart(
            anna, "/console/tickets/2/reply", csrf: csrf, text: "Here it is",
            file: ("../report.pdf", "application/pdf", bytes))
        // Then the reply carries the file, stored once, and the download gives it back
        #expect(status == 303)
        let reply = try #require(try await desk.messages(ConsoleDesk.printer).last)
        #expect(reply.text == "Here it is" && !reply.isInternal)
        #expect(reply.attachments.map(\.filename) == ["report.pdf"])
        let download = try await anna.get("/console/tickets/2/attachments/" + ConsoleDesk.digest(bytes))
        #expect(download.body == "%PDF-1.4 report")
        #expect(try await desk.outbox(ConsoleDesk.printer).last?.item.template == "operator_reply")
    }
}
