import Foundation
import PostdeskCore
import PostdeskCrypto
import PostdeskStore
import Testing

@testable import PostdeskWeb

/// The known-device cookie: strangers' wrong passwords for an admin's address must not lock out the admin's own
/// browser, while the per-IP limit and the device's own limit still hold.
@Suite(.serialized) struct KnownDeviceTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let ring = try! KeyRing(secret: Array(repeating: 7, count: 32))
    static let password = "correct horse battery"

    /// A portal with an admin, Alice, whose password is ``password``.
    static func portal(keys: KeyRing? = ring) async throws -> (PortalRoutesTests.Database, PortalRoutes, OperatorID) {
        let db = try PortalRoutesTests.Database()
        let routes = PortalRoutes(
            store: db.store, pages: try await PageLibrary.load(), keys: keys,
            accountSettings: AccountSettings(messageIDDomain: "test.invalid", passwords: PasswordPolicy(cost: 4)),
            now: { Self.now })
        let added = try await db.store.write { tx in
            try tx.addUser(NewUser(role: .admin, address: EmailAddress("alice@support.test")!, name: "Alice"), at: now)
        }
        guard case .operator(let op) = added else { throw CancellationError() }
        _ = try await routes.accounts.setPassword(email: "alice@support.test", password: Self.password)
        return (db, routes, op.id)
    }

    /// Five wrong passwords for Alice's address from five different machines.
    static func lockOut(_ accounts: AccountService) async throws {
        for index in 1...5 {
            let outcome = try await accounts.signIn(
                email: "alice@support.test", password: "guess \(index)", ip: "198.51.100.\(index)")
            #expect(outcome == .refused)
        }
    }

    @Test("a browser that signed in before still signs in while strangers hammer the address")
    func knownBrowserIsNotLockedOut() async throws {
        // Given Alice's browser, known from an earlier sign-in
        let (db, routes, id) = try await Self.portal()
        let device = try #require(routes.accounts.knownDevice(for: .admin(id)))
        // When strangers fail 5 times for her address
        try await Self.lockOut(routes.accounts)
        // Then a browser without the cookie is refused as too many
        let stranger = try await routes.accounts.signIn(
            email: "alice@support.test", password: Self.password, ip: "192.0.2.1")
        #expect(stranger == .limited)
        // And Alice's own browser signs in
        let alice = try await routes.accounts.signIn(
            email: "alice@support.test", password: Self.password, ip: "192.0.2.1", device: device)
        guard case .signedIn = alice else {
            Issue.record("Alice was refused: \(alice)")
            return
        }
        withExtendedLifetime(db) {}
    }

    @Test(
        "a cookie that is forged, for another account, or signed with another key counts like none",
        arguments: ["forged", "other account", "other key", "garbage"])
    func invalidCookies(kind: String) async throws {
        // Given a locked-out address
        let (db, routes, id) = try await Self.portal()
        try await Self.lockOut(routes.accounts)
        let other = try KeyRing(secret: Array(repeating: 9, count: 32))
        let genuine = try #require(routes.accounts.knownDevice(for: .admin(id)))
        let cookie: String =
            switch kind {
            case "forged": String(genuine.dropLast()) + (genuine.hasSuffix("a") ? "b" : "a")
            case "other account":
                KnownDevice.issue(for: .operator(OperatorID(id.rawValue + 1)), at: Self.now, keys: Self.ring).value
            case "other key": KnownDevice.issue(for: .operator(id), at: Self.now, keys: other).value
            default: "o\(id.rawValue).1.x.y"
            }
        // When the right password comes with that cookie
        let outcome = try await routes.accounts.signIn(
            email: "alice@support.test", password: Self.password, ip: "192.0.2.1", device: cookie)
        // Then the address's limit applies
        #expect(outcome == .limited)
        withExtendedLifetime(db) {}
    }

    @Test("a known browser has a limit of its own, and the per-IP limit still holds")
    func deviceAndIPLimits() async throws {
        // Given Alice's known browser
        let (db, routes, id) = try await Self.portal()
        let device = try #require(routes.accounts.knownDevice(for: .admin(id)))
        // When 5 wrong passwords come with the cookie from different machines
        for index in 1...5 {
            _ = try await routes.accounts.signIn(
                email: "alice@support.test", password: "guess", ip: "198.51.100.\(index)", device: device)
        }
        // Then the sixth try with that cookie is limited
        let sixth = try await routes.accounts.signIn(
            email: "alice@support.test", password: Self.password, ip: "192.0.2.1", device: device)
        #expect(sixth == .limited)
        // And the shared address bucket was not touched: a fresh known browser still gets in
        let fresh = try #require(routes.accounts.knownDevice(for: .admin(id)))
        guard
            case .signedIn = try await routes.accounts.signIn(
                email: "alice@support.test", password: Self.password, ip: "192.0.2.2", device: fresh)
        else {
            Issue.record("a fresh known browser was refused")
            return
        }
        // When one IP has failed 5 times (other addresses)
        for index in 1...5 {
            _ = try await routes.accounts.signIn(email: "u\(index)@example.ru", password: "guess", ip: "203.0.113.5")
        }
        // Then even a known browser on that IP is limited
        let fromIP = try await routes.accounts.signIn(
            email: "alice@support.test", password: Self.password, ip: "203.0.113.5", device: fresh)
        #expect(fromIP == .limited)
        withExtendedLifetime(db) {}
    }

    @Test("signing in over HTTP sets an HttpOnly, SameSite=Lax device cookie that then gets past a lock-out")
    func cookieOverHTTP() async throws {
        // Given the portal over HTTP
        let (db, routes, _) = try await Self.portal()
        let server = try await LiveServer.start(routes.router())
        defer { server.stop() }
        let alice = WebClient(port: server.port)
        _ = try await alice.get("/login")
        // When Alice signs in
        let first = try await alice.post("/login", ["email": "alice@support.test", "password": Self.password])
        // Then her browser is known, by a cookie scripts cannot read
        #expect(first.status == 303)
        let device = (first.headers["set-cookie"] ?? "").components(separatedBy: ", ")
            .first { $0.hasPrefix("postdesk_device=") }
        #expect(device?.contains("HttpOnly") == true)
        #expect(device?.contains("SameSite=Lax") == true)
        #expect(device?.contains("Secure") == false)  // http here; https base URLs add it
        #expect(alice.cookies["postdesk_device"] != nil)
        // When strangers lock out her address and she signs in again from her browser
        try await Self.lockOut(routes.accounts)
        alice.cookies["postdesk_session"] = nil
        _ = try await alice.get("/login")
        let again = try await alice.post("/login", ["email": "alice@support.test", "password": Self.password])
        // Then she gets in
        #expect(again.status == 303)
        withExtendedLifetime(db) {}
    }

    @Test("the cookie value round-trips and nothing else parses")
    func parsing() {
        let device = KnownDevice.issue(for: .customer(CustomerID(42)), at: Self.now, keys: Self.ring)
        #expect(KnownDevice(parsing: device.value) == device)
        #expect(device.verifies(for: .customer(CustomerID(42)), keys: Self.ring, at: Self.now))
        #expect(!device.verifies(for: .operator(OperatorID(42)), keys: Self.ring, at: Self.now))
        #expect(!device.verifies(for: .customer(CustomerID(42)), keys: Self.ring, at: Self.now + KnownDevice.lifetime))
        for bad in ["", "c42", "x42.1.a.b", "c042.1800000000." + device.nonce + ".aaa", device.value.uppercased()] {
            #expect(KnownDevice(parsing: bad) == nil)
        }
    }
}
