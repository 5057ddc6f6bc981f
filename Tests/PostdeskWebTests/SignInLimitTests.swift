import Foundation
import PostdeskCore
import PostdeskStore
import Testing

@testable import PostdeskWeb

/// The sign-in limit under attack: parallel guesses, and the client address behind a reverse proxy.
@Suite(.serialized) struct SignInLimitTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A portal whose only account is Ivan's, with the password "correct horse battery".
    static func portal(trustedProxies: [String] = [], cost: UInt8 = 4) async throws -> (
        PortalRoutesTests.Database, PortalRoutes
    ) {
        let db = try PortalRoutesTests.Database()
        let routes = PortalRoutes(
            store: db.store, pages: try await PageLibrary.load(),
            accountSettings: AccountSettings(
                messageIDDomain: "test.invalid", passwords: PasswordPolicy(cost: cost),
                trustedProxies: try TrustedProxies.parse(trustedProxies).get()),
            now: { Self.now })
        try await routes.accounts.invite(
            email: EmailAddress("ivan@example.ru")!, name: nil, invitedBy: nil, language: "en")
        _ = try await routes.accounts.setPassword(email: "ivan@example.ru", password: "correct horse battery")
        return (db, routes)
    }

    @Test("20 wrong passwords sent at once: exactly 5 are checked, 15 are refused as too many")
    func parallelGuesses() async throws {
        // Given Ivan's account (bcrypt cost 8, so every check takes a while, as in production)
        let (db, routes) = try await Self.portal(cost: 8)
        let accounts = routes.accounts
        // When an attacker sends 20 guesses in parallel from one address
        let outcomes = try await withThrowingTaskGroup(of: AccountService.SignInOutcome.self) { group in
            for index in 0..<20 {
                group.addTask {
                    try await accounts.signIn(email: "ivan@example.ru", password: "guess \(index)", ip: "192.0.2.7")
                }
            }
            return try await group.reduce(into: [AccountService.SignInOutcome]()) { $0.append($1) }
        }
        // Then only the limit's 5 were tried; the rest never reached bcrypt
        #expect(outcomes.filter { $0 == .refused }.count == 5)
        #expect(outcomes.filter { $0 == .limited }.count == 15)
        withExtendedLifetime(db) {}
    }

    @Test("a success is not a failure: six correct sign-ins in a row all work")
    func successesDoNotCount() async throws {
        // Given Ivan's account
        let (db, routes) = try await Self.portal()
        // When he signs in six times from one place
        for _ in 1...6 {
            let outcome = try await routes.accounts.signIn(
                email: "ivan@example.ru", password: "correct horse battery", ip: "192.0.2.7")
            // Then each works
            guard case .signedIn = outcome else {
                Issue.record("sign-in refused: \(outcome)")
                return
            }
        }
        let failures = try await db.store.read { q in try q.failedSignIns(key: "ip:192.0.2.7", since: .distantPast) }
        #expect(failures == 0)
    }

    @Test("behind a trusted proxy each client has its own limit; the header's left part cannot pick one")
    func behindProxy() async throws {
        // Given a portal behind a proxy on loopback
        let (db, routes) = try await Self.portal(trustedProxies: ["127.0.0.1", "10.0.0.0/8"])
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let attacker = WebClient(port: server.port)
        _ = try await attacker.get("/login")
        // When one client fails 5 times (other addresses each time), forging hops to the left of the proxy's
        for index in 1...5 {
            let answer = try await attacker.post(
                "/login", ["email": "user\(index)@example.ru", "password": "guess guess"],
                headers: ["X-Forwarded-For": "198.51.100.\(index), 203.0.113.9, 10.1.2.3"])
            #expect(answer.status == 200)
        }
        // Then that client's sixth try is refused, whatever it writes on the left
        let sixth = try await attacker.post(
            "/login", ["email": "user6@example.ru", "password": "guess guess"],
            headers: ["X-Forwarded-For": "198.51.100.99, 203.0.113.9"])
        #expect(sixth.status == 429)
        // And Ivan, another client behind the same proxy, still signs in
        let ivan = WebClient(port: server.port)
        _ = try await ivan.get("/login")
        let signedIn = try await ivan.post(
            "/login", ["email": "ivan@example.ru", "password": "correct horse battery"],
            headers: ["X-Forwarded-For": "198.51.100.20"])
        #expect(signedIn.status == 303)
        withExtendedLifetime(db) {}
    }

    @Test("without trusted proxies the header is ignored: rotating it buys no extra guesses")
    func headerIgnored() async throws {
        // Given a portal that trusts no proxy
        let (db, routes) = try await Self.portal()
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let attacker = WebClient(port: server.port)
        _ = try await attacker.get("/login")
        // When a client fails 5 times, claiming another address each time
        for index in 1...5 {
            _ = try await attacker.post(
                "/login", ["email": "user\(index)@example.ru", "password": "guess guess"],
                headers: ["X-Forwarded-For": "198.51.100.\(index)"])
        }
        // Then the sixth is refused: the socket's peer is what counts
        let sixth = try await attacker.post(
            "/login", ["email": "user6@example.ru", "password": "guess guess"],
            headers: ["X-Forwarded-For": "198.51.100.77"])
        #expect(sixth.status == 429)
        withExtendedLifetime(db) {}
    }
}

/// Which address `X-Forwarded-For` yields, as a table.
@Suite struct TrustedProxiesTests {
    static let proxies = try! TrustedProxies.parse(["127.0.0.1", "10.0.0.0/8", "fd00::/8"]).get()

    @Test(
        "the client is the rightmost hop that is not a trusted proxy, and only a trusted peer's header counts",
        arguments: [
            // peer, header fields, expected client
            ("192.0.2.1", ["198.51.100.1"], "192.0.2.1"),  // an untrusted peer's header is ignored
            ("127.0.0.1", [], "127.0.0.1"),  // no header: the proxy itself
            ("127.0.0.1", ["198.51.100.1"], "198.51.100.1"),
            ("127.0.0.1", ["6.6.6.6, 198.51.100.1"], "198.51.100.1"),  // the left part is the client's own writing
            ("127.0.0.1", ["6.6.6.6, 198.51.100.1, 10.0.0.5"], "198.51.100.1"),  // a chain of our proxies
            ("127.0.0.1", ["6.6.6.6", "198.51.100.1, 10.9.9.9"], "198.51.100.1"),  // several fields are one list
            ("127.0.0.1", ["10.0.0.5, 10.0.0.6"], "10.0.0.5"),  // all trusted: the leftmost
            // a hop that is no address stops the walk; the trusted proxy wrote it, so its text is the key
            ("127.0.0.1", ["198.51.100.1, garbage"], "unparsed:garbage"),
            ("127.0.0.1", ["evil, 10.0.0.5"], "unparsed:evil"),
            ("127.0.0.1", ["unknown"], "unparsed:unknown"),
            ("::ffff:127.0.0.1", ["198.51.100.1"], "198.51.100.1"),  // a dual-stack socket's IPv4 peer
            ("fd12::1", ["2001:0db8:0000::1"], "2001:db8::1"),  // canonical spelling
            // ports and brackets are dropped: each client keeps its own key, not the proxy's
            ("127.0.0.1", ["198.51.100.1:4711"], "198.51.100.1"),
            ("127.0.0.1", ["[2001:db8::1]:443"], "2001:db8::1"),
            ("127.0.0.1", ["[2001:db8::1]"], "2001:db8::1"),
            ("127.0.0.1", ["6.6.6.6, 198.51.100.1:4711, 10.0.0.5:80"], "198.51.100.1"),
            ("127.0.0.1", ["[2001:db8::1]x"], "unparsed:[2001:db8::1]x"),
            ("127.0.0.1", ["198.51.100.1:99999999"], "unparsed:198.51.100.1:99999999"),
        ] as [(String, [String], String)])
    func client(peer: String, header: [String], expected: String) {
        #expect(Self.proxies.client(peer: peer, forwardedFor: header) == expected)
    }

    @Test("with no trusted proxy the header never counts")
    func noProxies() {
        #expect(TrustedProxies().client(peer: "127.0.0.1", forwardedFor: ["198.51.100.1"]) == "127.0.0.1")
        #expect(TrustedProxies().client(peer: nil, forwardedFor: ["198.51.100.1"]) == nil)
    }

    @Test(
        "entries parse as addresses or CIDR blocks; anything else is named",
        arguments: [
            ("10.0.0.0/8", true), ("::1", true), ("fd00::/8", true), ("192.0.2.1/32", true), ("10.0.0.0/33", false),
            ("example.com", false), ("10.0.0.1/", false), ("10.0.0.1/-1", false), ("::/129", false), ("", true),
        ])
    func parse(entry: String, valid: Bool) {
        if case .success = TrustedProxies.parse([entry]) { #expect(valid) } else { #expect(!valid) }
    }

    @Test("an IPv6 client is limited by its /64, an IPv4 client by its address")
    func limitKeys() {
        #expect(SignInLimit.keys(address: "a@b.c", ip: "2001:db8:1:2:aaaa::1").last == "ip:2001:db8:1:2::/64")
        #expect(SignInLimit.keys(address: "a@b.c", ip: "2001:db8:1:2:bbbb::9").last == "ip:2001:db8:1:2::/64")
        #expect(SignInLimit.keys(address: "a@b.c", ip: "192.0.2.1").last == "ip:192.0.2.1")
    }
}
