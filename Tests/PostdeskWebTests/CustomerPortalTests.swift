import Foundation
import PostdeskCore
import PostdeskStore
import PostdeskWorkflow
import Testing

@testable import PostdeskWeb

/// The customer's ticket pages over real HTTP: the chat, replies with files, the new-ticket form, the mailed link,
/// attachments and HTML mail; and what another customer gets from every URL the first one's pages contain.
@Suite(.serialized) struct CustomerPortalTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let ivanToken = "ivanlink000000000000000001"
    static let olgaToken = "olgalink000000000000000001"
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
    static let svg = Array("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".utf8)
    static let pdf = Array("%PDF-1.4 Ivan's contract".utf8)
    static let scriptedHTML =
        "<p>Hello</p><script>alert('mail')</script><img src=\"https://tracker.example/pixel.gif\">"
        + "<a href=\"javascript:alert(2)\" onclick=\"alert(3)\">x</a>"

    let db: PortalRoutesTests.Database
    let blobs: FileBlobStore
    let routes: PortalRoutes
    let ivanPDF: String
    let ivanSVG: String
    let ivanPNG: String
    let notePNG: String
    let olgaPDF: String

    /// Given Ivan's ticket #1 (a scripted HTML mail with a PDF, an SVG and a PNG, an operator's reply, an internal
    /// note with its own file, an assignment and a status change) and Olga's ticket #2 with a PDF; both have
    /// accounts with passwords.
    init() async throws {
        db = try PortalRoutesTests.Database()
        blobs = FileBlobStore(root: db.directory.appendingPathComponent("blobs"))
        let environment = WorldEnvironment(now: { Self.now }, randomToken: { "t" + UUID().uuidString })
        let base = InboundWorkflow(
            settings: WorkflowSettings(messageIDDomain: "support.example.test"), environment: environment)
        let uploads = UploadStore(blobs: blobs, sha256: { Self.digest($0) })
        let mailbox = MailboxProfile(
            name: "support", address: EmailAddress("support@example.test")!, displayName: "Support")
        let actions = WebActions(
            console: ConsoleWorkflow(base: base, access: TicketAccess(), uploads: uploads, mailboxes: [mailbox]),
            portal: PortalWorkflow(base: base, uploads: uploads, mailbox: mailbox), access: TicketAccess(),
            blobs: blobs)
        routes = PortalRoutes(
            store: db.store, pages: try await PageLibrary.load(),
            accountSettings: AccountSettings(messageIDDomain: "test.invalid", passwords: PasswordPolicy(cost: 4)),
            actions: actions, now: { Self.now })
        let put = { (bytes: [UInt8]) throws -> String in
            let sha = Self.digest(bytes)
            try uploads.blobs.put(bytes, sha256: sha)
            return sha
        }
        ivanPDF = try put(Self.pdf)
        ivanSVG = try put(Self.svg)
        ivanPNG = try put(Self.png)
        notePNG = try put(Self.png + [9])
        olgaPDF = try put(Array("%PDF-1.4 Olga's invoice".utf8))
        let files = (ivanPDF, ivanSVG, ivanPNG, notePNG, olgaPDF)
        try await db.store.write { tx in
            let ivan = try tx.upsertCustomer(Person(name: "Ivan", address: "ivan@example.ru"), at: Self.now)
            var first = try tx.createTicket(
                subject: "Printer", customer: ivan, priority: .normal, portalToken: Self.ivanToken, at: Self.now)
            func ref(_ name: String, _ type: String, _ sha: String) -> AttachmentRef {
                AttachmentRef(filename: name, contentType: type, size: 10, sha256: sha, contentID: nil, isInline: false)
            }
            _ = try tx.append(
                TicketMessage(
                    ticketID: first.id, authorKind: .customer, author: Person(name: "Ivan", address: "ivan@example.ru"),
                    isInternal: false, via: .mail, text: "Hello (text version)", html: Self.scriptedHTML,
                    reply: "Hello (text version)", messageIDHeader: "c1@example.ru", inboundID: nil,
                    attachments: [
                        ref("contract.pdf", "application/pdf", files.0), ref("logo.svg", "image/svg+xml", files.1),
                        ref("photo.png", "image/png", files.2),
                    ], createdAt: Self.now))
            _ = try tx.append(
                TicketMessage(
                    ticketID: first.id, authorKind: .operator,
                    author: Person(name: "Anna", address: "anna@support.test"),
                    isInternal: true, via: .portal, text: "SECRET note", html: nil, reply: "SECRET note",
                    messageIDHeader: nil, inboundID: nil, attachments: [ref("secret.png", "image/png", files.3)],
                    createdAt: Self.now + 10))
            _ = try tx.append(
                TicketMessage(
                    ticketID: first.id, authorKind: .operator,
                    author: Person(name: "Anna", address: "anna@support.test"),
                    isInternal: false, via: .mail, text: "We are on it.", html: nil, reply: "We are on it.",
                    messageIDHeader: "o1@support.test", inboundID: nil, attachments: [], createdAt: Self.now + 20))
            try tx.append(
                TicketEvent(
                    ticketID: first.id, kind: "status.changed", at: Self.now + 20, detail: "new → pending"))
            try tx.append(
                TicketEvent(
                    ticketID: first.id, kind: "assignee.changed", at: Self.now + 15,
                    detail: "nobody → anna@support.test by rule “secret rule name”: round robin"))
            first.status = .pending
            try tx.update(first)
            let olga = try tx.upsertCustomer(Person(name: "Olga", address: "olga@example.ru"), at: Self.now)
            let second = try tx.createTicket(
                subject: "Invoice", customer: olga, priority: .normal, portalToken: Self.olgaToken, at: Self.now)
            _ = try tx.append(
                TicketMessage(
                    ticketID: second.id, authorKind: .customer,
                    author: Person(name: "Olga", address: "olga@example.ru"),
                    isInternal: false, via: .mail, text: "My invoice", html: nil, reply: "My invoice",
                    messageIDHeader: "c2@example.ru", inboundID: nil,
                    attachments: [ref("invoice.pdf", "application/pdf", files.4)], createdAt: Self.now))
        }
        for address in ["ivan@example.ru", "olga@example.ru"] {
            try await routes.accounts.invite(
                email: EmailAddress(address)!, name: nil, invitedBy: nil, language: "en")
            _ = try await routes.accounts.setPassword(email: address, password: "correct horse battery")
        }
    }

    func signedIn(_ address: String, port: Int) async throws -> WebClient {
        let browser = WebClient(port: port)
        _ = try await browser.get("/login")
        let answer = try await browser.post("/login", ["email": address, "password": "correct horse battery"])
        #expect(answer.status == 303)
        return browser
    }

    func messages(_ number: Int64) async throws -> [TicketMessage] {
        try await db.store.read { q in
            try q.messages(of: try #require(try q.ticket(number: TicketNumber(number))).id, includeInternal: true)
        }
    }

    /// A stand-in digest: 64 hex digits from four FNV-1a passes. Content-addressing needs only "same bytes, same
    /// name" here; the composition root passes the real SHA-256.
    @Sendable static func digest(_ bytes: [UInt8]) -> String {
        (0..<4).map { seed -> String in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 &+ UInt64(seed)
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            let hex = String(hash, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// Every `href`, `src` and form `action` on a page that points into the portal.
    static func links(in html: String) -> [String] {
        var found: [String] = []
        for attribute in ["href=\"", "src=\"", "action=\""] {
            var rest = Substring(html)
            while let range = rest.range(of: attribute) {
                let value = rest[range.upperBound...].prefix { $0 != "\"" }
                rest = rest[range.upperBound...]
                let link = String(value).replacingOccurrences(of: "&amp;", with: "&")
                if link.hasPrefix("/"), !link.hasPrefix("//") { found.append(link) }
            }
        }
        return found
    }

    @Test("the signed-in customer's ticket is a chat: public messages, files, changes, SLA line, a reply form")
    func chatPage() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let ivan = try await signedIn("ivan@example.ru", port: server.port)

        // When Ivan opens his ticket
        let page = try await ivan.get("/tickets/1")

        // Then it shows his mail and Anna's reply in order, never the internal note or its file
        #expect(page.status == 200)
        let mail = try #require(page.body.range(of: "Hello (text version)"))
        let answer = try #require(page.body.range(of: "We are on it."))
        #expect(mail.lowerBound < answer.lowerBound)
        #expect(!page.body.contains("SECRET") && !page.body.contains("secret.png"))
        // And the status and assignee changes as lines of the thread, without the rule's name or an address
        #expect(page.body.contains("Status changed to “Waiting for your reply”"))
        #expect(page.body.contains("Now handled by"))
        #expect(!page.body.contains("secret rule name") && !page.body.contains("anna@support.test"))
        // And his files as links, and a multipart reply form carrying the token
        #expect(page.body.contains("href=\"/tickets/1/attachments/\(ivanPDF)\""))
        #expect(page.body.contains("enctype=\"multipart/form-data\"") && page.body.contains("name=\"files\""))
        #expect(page.body.contains("name=\"csrf\" value=\"\(ivan.lastCSRF)\"") && !ivan.lastCSRF.isEmpty)
    }

    @Test("Olga gets the same 404 as for a missing ticket from every URL Ivan's pages contain, and changes nothing")
    func noCrossCustomerAccess() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let ivan = try await signedIn("ivan@example.ru", port: server.port)
        let olga = try await signedIn("olga@example.ru", port: server.port)

        // Given every link on Ivan's list and ticket pages (and the pages those link to)
        var urls = Set(Self.links(in: try await ivan.get("/tickets").body))
        urls.formUnion(Self.links(in: try await ivan.get("/tickets/1").body))
        urls.formUnion(Self.links(in: try await ivan.get("/tickets/1?images=1").body))
        let ticketURLs = urls.filter { $0.hasPrefix("/tickets/1") }
        #expect(ticketURLs.contains { $0.contains("/attachments/") })
        #expect(ticketURLs.contains { $0.contains("/html") })
        #expect(ticketURLs.contains("/tickets/1/messages"))
        let missing = try await olga.get("/tickets/999")
        #expect(missing.status == 404)
        let before = try await messages(1).count

        // When Olga tries each as a GET, and each form action as a POST with her own valid token
        for url in ticketURLs {
            let got = try await olga.get(url)
            #expect(got.status == 404 || got.status == 405, "\(url)")
            #expect(!got.body.contains("Printer") && !got.body.contains("Hello") && !got.body.contains("PDF"), "\(url)")
            // Ivan, for comparison, opens each page and file among them
            if !url.hasSuffix("/messages") { #expect(try await ivan.get(url).status == 200, "\(url)") }
        }
        let posted = try await olga.postMultipart("/tickets/1/messages", fields: ["text": "Olga was here"])
        #expect(posted.status == 404)
        // And his attachments under her own ticket's address, and his ticket's link paths with her token
        for sha in [ivanPDF, ivanPNG, notePNG] {
            #expect(try await olga.get("/tickets/2/attachments/\(sha)").status == 404)
            #expect(try await olga.get("/t/\(Self.olgaToken)/attachments/\(sha)").status == 404)
        }
        // Then nothing was written to his ticket, and her own file still opens for her
        #expect(try await messages(1).count == before)
        #expect(try await olga.get("/tickets/2/attachments/\(olgaPDF)").status == 200)
        // And the internal note's file is not served even to Ivan
        #expect(try await ivan.get("/tickets/1/attachments/\(notePNG)").status == 404)
    }

    @Test("a reply with an attachment lands as a portal message with the blob stored, and the page says so")
    func replyWithAttachment() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let ivan = try await signedIn("ivan@example.ru", port: server.port)
        _ = try await ivan.get("/tickets/1")

        // When Ivan replies with a file
        let answer = try await ivan.postMultipart(
            "/tickets/1/messages", fields: ["text": "Here is the log"],
            files: [("files", "printer \"log\".txt", "text/plain", Array("paper jam at 10:02".utf8))])

        // Then he is sent back to the ticket with a confirmation
        #expect(answer.status == 303 && answer.location == "/tickets/1?sent=1#reply")
        let latest = try #require(try await messages(1).last)
        #expect(latest.text == "Here is the log" && latest.via == .portal && latest.authorKind == .customer)
        let file = try #require(latest.attachments.first)
        #expect(file.filename == "printer log.txt" && file.size == 18)
        #expect(try blobs.get(sha256: file.sha256) == Array("paper jam at 10:02".utf8))
        let page = try await ivan.get("/tickets/1?sent=1")
        #expect(page.body.contains("Your message was sent.") && page.body.contains("printer log.txt"))
        // And the download is an attachment, never rendered
        let download = try await ivan.get("/tickets/1/attachments/\(file.sha256)")
        #expect(download.status == 200 && download.body == "paper jam at 10:02")
        #expect(download.headers["content-disposition"]?.hasPrefix("attachment;") == true)
        #expect(download.headers["x-content-type-options"] == "nosniff")
    }

    @Test("an empty reply is refused with the reason shown and nothing written")
    func emptyReply() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let ivan = try await signedIn("ivan@example.ru", port: server.port)
        _ = try await ivan.get("/tickets/1")
        let before = try await messages(1).count
        let answer = try await ivan.postMultipart("/tickets/1/messages", fields: ["text": "   "])
        #expect(answer.status == 422 && answer.body.contains("Write a message before sending."))
        #expect(try await messages(1).count == before)
    }

    @Test("files over the upload limits are refused with the limit named, the text kept, and nothing written")
    func uploadLimits() async throws {
        // Given a portal that takes at most one file per message
        var limited = routes
        let actions = try #require(routes.actions)
        limited.actions?.portal.uploads = UploadStore(
            blobs: actions.blobs, sha256: { Self.digest($0) }, limits: UploadLimits(maxFiles: 1))
        let server = try await LiveServer.start(limited.router())
        defer { server.stop() }
        let ivan = try await signedIn("ivan@example.ru", port: server.port)
        _ = try await ivan.get("/tickets/1")
        let before = try await messages(1).count
        // When Ivan sends two
        let answer = try await ivan.postMultipart(
            "/tickets/1/messages", fields: ["text": "two logs"],
            files: [("files", "a.txt", "text/plain", [1]), ("files", "b.txt", "text/plain", [2])])
        // Then the page says why and keeps what he wrote
        #expect(answer.status == 422)
        #expect(answer.body.contains("Too many files") && answer.body.contains(">two logs</textarea>"))
        #expect(try await messages(1).count == before)
    }

    @Test(
        "files are served as downloads unless their bytes are a raster image",
        arguments: [
            ("pdf", "attachment", "application/octet-stream"), ("svg", "attachment", "application/octet-stream"),
            ("png", "inline", "image/png"),
        ])
    func downloads(file: String, disposition: String, type: String) async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let ivan = try await signedIn("ivan@example.ru", port: server.port)
        let sha = ["pdf": ivanPDF, "svg": ivanSVG, "png": ivanPNG][file]!
        let answer = try await ivan.get("/tickets/1/attachments/\(sha)")
        #expect(answer.status == 200)
        #expect(answer.headers["content-disposition"]?.hasPrefix(disposition + ";") == true)
        #expect(answer.headers["content-type"] == type)
        #expect(answer.headers["x-content-type-options"] == "nosniff")
    }

    @Test("a scripted HTML mail: the page has no script, only a sandboxed frame whose source sends the sandbox CSP")
    func htmlMail() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let ivan = try await signedIn("ivan@example.ru", port: server.port)
        for path in ["/tickets/1", "/t/\(Self.ivanToken)"] {
            let page = try await ivan.get(path)
            #expect(!page.body.lowercased().contains("<script") && !page.body.contains("alert("), "\(path)")
            #expect(!page.body.contains("tracker.example"))
            #expect(page.body.contains("<iframe sandbox src=\""))
            #expect(page.headers["content-security-policy"]?.contains("frame-src 'self'") == true)
            #expect(page.headers["content-security-policy"]?.contains("script-src") == false)
            let frame = try #require(Self.links(in: page.body).first { $0.hasSuffix("/html") })
            let html = try await ivan.get(frame)
            #expect(html.status == 200)
            #expect(
                html.headers["content-security-policy"]
                    == "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'")
            // After "show images", remote images load in that view only
            let show = try #require(Self.links(in: page.body).first { $0.contains("?images=") })
            let shown = try await ivan.get(show)
            let withImages = try #require(Self.links(in: shown.body).first { $0.hasSuffix("/html?images=1") })
            #expect(
                try await ivan.get(withImages).headers["content-security-policy"]
                    == "sandbox; default-src 'none'; img-src data: https:; style-src 'unsafe-inline'")
        }
    }

    @Test("the mailed link opens that one ticket as the chat with a reply form, and replies as its customer")
    func ticketLink() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let stranger = WebClient(port: server.port)
        let page = try await stranger.get("/t/\(Self.ivanToken)")
        #expect(page.status == 200 && page.body.contains("We are on it.") && page.body.contains("name=\"files\""))
        #expect(!page.body.contains("SECRET"))
        let answer = try await stranger.postMultipart("/t/\(Self.ivanToken)/messages", fields: ["text": "By link"])
        #expect(answer.status == 303 && answer.location == "/t/\(Self.ivanToken)?sent=1#reply")
        let latest = try #require(try await messages(1).last)
        #expect(latest.text == "By link" && latest.author?.address == "ivan@example.ru")
        // The link opens nothing of another ticket
        #expect(try await stranger.get("/t/\(Self.ivanToken)/attachments/\(olgaPDF)").status == 404)
        #expect(try await stranger.get("/t/\(Self.ivanToken)/attachments/\(ivanPDF)").status == 200)
        #expect(try await stranger.get("/tickets/1").status == 303)
    }

    @Test("a disabled customer's mailed link answers as an unknown token does, and their session ends")
    func disabledCustomer() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        // Given Ivan signed in, and a stranger holding his mailed link
        let ivan = try await signedIn("ivan@example.ru", port: server.port)
        #expect(try await ivan.get("/tickets/1").status == 200)
        let holder = WebClient(port: server.port)
        _ = try await holder.get("/t/\(Self.ivanToken)")
        let unknown = try await holder.get("/t/unknownlink00000000000000")
        let before = try await messages(1).count

        // When an admin disables his account
        _ = try await db.store.write { tx in try tx.setUserDisabled(address: "ivan@example.ru", disabled: true) }

        // Then the link gives exactly the unknown token's page, for the chat, its files and its reply form
        let page = try await holder.get("/t/\(Self.ivanToken)")
        #expect(page.status == 404 && unknown.status == 404)
        #expect(
            page.body.replacingOccurrences(of: Self.ivanToken, with: "X")
                == unknown.body.replacingOccurrences(of: "unknownlink00000000000000", with: "X"))
        #expect(try await holder.get("/t/\(Self.ivanToken)/attachments/\(ivanPDF)").status == 404)
        let reply = try await holder.postMultipart("/t/\(Self.ivanToken)/messages", fields: ["text": "still here"])
        #expect(reply.status == 404)
        #expect(try await messages(1).count == before)
        // And his session no longer opens his tickets
        #expect(try await ivan.get("/tickets/1").status == 303)
        #expect(try await ivan.get("/tickets").status == 303)
        // And Olga's link still works
        #expect(try await WebClient(port: server.port).get("/t/\(Self.olgaToken)").status == 200)
    }

    @Test("the portal workflow refuses a disabled customer's link itself, not only the page")
    func disabledCustomerWorkflow() async throws {
        // Given Ivan's account disabled
        _ = try await db.store.write { tx in try tx.setUserDisabled(address: "ivan@example.ru", disabled: true) }
        let ticket = try #require(try await db.store.read { q in try q.ticket(number: TicketNumber(1)) })
        // When his link's holder replies through the workflow directly
        let portal = try #require(routes.actions?.portal)
        // Then it is refused as another ticket's link would be, and nothing is written
        await #expect(throws: WebActionError.self) {
            _ = try await portal.reply(
                "by link", files: [], on: ticket.number, as: .portalLink(ticket.id), in: db.store)
        }
    }

    @Test("a POST without its CSRF token is refused with 403 and writes nothing", arguments: [true, false])
    func csrf(multipart: Bool) async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let ivan = try await signedIn("ivan@example.ru", port: server.port)
        _ = try await ivan.get("/tickets/1")
        let before = try await (messages(1).count, db.store.read { q in try q.tickets(limit: 10).count })
        let forged = ["csrf": String(repeating: "a", count: 64)]
        for path in ["/tickets/1/messages", "/tickets/new", "/t/\(Self.ivanToken)/messages"] {
            let fields = ["text": "forged", "subject": "forged"]
            if multipart {
                #expect(try await ivan.postMultipart(path, fields: fields, csrf: false).status == 403)
                #expect(try await ivan.postMultipart(path, fields: fields.merging(forged) { $1 }).status == 403)
            } else {
                #expect(try await ivan.post(path, fields, csrf: false).status == 403)
            }
        }
        let after = try await (messages(1).count, db.store.read { q in try q.tickets(limit: 10).count })
        #expect(before == after)
    }

    @Test("with no form configured, /tickets/new asks for subject, message and files")
    func defaultForm() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let ivan = try await signedIn("ivan@example.ru", port: server.port)
        let form = try await ivan.get("/tickets/new")
        #expect(form.status == 200)
        for name in ["subject", "text", "files"] { #expect(form.body.contains("name=\"\(name)\""), "\(name)") }
        #expect(form.body.contains("enctype=\"multipart/form-data\""))
    }

    @Test("the admin's form: typed errors per field with the values kept, then a ticket with an acknowledgement")
    func newTicket() async throws {
        // Given a form with a required number, a date, a choice, a required checkbox and a file
        try await db.store.write { tx in
            try tx.setFormFields([
                FormField(
                    name: "order", labelEN: "Order number", labelRU: "Номер заказа", kind: .number, isRequired: true,
                    position: 1),
                FormField(name: "since", labelEN: "Since", labelRU: "С", kind: .date, isRequired: false, position: 2),
                FormField(
                    name: "product", labelEN: "Product", labelRU: "Продукт", kind: .choice, isRequired: false,
                    choices: ["Printer", "Scanner"], position: 3),
                FormField(
                    name: "agree", labelEN: "I agree", labelRU: "Согласен", kind: .checkbox, isRequired: true,
                    position: 4),
                FormField(
                    name: "photo", labelEN: "Photo", labelRU: "Фото", kind: .file, isRequired: false, position: 5),
            ])
        }
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let ivan = try await signedIn("ivan@example.ru", port: server.port)
        ivan.language = "ru"
        let form = try await ivan.get("/tickets/new?lang=ru")
        #expect(form.body.contains("Номер заказа") && form.body.contains("type=\"date\""))
        #expect(form.body.contains("<option value=\"Scanner\">"))
        ivan.language = nil
        _ = try await ivan.get("/tickets/new?lang=en")

        // When he sends it with a word for the number, a bad date, an unknown product and the box unticked
        let bad = try await ivan.postMultipart(
            "/tickets/new",
            fields: [
                "subject": "Broken <b>printer</b>", "text": "It jams", "order": "twelve", "since": "2026-02-30",
                "product": "Toaster",
            ])
        // Then each field shows its own error, with what he typed kept, and nothing is created
        #expect(bad.status == 422)
        #expect(bad.body.contains("Enter a number") && bad.body.contains("Enter a date as YYYY-MM-DD."))
        #expect(bad.body.contains("Choose one of the options.") && bad.body.contains("Please fill this in."))
        #expect(
            bad.body.contains("value=\"twelve\"") && bad.body.contains("value=\"Broken &lt;b&gt;printer&lt;/b&gt;\""))
        #expect(try await db.store.read { q in try q.tickets(limit: 10).count } == 2)

        // When he corrects it
        let good = try await ivan.postMultipart(
            "/tickets/new",
            fields: [
                "subject": "Broken printer", "text": "It jams", "order": "12,5", "since": "2026-02-28",
                "product": "Printer", "agree": "on",
            ],
            files: [("photo", "jam.png", "image/png", Self.png), ("files", "", "application/octet-stream", [])])
        // Then the ticket exists with his values, its file, and an acknowledgement queued to him
        #expect(good.status == 303 && good.location == "/tickets/3?opened=1")
        let (ticket, values, queued) = try await db.store.read { q in
            let ticket = try #require(try q.ticket(number: TicketNumber(3)))
            return (ticket, try q.formValues(of: ticket.id), try q.outbox(ticket: ticket.id))
        }
        #expect(ticket.subject == "Broken printer" && ticket.customer.address == "ivan@example.ru")
        #expect(values.map(\.value) == ["12.5", "2026-02-28", "Printer", "yes", "jam.png"])
        #expect(try await messages(3).first?.attachments.map(\.filename) == ["jam.png"])
        #expect(
            queued.contains { $0.item.template == "ticket_created" && $0.item.recipient.address == "ivan@example.ru" })
        let page = try await ivan.get(try #require(good.location))
        #expect(page.body.contains("Your ticket is open."))
    }

    @Test("the first-steps hint shows on /tickets until \"don't show again\"")
    func hint() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let ivan = try await signedIn("ivan@example.ru", port: server.port)
        let first = try await ivan.get("/tickets")
        #expect(first.body.contains("First steps") && first.body.contains("href=\"/tickets/new\""))
        let dismissed = try await ivan.post("/tickets/hint", [:])
        #expect(dismissed.status == 303 && dismissed.location == "/tickets")
        #expect(!(try await ivan.get("/tickets").body.contains("First steps")))
        #expect(try await WebClient(port: server.port).post("/tickets/hint", [:], csrf: false).status == 403)
    }

    @Test(
        "multipart bodies: fields, files, a repeated name, quoted boundaries; a truncated body reads as nothing",
        arguments: [
            ("complete", true), ("truncated", false), ("no closing delimiter", false),
        ])
    func multipartParser(name: String, readable: Bool) {
        let full =
            "--XyZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nline 1\r\nline 2\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nsecond\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a;b.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\n--XyZ inside\r\n"
            + "--XyZ--\r\n"
        let body =
            switch name {
            case "truncated": String(full.prefix(60))
            case "no closing delimiter": String(full.dropLast(9))
            default: full
            }
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=\"XyZ\"") == "XyZ")
        #expect(MultipartForm.boundary(contentType: "text/plain; boundary=XyZ") == nil)
        let form = MultipartForm.parse(Array(body.utf8), boundary: "XyZ")
        #expect((form != nil) == readable)
        if readable, let form {
            #expect(form.fields == ["text": "line 1\r\nline 2"])
            #expect(form.files["files"]?.map(\.filename) == ["a;b.txt"])
            #expect(form.files["files"]?.first?.bytes == Array("--XyZ inside".utf8))
        }
    }

    @Test("hostile multipart bodies stay linear: 8 MiB of CRs or of dashes under a dash boundary read fast as nothing")
    func multipartHostile() {
        let boundary = String(repeating: "-", count: 70)
        for filler: UInt8 in [0x0D, 0x2D] {
            let body =
                Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n".utf8)
                + [UInt8](repeating: filler, count: 8 << 20)
            let start = Date()
            #expect(MultipartForm.parse(body, boundary: boundary) == nil)
            #expect(Date().timeIntervalSince(start) < 2, "filler \(filler)")
        }
        // And a large file in a well-formed body comes through whole
        let file = [UInt8](repeating: 0x41, count: 8 << 20)
        let body =
            Array("--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.bin\"\r\n\r\n".utf8) + file
            + Array("\r\n--b--\r\n".utf8)
        #expect(MultipartForm.parse(body, boundary: "b")?.files["files"]?.first?.bytes.count == file.count)
    }
}

extension WebClient {
    /// Posts `fields` and `files` (name, filename, type, bytes) as `multipart/form-data`; unless `csrf` is false,
    /// the `csrf` field carries the token of the page last seen.
    func postMultipart(
        _ path: String, fields: [String: String], files: [(String, String, String, [UInt8])] = [], csrf: Bool = true
    ) async throws -> Answer {
        let boundary = "----PostdeskTest\(UUID().uuidString)"
        var fields = fields
        if csrf, fields["csrf"] == nil { fields["csrf"] = lastCSRF }
        var body: [UInt8] = []
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (name, filename, type, bytes) in files {
            let quoted = filename.replacingOccurrences(of: "\"", with: "%22")
            body += Array(
                ("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(quoted)\"\r\n"
                    + "Content-Type: \(type)\r\n\r\n").utf8)
            body += bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return try await send(
            "POST", path, body: Data(body), headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"])
    }
}
