import Foundation
import PostdeskCore
import PostdeskStore
import PostdeskWorkflow
import Testing

@testable import PostdeskWeb

/// The customer's way in, over real HTTP: sign up, the login mail in the outbox, set a password, sign in, see only
/// their own tickets; and what an attacker gets: 403 without the CSRF token, one answer for wrong and unknown, a
/// limit on guessing.
@Suite(.serialized) struct AccountFlowTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    let db: PortalRoutesTests.Database
    let routes: PortalRoutes

    /// Given a portal (bcrypt at its cheapest, for speed) where Ivan and Olga each wrote one ticket by mail.
    init() async throws {
        db = try PortalRoutesTests.Database()
        routes = PortalRoutes(
            store: db.store, pages: try await PageLibrary.load(),
            accountSettings: AccountSettings(messageIDDomain: "test.invalid", passwords: PasswordPolicy(cost: 4)),
            now: { Self.now })
        try await db.store.write { tx in
            for (name, address, subject) in [
                ("Ivan", "ivan@example.ru", "Ivan's printer"), ("Olga", "olga@example.ru", "Olga's invoice"),
            ] {
                let customer = try tx.upsertCustomer(Person(name: name, address: address), at: Self.now)
                _ = try tx.createTicket(
                    subject: subject, customer: customer, priority: .normal, portalToken: "tok-\(address)-0000000000",
                    at: Self.now)
            }
        }
    }

    /// The queued account mails' models, oldest first.
    func accountMails() async throws -> [(template: String, to: String, model: TicketMailModel)] {
        try await db.store.read { q in
            try q.outbox(state: .queued, limit: 100).filter { $0.item.template.hasPrefix("account_") }.map {
                (
                    $0.item.template, $0.item.recipient.address,
                    try JSONDecoder().decode(TicketMailModel.self, from: $0.item.model)
                )
            }
        }
    }

    @Test("sign up → the mail with the link is in the outbox → set a password → sign in → /tickets shows only mine")
    func signUpToTickets() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let browser = WebClient(port: server.port)

        // Given the sign-up form
        let form = try await browser.get("/signup")
        #expect(form.status == 200)
        #expect(form.body.contains("name=\"surname\""))
        // When Ivan signs up
        let done = try await browser.post("/signup", ["name": "Ivan", "surname": "Petrov", "email": "ivan@example.ru"])
        #expect(done.status == 200)
        // Then the outbox holds one sign-up mail to him, with his login and a set-password link
        let mails = try await accountMails()
        #expect(mails.count == 1)
        let mail = try #require(mails.first)
        #expect(mail.template == "account_signup" && mail.to == "ivan@example.ru")
        #expect(mail.model.login == "ivan@example.ru")
        let path = try #require(mail.model.accountPath)
        #expect(path.hasPrefix("/password/"))

        // When he opens the link and chooses a password
        #expect(try await browser.get(path).status == 200)
        let short = try await browser.post(path, ["password": "short"])
        #expect(short.status == 200 && browser.cookies["postdesk_session"] == nil)
        let set = try await browser.post(path, ["password": "correct horse battery"])
        // Then he is signed in and sent to his tickets
        #expect(set.status == 303 && set.location == "/tickets")
        #expect(browser.cookies["postdesk_session"] != nil)
        #expect(set.headers["set-cookie"]?.contains("HttpOnly") == true)
        #expect(set.headers["set-cookie"]?.contains("SameSite=Lax") == true)
        // And the link works only once (posted from a signed-in page, with the session's token)
        #expect(try await browser.get("/tickets").status == 200)
        #expect(try await browser.post(path, ["password": "another good one"]).status == 404)

        // When he signs out and in again with the password
        #expect(try await browser.post("/logout", [:]).status == 303)
        #expect(browser.cookies["postdesk_session"] == nil)
        #expect(try await browser.get("/tickets").status == 303)
        _ = try await browser.get("/login")
        let signIn = try await browser.post(
            "/login", ["email": "IVAN@example.ru", "password": "correct horse battery"])
        #expect(signIn.status == 303 && signIn.location == "/tickets")

        // Then /tickets lists his ticket and not Olga's
        let tickets = try await browser.get("/tickets")
        #expect(tickets.status == 200)
        #expect(tickets.body.contains("Ivan&#39;s printer") || tickets.body.contains("Ivan&#x27;s printer"))
        #expect(!tickets.body.contains("Olga"))
        #expect(tickets.body.contains("Signed in as"))
    }

    @Test(
        "a POST without its CSRF token is refused with 403 and changes nothing",
        arguments: [
            "/signup", "/login", "/login/link", "/logout",
        ])
    func csrfRequired(path: String) async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let browser = WebClient(port: server.port)
        _ = try await browser.get("/signup")
        let form = ["name": "Eve", "surname": "X", "email": "ivan@example.ru", "password": "whatever long"]

        // When the form is posted without the token, and with someone else's
        let without = try await browser.post(path, form, csrf: false)
        let forged = try await browser.post(path, form.merging(["csrf": String(repeating: "a", count: 64)]) { $1 })
        // Then both are 403, and no account, mail or attempt was recorded
        #expect(without.status == 403 && forged.status == 403)
        let (accounts, queued, attempts) = try await db.store.read { q in
            (
                try q.customerAccounts().count, try q.outboxCount(state: .queued),
                try q.failedSignIns(key: "address:ivan@example.ru", since: .distantPast)
            )
        }
        #expect(accounts == 0 && queued == 0 && attempts == 0)
    }

    @Test("the token may come as an X-CSRF-Token header instead of the field")
    func csrfHeader() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let browser = WebClient(port: server.port)
        _ = try await browser.get("/signup")
        let answer = try await browser.post(
            "/signup", ["name": "Ivan", "email": "ivan@example.ru"], csrf: false,
            headers: ["X-CSRF-Token": browser.lastCSRF])
        #expect(answer.status == 200)
        #expect(try await accountMails().count == 1)
    }

    @Test("signing up with someone's address renames nobody and mails only that address")
    func signUpAsSomeoneElse() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let browser = WebClient(port: server.port)
        _ = try await browser.get("/signup")
        _ = try await browser.post("/signup", ["name": "Eve", "surname": "Evil", "email": "ivan@example.ru"])
        let accounts = try await db.store.read { q in try q.customerAccounts() }
        #expect(accounts.map(\.person) == [Person(name: "Ivan", address: "ivan@example.ru")])
        #expect(try await accountMails().map(\.to) == ["ivan@example.ru"])
    }

    @Test("a wrong password and an unknown address get the same page")
    func sameAnswer() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        _ = try await routes.accounts.invite(
            email: EmailAddress("ivan@example.ru")!, name: "Ivan", invitedBy: nil, language: "en")
        _ = try await routes.accounts.setPassword(email: "ivan@example.ru", password: "correct horse battery")
        let browser = WebClient(port: server.port)
        _ = try await browser.get("/login")

        let wrong = try await browser.post("/login", ["email": "ivan@example.ru", "password": "wrong password!"])
        let unknown = try await browser.post("/login", ["email": "nobody@example.ru", "password": "wrong password!"])
        #expect(wrong.status == unknown.status)
        #expect(
            wrong.body.replacingOccurrences(of: "ivan@example.ru", with: "X")
                == unknown.body.replacingOccurrences(of: "nobody@example.ru", with: "X"))
        #expect(wrong.body.contains("The address or the password is wrong."))
    }

    @Test("after 5 failures for an address in 15 minutes the 6th attempt is refused, even with the right password")
    func rateLimited() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        _ = try await routes.accounts.invite(
            email: EmailAddress("ivan@example.ru")!, name: nil, invitedBy: nil, language: "en")
        _ = try await routes.accounts.setPassword(email: "ivan@example.ru", password: "correct horse battery")
        let browser = WebClient(port: server.port)
        _ = try await browser.get("/login")
        for _ in 1...5 {
            #expect(
                try await browser.post("/login", ["email": "ivan@example.ru", "password": "guess guess"]).status == 200)
        }
        let sixth = try await browser.post("/login", ["email": "ivan@example.ru", "password": "correct horse battery"])
        #expect(sixth.status == 429)
        #expect(sixth.body.contains("Too many sign-in attempts"))
        #expect(browser.cookies["postdesk_session"] == nil)
    }

    @Test("a sign-in link shows a button: opening it signs nobody in, pressing it does, once")
    func loginLink() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        _ = try await routes.accounts.invite(
            email: EmailAddress("ivan@example.ru")!, name: nil, invitedBy: nil, language: "en")
        let scanner = WebClient(port: server.port)
        let browser = WebClient(port: server.port)
        _ = try await browser.get("/login")
        // Unknown addresses get the same answer and no mail
        let unknown = try await browser.post("/login/link", ["email": "nobody@example.ru"])
        let known = try await browser.post("/login/link", ["email": "ivan@example.ru"])
        #expect(unknown.body == known.body)
        let link = try #require(
            try await accountMails().last { $0.template == "account_login_link" }?.model.accountPath)
        #expect(try await accountMails().filter { $0.to == "nobody@example.ru" }.isEmpty)

        // A mail scanner following the link gets a page, and no session
        let scanned = try await scanner.get(link)
        #expect(scanned.status == 200 && scanned.body.contains("<form method=\"post\""))
        #expect(scanner.cookies["postdesk_session"] == nil)
        // The person presses the button
        _ = try await browser.get(link)
        let pressed = try await browser.post(link, [:])
        #expect(pressed.status == 303 && browser.cookies["postdesk_session"] != nil)
        // A second press does nothing
        #expect(try await scanner.get(link).status == 404)
    }

    @Test("a sign-in link never signs in an operator or an admin: none is mailed, and an old one does nothing")
    func noLinksForStaff() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        // Given an admin and an operator, each with a password, and a sign-in link each (written as an older
        // version would have mailed it)
        let staff = try await db.store.write { tx -> [AccountRef] in
            try [(Role.admin, "boss@support.test"), (Role.operator, "anna@support.test")].map { role, address in
                guard
                    case .operator(let account) = try tx.addUser(
                        NewUser(role: role, address: EmailAddress(address)!, name: nil), at: Self.now)
                else { throw CancellationError() }
                return AccountRef.operator(account.id)
            }
        }
        for (index, account) in staff.enumerated() {
            try await db.store.write { tx in
                try tx.insertOneTimeToken(
                    digest: SecretToken.digest(String(repeating: "\(index)", count: 64)), purpose: .loginLink,
                    account: account, expiresAt: Self.now + 600, at: Self.now)
            }
        }
        _ = try await routes.accounts.setPassword(email: "boss@support.test", password: "correct horse battery")
        let browser = WebClient(port: server.port)
        _ = try await browser.get("/login")

        // When they ask for sign-in links, or sign up with their addresses
        _ = try await browser.post("/login/link", ["email": "boss@support.test"])
        _ = try await browser.post("/signup", ["name": "A", "surname": "B", "email": "anna@support.test"])
        // Then no mail is queued
        #expect(try await accountMails().isEmpty)

        // When the old links are opened and pressed
        for index in 0..<2 {
            let link = "/login/link/" + String(repeating: "\(index)", count: 64)
            // Then the page says the link does not work, and pressing it signs nobody in
            #expect(try await browser.get(link).status == 404)
            #expect(try await browser.post(link, [:]).status == 404)
            #expect(browser.cookies["postdesk_session"] == nil)
        }
        // And the admin's password still works
        let signIn = try await browser.post(
            "/login", ["email": "boss@support.test", "password": "correct horse battery"])
        #expect(signIn.status == 303 && signIn.location == "/console")
    }

    @Test("signed-out forms mail an address at most once per 5 minutes, with the same page, and names stay one line")
    func accountMailLimit() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let browser = WebClient(port: server.port)
        _ = try await browser.get("/login")
        // Given a stranger who signs someone up, then asks for sign-in links again and again
        let first = try await browser.post(
            "/signup", ["name": "Bob\n\nYour account is locked", "surname": "x", "email": "anna@example.ru"])
        let again = try await browser.post("/login/link", ["email": "anna@example.ru"])
        let third = try await browser.post("/login/link", ["email": "anna@example.ru"])
        // Then Anna gets one mail, the pages do not tell, and her name is one line
        #expect(try await accountMails().filter { $0.to == "anna@example.ru" }.count == 1)
        #expect(again.body == third.body && first.status == third.status)
        let name = try await db.store.read { q in try q.customerAccount(address: "anna@example.ru")?.person.name }
        #expect(name == "Bob Your account is locked x")
    }

    @Test("a made-up set-password link is refused without hashing, and a real one dies when the password changes")
    func passwordLinks() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        _ = try await routes.accounts.invite(
            email: EmailAddress("ivan@example.ru")!, name: nil, invitedBy: nil, language: "en")
        let link = try #require(try await accountMails().last?.model.accountPath)
        let token = String(link.split(separator: "/").last!)
        // A made-up link does nothing
        #expect(
            try await routes.accounts.setPassword(linkToken: String(repeating: "a", count: 64), password: "x") == nil)
        // A sign-in link asked for later stops working once the invitation's link sets a password
        _ = try await routes.accounts.requestLoginLink(email: "ivan@example.ru", language: "en")
        #expect(try await routes.accounts.setPassword(linkToken: token, password: "correct horse battery") != nil)
        let later = try #require(
            try await accountMails().last { $0.template == "account_login_link" }?.model.accountPath)
        #expect(try await routes.accounts.signIn(linkToken: String(later.split(separator: "/").last!)) == nil)
    }

    @Test("with portal.signup: generated the mail carries a password that signs in, and no link")
    func generatedPassword() async throws {
        let routes = PortalRoutes(
            store: db.store, pages: try await PageLibrary.load(),
            accountSettings: AccountSettings(signup: .generated, passwords: PasswordPolicy(cost: 4)), now: { Self.now })
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let browser = WebClient(port: server.port)
        _ = try await browser.get("/signup")
        _ = try await browser.post("/signup", ["name": "Olga", "surname": "", "email": "olga@example.ru"])
        let mail = try #require(try await accountMails().first)
        #expect(mail.model.accountPath == nil)
        let password = try #require(mail.model.generatedPassword)
        #expect(password.count == 16)
        let signIn = try await browser.post("/login", ["email": "olga@example.ru", "password": password])
        #expect(signIn.status == 303)
        #expect(try await browser.get("/tickets").body.contains("invoice"))
    }

    @Test("the page language: the lang cookie, else Accept-Language, else English; ?lang= switches and remembers")
    func language() async throws {
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let russian = WebClient(port: server.port, language: "de-DE,ru;q=0.8,en;q=0.5")
        #expect(try await russian.get("/login").body.contains("Войти"))
        let english = try await WebClient(port: server.port, language: "fr").get("/login")
        #expect(english.body.contains("<html lang=\"en\">") && english.body.contains("href=\"/login?lang=ru\""))
        let switched = try await russian.get("/login?lang=en")
        #expect(switched.body.contains("<html lang=\"en\">"))
        #expect(russian.cookies["lang"] == "en")
        #expect(try await russian.get("/signup").body.contains("<html lang=\"en\">"))
        // And a ticket's page speaks the reader's language too
        let page = try await WebClient(port: server.port, language: "ru").get("/t/tok-ivan@example.ru-0000000000")
        #expect(page.status == 200 && page.body.contains("Получена"))
    }
}
