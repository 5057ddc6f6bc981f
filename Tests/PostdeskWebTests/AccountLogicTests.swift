import Foundation
import Testing

@testable import PostdeskWeb

/// The pure pieces of signing in: language choice, rate limit, password rules, tokens, forms.
@Suite struct AccountLogicTests {
    @Test(
        "the language: cookie first, then Accept-Language by q-value, then English",
        arguments: [
            (nil, nil, UILanguage.en), ("ru", "en", .ru), ("en", "ru", .en), ("xx", "ru-RU", .ru),
            (nil, "de, ru;q=0.5, en;q=0.9", .en), (nil, "ru;q=0", .en), (nil, "RU", .ru), (nil, ";;;,,q=", .en),
        ] as [(String?, String?, UILanguage)])
    func negotiate(cookie: String?, header: String?, expected: UILanguage) {
        #expect(UILanguage.negotiate(cookie: cookie, acceptLanguage: header) == expected)
    }

    @Test("5 failures per key in the window are allowed; then every key must be under the limit")
    func limit() {
        let limit = SignInLimit()
        #expect(limit.allows(failures: [0, 0]))
        #expect(limit.allows(failures: [4, 4]))
        #expect(!limit.allows(failures: [5, 0]))
        #expect(!limit.allows(failures: [0, 5]))
        #expect(
            SignInLimit.keys(address: "Ivan@Example.RU", ip: "192.0.2.1") == [
                "address:ivan@example.ru", "ip:192.0.2.1",
            ])
    }

    @Test(
        "password rules: 10 characters, at most 72 bytes (bcrypt's limit), no control characters",
        arguments: [
            ("short", false), ("ten chars!", true), (String(repeating: "я", count: 36), true),
            (String(repeating: "я", count: 37), false), ("good password\u{0}", false), ("tab\tinside password", false),
        ])
    func passwordRules(password: String, acceptable: Bool) {
        #expect((PasswordPolicy.problem(with: password) == nil) == acceptable)
    }

    @Test("bcrypt verifies the right password only; no hash never verifies")
    func bcrypt() {
        let policy = PasswordPolicy(cost: 4)
        let hash = policy.hash("correct horse battery")
        #expect(hash.hasPrefix("$2"))
        #expect(policy.verify("correct horse battery", hash: hash))
        #expect(!policy.verify("correct horse batterz", hash: hash))
        #expect(!policy.verify("correct horse battery", hash: nil))
        #expect(!policy.verify(String(repeating: "x", count: 100), hash: hash))
    }

    @Test("tokens are 256 random bits in hex; only well-formed ones reach the store; comparison is exact")
    func tokens() {
        let a = SecretToken.make()
        let b = SecretToken.make()
        #expect(a != b && SecretToken.isWellFormed(a))
        #expect(!SecretToken.isWellFormed(a.uppercased()) && !SecretToken.isWellFormed(a + "0"))
        #expect(SecretToken.digest(a).count == 64 && SecretToken.digest(a) != a)
        #expect(SecretToken.matches(a, a) && !SecretToken.matches(b, a) && !SecretToken.matches("", ""))
    }

    @Test("forms: + and percent-decoding, the first of a repeated name, undecodable fields dropped")
    func forms() {
        let form = FormBody.parse("email=ivan%40example.ru&name=Ivan+Petrov&name=Eve&bad=%ZZ&csrf=")
        #expect(form == ["email": "ivan@example.ru", "name": "Ivan Petrov", "csrf": ""])
    }

    @Test("the language switch keeps the path and the query, and replaces lang")
    func switchLink() {
        #expect(WebSessionMiddleware.switchLink(path: "/login", query: nil, to: "ru") == "/login?lang=ru")
        #expect(
            WebSessionMiddleware.switchLink(path: "/console/tickets/1", query: "k=abc&lang=en", to: "ru")
                == "/console/tickets/1?k=abc&lang=ru")
    }

    @Test("every page template loads, and a missing one is a startup error")
    func templates() async throws {
        _ = try await PageLibrary.load()
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-templates-\(UUID())")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        await #expect(throws: PageLibrary.LoadError.self) { try await PageLibrary.load(from: empty) }
    }
}
