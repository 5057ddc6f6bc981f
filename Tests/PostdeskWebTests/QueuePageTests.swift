import Foundation
import Hummingbird
import PostdeskCore
import PostdeskStore
import PostdeskWorkflow
import Testing

@testable import PostdeskWeb

/// The operator queue, `GET /console`, through the router over real HTTP: who may open it, what each view shows
/// within the operator's rights, search with hostile input, and "next page" links that reach every ticket once.
@Suite(.serialized) struct QueuePageTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let password = "correct horse battery"
    let db: PortalRoutesTests.Database
    let accounts: AccountService
    let pages: PageLibrary
    let ada: OperatorID
    let bob: OperatorID
    /// Every ticket: number, team, assignee, status, subject.
    let tickets: [Ticket]

    /// Given teams billing and tech, Ada (billing), Bob (tech), admin Root (no team), customer Ivan, and 110 tickets
    /// spread over teams (or none), assignees (or none), statuses and update times.
    init() async throws {
        db = try PortalRoutesTests.Database()
        pages = try await PageLibrary.load()
        accounts = AccountService(
            store: db.store,
            settings: AccountSettings(messageIDDomain: "test.invalid", passwords: PasswordPolicy(cost: 4)),
            now: { Self.now })
        let (ada, bob, tickets) = try await db.store.write { tx in
            _ = try tx.addTeam(name: "billing", at: Self.now)
            _ = try tx.addTeam(name: "tech", at: Self.now)
            func add(_ role: Role, _ address: String, _ teams: [String]) throws -> OperatorID? {
                let added = try tx.addUser(
                    NewUser(role: role, address: EmailAddress(address)!, name: address, teams: teams), at: Self.now)
                if case .operator(let account) = added { return account.id }
                return nil
            }
            let ada = try add(.operator, "ada@example.test", ["billing"])!
            let bob = try add(.operator, "bob@example.test", ["tech"])!
            _ = try add(.admin, "root@example.test", [])
            _ = try add(.customer, "ivan@example.ru", [])
            var tickets: [Ticket] = []
            for i in 0..<110 {
                let customer = try tx.upsertCustomer(
                    Person(name: "Customer \(i % 5)", address: "c\(i % 5)@example.ru"), at: Self.now)
                var ticket = try tx.createTicket(
                    subject: i % 2 == 0 ? "Invoice \(i) overdue" : "Printer \(i) on fire", customer: customer,
                    priority: .normal, portalToken: "queue-token-\(i)-000000000000", at: Self.now)
                ticket.team = [nil, "billing", "tech"][i % 3]
                ticket.assigneeID = [nil, ada, bob, ada][i % 4]
                ticket.status = TicketStatus.allCases[i % 5]
                ticket.updatedAt = Self.now.addingTimeInterval(Double((i * 7) % 5) * 60)
                try tx.update(ticket)
                tickets.append(ticket)
            }
            return (ada, bob, tickets)
        }
        self.ada = ada
        self.bob = bob
        self.tickets = tickets
        for address in ["ada@example.test", "bob@example.test", "root@example.test", "ivan@example.ru"] {
            _ = try await accounts.setPassword(email: address, password: Self.password)
        }
    }

    /// The portal's sign-in and queue routes, with operators seeing other teams or not.
    func router(seeAllTeams: Bool = true) -> Router<PortalRequestContext> {
        let router = Router(context: PortalRequestContext.self)
        router.add(middleware: SecurityHeaders<PortalRequestContext>())
        router.add(middleware: WebSessionMiddleware(accounts: accounts))
        QueueRoutes(store: db.store, pages: pages, access: TicketAccess(operatorsSeeAllTeams: seeAllTeams))
            .register(on: router)
        AccountRoutes(accounts: accounts, pages: pages).register(on: router)
        return router
    }

    func signIn(_ address: String, port: Int) async throws -> (WebClient, WebClient.Answer) {
        let browser = WebClient(port: port)
        _ = try await browser.get("/login")
        let answer = try await browser.post("/login", ["email": address, "password": Self.password])
        return (browser, answer)
    }

    /// The ticket numbers a page lists, in order.
    static func numbers(_ body: String) -> [Int64] {
        body.components(separatedBy: "data-href=\"/console/tickets/").dropFirst().compactMap {
            Int64($0.prefix { $0.isNumber })
        }
    }

    /// The `rel="next"` link of a page, unescaped; nil on the last page.
    static func next(_ body: String) -> String? {
        guard let range = body.range(of: "rel=\"next\" href=\"") else { return nil }
        return unescape(String(body[range.upperBound...].prefix { $0 != "\"" }))
    }

    /// HTML character references (`&amp;`, `&#x2F;`, `&#61;`) read back.
    static func unescape(_ text: String) -> String {
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&"), let semi = rest[amp...].firstIndex(of: ";") {
            out += rest[..<amp]
            let name = rest[rest.index(after: amp)..<semi]
            let scalar: UInt32? =
                name == "amp"
                ? 38
                : name == "quot"
                    ? 34
                    : name == "lt"
                        ? 60
                        : name == "gt"
                            ? 62
                            : name.hasPrefix("#x")
                                ? UInt32(name.dropFirst(2), radix: 16)
                                : name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil
            out += scalar.flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? String(rest[amp...semi])
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }

    /// Every page from `path` on, following the next links: the numbers in order.
    static func allPages(_ path: String, _ browser: WebClient) async throws -> [Int64] {
        var numbers: [Int64] = []
        var path: String? = path
        var pages = 0
        while let current = path, pages < 20 {
            let answer = try await browser.get(current)
            #expect(answer.status == 200, "\(current) \(answer.body.prefix(200))")
            numbers += Self.numbers(answer.body)
            path = Self.next(answer.body)
            pages += 1
        }
        return numbers
    }

    func expected(_ include: (Ticket) -> Bool, statuses: Set<TicketStatus> = [.new, .open, .pending]) -> Set<Int64> {
        Set(tickets.filter { statuses.contains($0.status) && include($0) }.map(\.number.rawValue))
    }

    @Test("a visitor is sent to sign in, a customer is refused, an operator lands on the queue after signing in")
    func whoMayOpen() async throws {
        let server = try await LiveServer.start(router())
        defer { server.stop() }
        // When a visitor opens the queue, then they are sent to sign in
        let visitor = try await WebClient(port: server.port).get("/console")
        #expect(visitor.status == 303 && visitor.location == "/login")
        // When a customer signs in and opens it, then it is refused
        let (customer, _) = try await signIn("ivan@example.ru", port: server.port)
        #expect(try await customer.get("/console").status == 403)
        // When Ada signs in, then she lands on the queue, which shows it with its script and a search box
        let (browser, signedIn) = try await signIn("ada@example.test", port: server.port)
        #expect(signedIn.status == 303 && signedIn.location == "/console")
        let page = try await browser.get("/console")
        #expect(page.status == 200)
        #expect(page.body.contains("<script src=\"/queue.js\"></script>") && page.body.contains("id=\"q\""))
        #expect(page.headers["content-security-policy"]?.contains("script-src 'self'") == true)
        let script = try await browser.get("/queue.js")
        #expect(script.status == 200 && script.headers["content-type"]?.hasPrefix("text/javascript") == true)
        // And the Russian page is in Russian
        browser.language = "ru"
        #expect(try await browser.get("/console").body.contains("Очередь"))
    }

    @Test(
        "each view shows its tickets, active by default, within the rights, across all its pages",
        arguments: [true, false])
    func views(seeAllTeams: Bool) async throws {
        let server = try await LiveServer.start(router(seeAllTeams: seeAllTeams))
        defer { server.stop() }
        let (browser, _) = try await signIn("ada@example.test", port: server.port)
        // Ada may see billing, no team and her own tickets; other teams' only when operators see all teams
        let ada = self.ada
        let visible: (Ticket) -> Bool = {
            seeAllTeams || $0.team == nil || $0.team == "billing" || $0.assigneeID == ada
        }
        let cases: [(String, (Ticket) -> Bool)] = [
            ("mine", { $0.assigneeID == ada }), ("team", { $0.team == "billing" }),
            ("unassigned", { $0.assigneeID == nil }), ("all", { _ in true }),
        ]
        for (view, include) in cases {
            // When she pages through the view
            let shown = try await Self.allPages("/console?view=\(view)", browser)
            // Then each ticket of it appears once
            #expect(Set(shown).count == shown.count, "\(view)")
            #expect(Set(shown) == expected { include($0) && visible($0) }, "\(view)")
        }
        // And a status filter and "any status" choose the statuses
        let solved = try await Self.allPages("/console?view=all&status=solved", browser)
        #expect(Set(solved) == expected({ visible($0) }, statuses: [.solved]))
        let any = try await Self.allPages("/console?view=all&status=any", browser)
        #expect(Set(any) == expected({ visible($0) }, statuses: Set(TicketStatus.allCases)))
    }

    @Test("an admin sees every team's tickets even when operators may not")
    func admin() async throws {
        let server = try await LiveServer.start(router(seeAllTeams: false))
        defer { server.stop() }
        let (browser, _) = try await signIn("root@example.test", port: server.port)
        let all = try await Self.allPages("/console?view=all&status=any", browser)
        #expect(all.count == tickets.count && Set(all).count == tickets.count)
    }

    @Test("next page links cover every ticket once, in order, for every sort; a hostile page is the first page")
    func paging() async throws {
        let server = try await LiveServer.start(router())
        defer { server.stop() }
        let (browser, _) = try await signIn("bob@example.test", port: server.port)
        for sort in QueueRequest.Sort.allCases {
            // When Bob pages through all tickets of any status in this order (50 a page, 110 tickets)
            let shown = try await Self.allPages("/console?view=all&status=any&sort=\(sort.rawValue)", browser)
            // Then he sees every ticket exactly once
            #expect(shown.count == tickets.count && Set(shown).count == tickets.count, "\(sort)")
            if sort == .number { #expect(shown == shown.sorted(), "ascending numbers") }
            if sort == .created { #expect(shown == shown.sorted(by: >), "newest first") }
        }
        // When a cursor is forged in the right shape, then it is a page after that key, never an error
        #expect(try await browser.get("/console?view=all&status=any&page=updated.d.1.").status == 200)
        // And a second page links back to the first
        let first = try await browser.get("/console?view=all&status=any")
        let second = try await browser.get(try #require(Self.next(first.body)))
        #expect(second.body.contains("First page") && Self.numbers(second.body).count == 50)
        // When the page parameter is garbage or of another order, then the first page is shown
        for page in [
            "x", "number.a.99999999999999999999.AA", "updated.d.-1.AA", "%00", String(repeating: "a", count: 5000),
        ] {
            let answer = try await browser.get("/console?view=all&status=any&page=\(WebClient.encode(page))")
            #expect(answer.status == 200, "\(page): \(answer.status) \(answer.body.prefix(300))")
            #expect(Self.numbers(answer.body) == Self.numbers(first.body), "\(page)")
        }
    }

    @Test(
        "search finds the words typed, treats hostile text as words, and echoes it escaped",
        arguments: [
            "\"", "NEAR(", "invoice OR printer", "<script>alert(1)</script>", "'; DROP TABLE ticket; --",
            "\u{0}", "col:on", String(repeating: "x ", count: 2000), "*", "\"invoice",
        ])
    func hostileSearch(query: String) async throws {
        let server = try await LiveServer.start(router())
        defer { server.stop() }
        let (browser, _) = try await signIn("ada@example.test", port: server.port)
        // When Ada searches for the hostile text
        let answer = try await browser.get("/console?view=all&status=any&q=\(WebClient.encode(query))")
        // Then the page is shown, with no markup of the query in it
        #expect(answer.status == 200)
        #expect(!answer.body.contains("<script>alert"))
        // And it finds no more than a literal reading could: tickets whose subject holds the words
        let subjects = Dictionary(uniqueKeysWithValues: tickets.map { ($0.number.rawValue, $0.subject) })
        let words = SearchText(query).terms.flatMap {
            $0.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        }
        for number in Self.numbers(answer.body) {
            let subject = subjects[number]?.lowercased() ?? ""
            #expect(
                words.isEmpty || words.allSatisfy { subject.contains($0) || "customer c example ru".contains($0) },
                "\(query) found \(subject)")
        }
    }

    @Test("search with a next page: every invoice and only invoices, across pages")
    func searchPages() async throws {
        let server = try await LiveServer.start(router())
        defer { server.stop() }
        let (browser, _) = try await signIn("ada@example.test", port: server.port)
        let shown = try await Self.allPages("/console?view=all&status=any&q=invoice", browser)
        let invoices = Set(tickets.filter { $0.subject.hasPrefix("Invoice") }.map(\.number.rawValue))
        #expect(shown.count == invoices.count && Set(shown) == invoices)
        // And the search box shows the words searched
        let page = try await browser.get("/console?view=all&q=%3Cb%3Einvoice")
        #expect(page.body.contains("value=\"&lt;b&gt;invoice\""))
    }
}
