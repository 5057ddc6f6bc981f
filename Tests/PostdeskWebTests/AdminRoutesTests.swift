import Foundation
import PostdeskApp
import PostdeskCore
import PostdeskStore
import PostdeskWorkflow
import Testing

@testable import PostdeskWeb

/// The admin pages over real HTTP, wired to the CLI's code (``AdminServices``) on a temporary desk: only admins get
/// in, every change goes the way its CLI command goes, bad input is shown and changes nothing.
@Suite(.serialized) struct AdminRoutesTests {
    static let password = "correct horse battery"
    let postdesk: Postdesk
    let routes: PortalRoutes

    /// Given a desk with an admin (Alice) and an operator (Oleg), each with a password, and team `support`.
    init() async throws {
        var config = PostdeskConfig()
        config.dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-admin-\(UUID())").path
        config.supportAddress = "support@example.test"
        config.attachmentsQuotaMB = 1
        // Nothing listens on port 1: a connection test fails at once, and the page must say so.
        config.imapURL = "imap://support:hunter2@127.0.0.1:1/INBOX"
        config.imapPassword = "imap-password-42"
        config.smtpURL = "smtp://127.0.0.1:1"
        config.smtpPassword = "smtp-password-42"
        config.templatesDir =
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("MailTemplates").path
        postdesk = try Postdesk(config: config)
        var routes = PortalRoutes(
            store: postdesk.store, pages: try await PageLibrary.load(),
            accountSettings: AccountSettings(messageIDDomain: "test.invalid", passwords: PasswordPolicy(cost: 4)),
            actions: postdesk.webActions())
        routes.admin = AdminServices(postdesk: postdesk)
        self.routes = routes
        let hash = PasswordPolicy(cost: 4).hash(Self.password)
        try await postdesk.store.write { tx in
            _ = try tx.addTeam(name: "support", at: Date())
            for (role, address) in [(Role.admin, "alice@example.test"), (.operator, "oleg@example.test")] {
                guard
                    case .operator(let account) = try tx.addUser(
                        NewUser(role: role, address: EmailAddress(address)!, name: nil, teams: ["support"]), at: Date())
                else { continue }
                try tx.setPasswordHash(hash, of: .operator(account.id), at: Date())
            }
        }
    }

    /// A browser signed in as `address`, with the CSRF token of an admin-side page.
    func signedIn(_ address: String, port: Int) async throws -> WebClient {
        let browser = WebClient(port: port)
        _ = try await browser.get("/login")
        let answer = try await browser.post("/login", ["email": address, "password": Self.password])
        #expect(answer.status == 303)
        _ = try await browser.get("/")
        return browser
    }

    static let adminRoutes: [(method: String, path: String)] = [
        ("GET", "/admin"), ("GET", "/admin/operators"), ("POST", "/admin/operators/add"),
        ("POST", "/admin/teams/add"), ("POST", "/admin/operators/state"), ("POST", "/admin/operators/hours"),
        ("GET", "/admin/rules"), ("POST", "/admin/rules/check"), ("POST", "/admin/rules/import"),
        ("POST", "/admin/rules/edit"), ("GET", "/admin/form"), ("POST", "/admin/form/fields"),
        ("POST", "/admin/form/fields/delete"), ("GET", "/admin/worktypes"), ("POST", "/admin/worktypes"),
        ("GET", "/admin/quarantine"), ("GET", "/admin/quarantine/1"), ("POST", "/admin/quarantine/1/reprocess"),
        ("POST", "/admin/quarantine/1/discard"), ("GET", "/admin/templates"), ("GET", "/admin/attachments"),
        ("GET", "/admin/mailboxes"), ("POST", "/admin/mailboxes/test"),
    ]

    @Test("an operator gets 403 on every admin route, a visitor is sent to sign in")
    func onlyAdmins() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let oleg = try await signedIn("oleg@example.test", port: server.port)
        let visitor = WebClient(port: server.port)
        _ = try await visitor.get("/login")
        for route in Self.adminRoutes {
            // When the operator asks for it (a POST with a valid token and a plausible form)
            let form = ["name": "x", "email": "x@example.test", "role": "admin", "yaml": "rules: []"]
            let answer = route.method == "GET" ? try await oleg.get(route.path) : try await oleg.post(route.path, form)
            // Then 403, whatever the route
            #expect(answer.status == 403, "\(route.method) \(route.path)")
            let anonymous =
                route.method == "GET" ? try await visitor.get(route.path) : try await visitor.post(route.path, form)
            #expect(anonymous.status == 303 && anonymous.location == "/login", "\(route.method) \(route.path)")
        }
        // And nothing was added
        let teams = try await postdesk.store.read { q in try q.teams().map(\.name) }
        #expect(teams == ["support"])
    }

    @Test("an admin adds a team, an operator in it, sets hours, marks away and disables; bad input is shown")
    func operatorsAndTeams() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let alice = try await signedIn("alice@example.test", port: server.port)
        #expect(try await alice.get("/admin/operators").status == 200)

        // When she adds team billing and Anna in it
        let team = try await alice.post("/admin/teams/add", ["name": "billing"])
        #expect(team.status == 303 && team.location == "/admin/operators?done=team-added")
        let added = try await alice.post(
            "/admin/operators/add",
            ["name": "Anna Petrova", "email": "anna@example.test", "role": "operator", "teams": "billing, support"])
        #expect(added.status == 303)
        // Then the page says so and lists her with both teams
        let page = try await alice.get(try #require(added.location))
        #expect(page.body.contains("The account was added."))
        #expect(page.body.contains("anna@example.test") && page.body.contains("billing, support"))

        // When she sets Anna's hours, marks her away, then disables her
        let hours = try await alice.post(
            "/admin/operators/hours",
            ["email": "anna@example.test", "time_zone": "Europe/Berlin", "week": "mon-fri 09:00-17:00"])
        #expect(hours.status == 303)
        #expect(
            try await alice.post("/admin/operators/state", ["email": "anna@example.test", "op": "away"]).status == 303)
        #expect(
            try await alice.post("/admin/operators/state", ["email": "anna@example.test", "op": "disable"]).status
                == 303)
        let anna = try #require(
            try await postdesk.store.read { q in try q.operatorAccount(address: "anna@example.test") })
        #expect(anna.teams.sorted() == ["billing", "support"])
        #expect(anna.availability.timeZone == "Europe/Berlin" && anna.availability.week == "mon-fri 09:00-17:00")
        #expect(anna.availability.isAway && anna.isDisabled)

        // When the input is bad, the page says why, with 422, and nothing changes
        let cases: [(String, [String: String], String)] = [
            ("/admin/teams/add", ["name": "no spaces"], "is not a team name"),
            ("/admin/teams/add", ["name": "BILLING"], "exists"),
            ("/admin/operators/add", ["email": "not an address", "role": "operator"], "This is not a mail address."),
            ("/admin/operators/add", ["email": "x@example.test", "role": "customer"], "operator or admin"),
            ("/admin/operators/add", ["email": "y@example.test", "role": "operator", "teams": "nope"], "nope"),
            ("/admin/operators/add", ["email": "anna@example.test", "role": "operator"], "anna@example.test"),
            ("/admin/operators/hours", ["email": "oleg@example.test", "week": "someday 9-5"], "hours"),
            ("/admin/operators/hours", ["email": "oleg@example.test", "time_zone": "../../etc/passwd"], "time zone"),
            ("/admin/operators/state", ["email": "nobody@example.test", "op": "disable"], "Not found."),
            ("/admin/operators/state", ["email": "oleg@example.test", "op": "explode"], "Not found."),
        ]
        for (path, form, message) in cases {
            let answer = try await alice.post(path, form)
            #expect(answer.status == 422, "\(path) \(form)")
            #expect(answer.body.contains(message), "\(path) \(form): \(message)")
        }
        let (teams, operators) = try await postdesk.store.read { q in
            (try q.teams().count, try q.operatorAccounts(includeDisabled: true).count)
        }
        #expect(teams == 2 && operators == 3)
    }

    @Test("a rules YAML with an error shows line:column and imports nothing; a good one imports")
    func rulesYAML() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let alice = try await signedIn("alice@example.test", port: server.port)
        // Given the page shows the shipped defaults as YAML and in words
        let page = try await alice.get("/admin/rules")
        #expect(page.status == 200 && page.body.contains("rules:") && page.body.contains("ticket.created"))

        // When she checks and imports a document with an unknown action on line 4
        let bad = "rules:\n  - name: Broken\n    on: [ticket.created]\n    then: [{explode: now}]\n"
        let checked = try await alice.post("/admin/rules/check", ["yaml": bad])
        #expect(checked.status == 200 && checked.body.contains("4:"))
        let refused = try await alice.post("/admin/rules/import", ["yaml": bad])
        // Then the findings carry line:column, the text stays in the box, and the set in force is unchanged
        #expect(refused.status == 422)
        #expect(refused.body.range(of: #"<code>4:\d+: error"#, options: .regularExpression) != nil)
        #expect(refused.body.contains("explode"))
        #expect(try await postdesk.store.read { q in try q.ruleDocumentVersion() } == 0)

        // When she imports a good one
        let good = """
            rules:
              - name: Billing mail goes to billing
                on: [ticket.created]
                if: {subject: {contains_any: [invoice, счёт]}}
                then:
                  - set_team: support
            """
        let imported = try await alice.post("/admin/rules/import", ["yaml": good])
        #expect(imported.status == 303 && imported.location == "/admin/rules?done=rules-imported")
        #expect(try await postdesk.store.read { q in try q.ruleDocumentVersion() } == 1)
        let shown = try await alice.get("/admin/rules")
        #expect(shown.body.contains("subject contains_any [invoice, счёт]") && shown.body.contains("set_team support"))
    }

    @Test("the form editor adds a routing rule, reorders and deletes, each through the YAML import")
    func ruleEditor() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let alice = try await signedIn("alice@example.test", port: server.port)
        _ = try await alice.get("/admin/rules")
        let shipped = try await AdminServices(postdesk: postdesk).rules().rules.count

        // When she adds a routing rule to the shipped set (version 0)
        let added = try await alice.post(
            "/admin/rules/edit",
            [
                "version": "0", "op": "add", "name": "Refunds", "words": "refund, возврат", "team": "support",
                "strategy": "round_robin",
            ])
        #expect(added.status == 303)
        var rules = try await AdminServices(postdesk: postdesk).rules()
        #expect(rules.version == 1 && rules.rules.count == shipped + 1)
        #expect(rules.rules.last?.actions == ["set_team support", "assign round_robin"])

        // When she moves it up and then deletes the rule now below it
        #expect(
            try await alice.post("/admin/rules/edit", ["version": "1", "op": "up", "index": "\(shipped)"]).status == 303
        )
        rules = try await AdminServices(postdesk: postdesk).rules()
        #expect(rules.rules[shipped - 1].name == "Refunds")
        #expect(
            try await alice.post("/admin/rules/edit", ["version": "2", "op": "delete", "index": "\(shipped)"]).status
                == 303)
        rules = try await AdminServices(postdesk: postdesk).rules()
        #expect(rules.version == 3 && rules.rules.count == shipped)

        // A stale page, a bad index, an unknown team and an unknown op change nothing
        for form in [
            ["version": "1", "op": "delete", "index": "0"], ["version": "3", "op": "delete", "index": "999"],
            ["version": "3", "op": "add", "name": "X", "words": "x", "team": "", "strategy": ""],
            ["version": "3", "op": "shuffle"],
        ] {
            #expect(try await alice.post("/admin/rules/edit", form).status == 422, "\(form)")
        }
        #expect(try await postdesk.store.read { q in try q.ruleDocumentVersion() } == 3)
    }

    @Test("a ticket form field is checked on save: a choice field needs choices, names have a syntax")
    func formFields() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let alice = try await signedIn("alice@example.test", port: server.port)
        _ = try await alice.get("/admin/form")
        let field = ["name": "product", "label_en": "Product", "label_ru": "Продукт", "kind": "choice"]
        // When a choice field comes without choices, or a field with a bad name or type
        for (form, message) in [
            (field, "A choice field needs at least one choice."),
            (field.merging(["name": "Bad Name", "choices": "a"]) { $1 }, "A field name is"),
            (field.merging(["kind": "script", "choices": "a"]) { $1 }, "Unknown field type."),
            (field.merging(["kind": "text", "choices": "a"]) { $1 }, "Only a choice field has choices."),
            (field.merging(["label_ru": "", "choices": "a"]) { $1 }, "Each label"),
        ] {
            let answer = try await alice.post("/admin/form/fields", form)
            #expect(answer.status == 422 && answer.body.contains(message), "\(form)")
        }
        #expect(try await postdesk.store.read { q in try q.formFields() }.isEmpty)
        // When it comes right, it is saved
        let saved = try await alice.post(
            "/admin/form/fields", field.merging(["choices": "Mail, Portal", "required": "on", "position": "5"]) { $1 })
        #expect(saved.status == 303)
        let fields = try await postdesk.store.read { q in try q.formFields() }
        #expect(fields.map(\.choices) == [["Mail", "Portal"]] && fields.first?.isRequired == true)
        // And a work type gets a dated price as `worktype add` gives it; a bad price is refused
        #expect(
            try await alice.post(
                "/admin/worktypes", ["name": "consulting", "price": "1500.50", "currency": "RUB", "from": "2026-01-01"]
            ).status == 303)
        #expect(
            try await alice.post("/admin/worktypes", ["name": "consulting", "price": "1e3", "currency": "RUB"]).status
                == 422)
        let types = try await postdesk.store.read { q in try q.workTypes() }
        #expect(types.first?.prices.first?.amount == Money(minorUnits: 150050, currency: "RUB"))
    }

    @Test("a quarantined mail is shown escaped, reprocessed as ingest --reprocess does, or discarded and kept")
    func quarantine() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        // Given two quarantined mails from a customer
        var ids: [InboundID] = []
        for n in 1...2 {
            let raw = Array(
                """
                From: Ivan <ivan@example.ru>\r
                To: support@example.test\r
                Subject: <script>alert(\(n))</script>\r
                Message-ID: <q\(n)@example.ru>\r
                \r
                My printer is on fire <b>again</b>.\r

                """.utf8)
            let id = try await postdesk.store.write { tx -> InboundID in
                guard
                    case .recorded(let id) = try tx.recordInbound(
                        NewInbound(
                            mailbox: "pipe", uidValidity: nil, uid: nil, sha256: "sha-\(n)", raw: raw,
                            receivedAt: Date()))
                else { throw AdminTestFailure("not recorded") }
                try tx.setInbound(id, state: .quarantined, reason: "test quarantine", ticket: nil)
                return id
            }
            ids.append(id)
        }
        let alice = try await signedIn("alice@example.test", port: server.port)
        // When she lists and views them, the mail's markup is text
        let list = try await alice.get("/admin/quarantine")
        #expect(list.body.contains("test quarantine") && !list.body.contains("<script>"))
        let view = try await alice.get("/admin/quarantine/\(ids[0].rawValue)")
        #expect(view.body.contains("&lt;script&gt;") && view.body.contains("&lt;b&gt;again"))
        #expect(try await alice.get("/admin/quarantine/999999").status == 404)
        #expect(try await alice.get("/admin/quarantine/abc").status == 404)

        // When she reprocesses the first and discards the second
        let reprocessed = try await alice.post("/admin/quarantine/\(ids[0].rawValue)/reprocess", [:])
        #expect(reprocessed.status == 303 && reprocessed.location == "/admin/quarantine?done=reprocessed")
        let discarded = try await alice.post("/admin/quarantine/\(ids[1].rawValue)/discard", [:])
        #expect(discarded.status == 303)
        // Then the first became a ticket, the second is ignored with who and when, its bytes kept
        let stored = ids
        let (first, second, tickets) = try await postdesk.store.read { q in
            (try q.inbound(stored[0]), try q.inbound(stored[1]), try q.tickets(limit: 10))
        }
        #expect(first?.state == .processed && tickets.count == 1)
        #expect(second?.state == .ignored && second?.reason?.contains("discarded by alice@example.test at") == true)
        #expect(second?.reason?.contains("test quarantine") == true && second?.raw.isEmpty == false)
        // And neither can be handled twice
        #expect(try await alice.post("/admin/quarantine/\(ids[1].rawValue)/reprocess", [:]).status == 404)
        #expect(try await alice.post("/admin/quarantine/\(ids[0].rawValue)/discard", [:]).status == 404)
    }

    @Test("a POST without the CSRF token changes nothing")
    func csrf() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let alice = try await signedIn("alice@example.test", port: server.port)
        _ = try await alice.get("/admin/operators")
        for (path, form) in [
            ("/admin/teams/add", ["name": "sneaky"]),
            ("/admin/operators/add", ["email": "s@example.test", "role": "admin"]),
            ("/admin/rules/import", ["yaml": "rules: []"]),
            ("/admin/operators/state", ["email": "oleg@example.test", "op": "disable"]),
        ] {
            #expect(try await alice.post(path, form, csrf: false).status == 403, "\(path)")
            #expect(try await alice.post(path, form.merging(["csrf": "forged"]) { $1 }, csrf: false).status == 403)
        }
        let (teams, operators, version) = try await postdesk.store.read { q in
            (try q.teams().count, try q.operatorAccounts(includeDisabled: false).count, try q.ruleDocumentVersion())
        }
        #expect(teams == 1 && operators == 2 && version == 0)
    }

    @Test("the attachment quota warns at 80 % and refuses a web upload at 100 %; templates preview escaped")
    func quota() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let alice = try await signedIn("alice@example.test", port: server.port)
        #expect(!(try await alice.get("/admin/attachments").body.contains("over 80 %")))
        // Given 850 kB stored against a 1 MB quota
        let blobs = postdesk.blobs
        try blobs.put([UInt8](repeating: 1, count: 850_000), sha256: String(repeating: "a", count: 64))
        // Then the admin pages warn, and an upload that would pass the quota is refused
        let page = try await alice.get("/admin/attachments")
        #expect(page.body.contains("over 80 %") && page.body.contains("85 %"))
        let uploads = postdesk.webActions().console.uploads
        #expect(throws: WebActionError.self) {
            _ = try uploads.store([
                Upload(
                    filename: "big.bin", contentType: "application/octet-stream",
                    bytes: [UInt8](repeating: 2, count: 200_000))
            ])
        }
        #expect(
            try uploads.store([Upload(filename: "small.txt", contentType: "text/plain", bytes: [1, 2, 3])]).count == 1)
        // When the store is at 100 % (files written outside the web count from the next measure: the admin page
        // measures at once), every new upload is refused with the typed error, and the pages say so
        try blobs.put([UInt8](repeating: 3, count: 150_000), sha256: String(repeating: "b", count: 64))
        #expect(try await alice.get("/admin/attachments").body.contains("100 %"))
        do {
            _ = try uploads.store([Upload(filename: "a.txt", contentType: "text/plain", bytes: [1])])
            Issue.record("an upload at 100 % was stored")
        } catch let error as WebActionError {
            #expect(error.code == .quotaExceeded)
        }
        #expect(try await alice.get("/admin/operators").body.contains("inbound mail is still taken"))

        // And the notification templates preview in both languages, escaped
        let templates = try await alice.get("/admin/templates")
        #expect(templates.status == 200 && templates.body.contains("operator_new_ticket"))
        #expect(templates.body.contains("Иван Петров") && templates.body.contains("&lt;"))
        #expect(templates.body.components(separatedBy: "<html").count == 2)
    }

    @Test("mailboxes are listed without credentials; a test against a closed port fails, shown, not a 500")
    func mailboxes() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let alice = try await signedIn("alice@example.test", port: server.port)
        let page = try await alice.get("/admin/mailboxes")
        #expect(page.status == 200 && page.body.contains("support@example.test"))
        #expect(page.body.contains("imap://127.0.0.1:1/INBOX") && !page.body.contains("hunter2"))
        let tested = try await alice.post("/admin/mailboxes/test", ["name": "support"])
        #expect(tested.status == 200)
        #expect(tested.body.contains("IMAP: failed") && tested.body.contains("SMTP: failed"))
        for secret in ["hunter2", "imap-password-42", "smtp-password-42"] { #expect(!tested.body.contains(secret)) }
        #expect(try await alice.post("/admin/mailboxes/test", ["name": "nope"]).status == 422)
    }
}

struct AdminTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
