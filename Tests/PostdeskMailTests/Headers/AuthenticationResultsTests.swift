import PostdeskMail
import Testing

/// `AuthenticationResults`: the RFC 8601 grammar as real servers write it, and which field may be believed.
@Suite struct AuthenticationResultsTests {
    typealias R = AuthenticationResults.Result

    // Field values shaped like those of real servers (addresses and keys replaced).
    static let gmail = """
        mx.google.com;       dkim=pass header.i=@example.com header.s=20230601 header.b=Zk3+Qw/a;       \
        spf=pass (google.com: domain of ivan@example.com designates 209.85.220.41 as permitted sender) \
        smtp.mailfrom=ivan@example.com;       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.com
        """
    static let office365 = """
        spf=pass (sender IP is 40.107.22.95) smtp.mailfrom=example.com; dkim=pass (signature was verified) \
        header.d=example.com;dmarc=pass action=none header.from=example.com;compauth=pass reason=100
        """
    static let outlookCom = """
        spf=none (sender IP is 203.0.113.9) smtp.mailfrom=example.net; hotmail.com; dkim=none (message not signed) \
        header.d=none;hotmail.com; dmarc=none action=none header.from=example.net;compauth=fail reason=001
        """
    static let openDMARC = "mail.example.test; dmarc=fail (p=reject dis=none) header.from=example.com"
    static let openDKIM = """
        mail.example.test; dkim=pass (2048-bit key; unprotected) header.d=example.com header.i=@example.com \
        header.a=rsa-sha256 header.s=mail header.b="AbCdEf12"; dkim-atps=neutral
        """
    static let policydSPF =
        "mail.example.test; spf=softfail (domain owner discourages use of this host) smtp.mailfrom=example.com (client-ip=203.0.113.9; helo=mx.example.com; envelope-from=ivan@example.com; receiver=<UNKNOWN>)"
    static let rspamd = """
        mail.example.test; dkim=pass header.d=example.com header.s=dkim header.b=kX1bVb0u; \
        dkim=fail ("headers rsa verify failed") header.d=old.example.com header.s=legacy header.b=QZ9xYk1m; \
        spf=pass (mail.example.test: domain of ivan@example.com designates 203.0.113.9 as permitted sender) \
        smtp.mailfrom=ivan@example.com; dmarc=pass reason="p=none" (policy=none) header.from=example.com
        """

    @Test("Gmail's field: authserv-id, three results, comments and properties")
    func gmailField() throws {
        let field = try #require(AuthenticationResults(fieldValue: Self.gmail))
        #expect(field.authservID == "mx.google.com")
        #expect(field.version == nil)
        #expect(field.results.map(\.method) == ["dkim", "spf", "dmarc"])
        #expect(field.results.map(\.result) == [.pass, .pass, .pass])
        #expect(
            field.results[0].properties.map { "\($0.type).\($0.name)=\($0.value)" } == [
                "header.i=@example.com", "header.s=20230601", "header.b=Zk3+Qw/a",
            ])
        #expect(field.results[1].properties.first?.value == "ivan@example.com")
        #expect(field.results[2].properties.first?.value == "example.com")
    }

    @Test("rspamd's field: quoted reason and comments, two DKIM signatures")
    func rspamdField() throws {
        let field = try #require(AuthenticationResults(fieldValue: Self.rspamd))
        #expect(field.results.map(\.method) == ["dkim", "dkim", "spf", "dmarc"])
        #expect(field.results[3].reason == "p=none")
        #expect(field.results[1].properties.map(\.value) == ["old.example.com", "legacy", "QZ9xYk1m"])
    }

    @Test("Exchange Online writes no authserv-id: its results are read, and its field matches no configured server")
    func exchangeOnline() throws {
        let field = try #require(AuthenticationResults(fieldValue: Self.office365))
        #expect(field.authservID == "")
        #expect(field.results.map(\.method) == ["spf", "dkim", "dmarc", "compauth"])
        #expect(field.results[3].reason == "100")
        let odd = try #require(AuthenticationResults(fieldValue: Self.outlookCom))
        #expect(odd.results.map(\.method) == ["spf", "dkim", "dmarc", "compauth"])
        #expect(AuthenticationResults.verdicts(fieldValues: [Self.office365], authservID: "").dmarc == nil)
    }

    @Test(
        "the grammar: version, none, CFWS anywhere, method versions, quoted values, legacy keywords",
        arguments: [
            ("example.org 1; spf=pass smtp.mailfrom=example.net", "example.org", 1, ["spf=pass"]),
            ("example.org; none", "example.org", nil, []),
            (
                "example.org (a comment; with a semicolon) ; dkim = pass (ok) header.d = example.net",
                "example.org", nil, ["dkim=pass"]
            ),
            (
                "(leading) \"quoted.example\"; dkim/1=fail header.d=\"x;y\"; spf=pass", "quoted.example", nil,
                ["dkim=fail", "spf=pass"]
            ),
            ("example.org; spf=hardfail smtp.mailfrom=a.example", "example.org", nil, ["spf=fail"]),
            ("example.org; garbage; dmarc=pass; =; x=; spf=", "example.org", nil, ["dmarc=pass"]),
            ("example.org; dkim=pass (unclosed comment; spf=fail", "example.org", nil, ["dkim=pass"]),
            ("example.org; auth=pass smtp.auth=ivan@example.org", "example.org", nil, ["auth=pass"]),
        ] as [(String, String, Int?, [String])]
    )
    func grammar(value: String, id: String, version: Int?, results: [String]) throws {
        let field = try #require(AuthenticationResults(fieldValue: value))
        #expect(field.authservID == id)
        #expect(field.version == version)
        #expect(field.results.map { "\($0.method)=\($0.result?.rawValue ?? $0.keyword)" } == results)
    }

    @Test("an empty or blank value is no field")
    func empty() {
        #expect(AuthenticationResults(fieldValue: "") == nil)
        #expect(AuthenticationResults(fieldValue: "  (just a comment) ") == nil)
    }

    @Test(
        "verdicts come from the topmost field of the configured authserv-id only",
        arguments: [
            // Gmail's own field
            ([gmail], "mx.google.com", R.pass, R.pass, R.pass),
            // authserv-ids compare case-insensitively
            ([gmail], "MX.Google.COM", .pass, .pass, .pass),
            // Another server's field says nothing about ours
            ([gmail], "mail.example.test", nil, nil, nil),
            // OpenDMARC's field on top: DMARC fail; the OpenDKIM field below it is not read
            ([openDMARC, openDKIM, policydSPF], "mail.example.test", .fail, nil, nil),
            ([openDKIM], "mail.example.test", nil, .pass, nil),
            ([policydSPF], "mail.example.test", nil, nil, .softfail),
            // rspamd: one DKIM signature passes, another fails: pass
            ([rspamd], "mail.example.test", .pass, .pass, .pass),
            // A forged field with our authserv-id below our own is ignored
            (
                [
                    "mail.example.test; spf=fail smtp.mailfrom=example.com",
                    "mail.example.test; dmarc=pass header.from=example.com; dkim=pass header.d=example.com",
                ],
                "mail.example.test", nil, nil, .fail
            ),
            // A forged field of another authserv-id above ours is ignored too
            (
                ["mx.evil.test; dmarc=pass header.from=example.com", openDMARC],
                "mail.example.test", .fail, nil, nil
            ),
            // Every DKIM result fails: fail; none pass and some are not failures: the first of those
            (["a.test; dkim=fail header.d=x; dkim=fail header.d=y"], "a.test", nil, .fail, nil),
            (["a.test; dkim=fail header.d=x; dkim=temperror header.d=y"], "a.test", nil, .temperror, nil),
            // Unknown keywords are no verdict
            (["a.test; dmarc=bestguesspass; spf=maybe"], "a.test", nil, nil, nil),
            // An empty configured authserv-id matches nothing, not even a field without one
            ([office365], "", nil, nil, nil),
        ] as [([String], String, R?, R?, R?)]
    )
    func verdicts(fields: [String], authservID: String, dmarc: R?, dkim: R?, spf: R?) {
        let verdicts = AuthenticationResults.verdicts(fieldValues: fields, authservID: authservID)
        #expect(verdicts.dmarc == dmarc)
        #expect(verdicts.dkim == dkim)
        #expect(verdicts.spf == spf)
    }

    @Test("the raw values are Core's AuthVerdict's, so the gateway maps them one to one")
    func rawValues() {
        #expect(
            R.allCases.map(\.rawValue) == [
                "pass", "fail", "softfail", "neutral", "none", "temperror", "permerror", "policy",
            ])
    }

    @Test("a hostile value is read in linear time and bounded")
    func hostile() {
        let deep = "a.test; dkim=pass " + String(repeating: "(", count: 50_000)
        #expect(AuthenticationResults(fieldValue: deep)?.results.count == 1)
        let many = "a.test" + String(repeating: "; spf=pass", count: 10_000)
        #expect(AuthenticationResults(fieldValue: many)?.results.count == 64)
    }

    @Test("ParsedMail gives every Authentication-Results field, topmost first")
    func parsedMailAccess() throws {
        let raw = """
            Authentication-Results: mail.example.test; dmarc=pass header.from=example.com
            Received: from mx.example.com by mail.example.test
            Authentication-Results: mail.example.test; dmarc=fail header.from=example.com
            From: ivan@example.com
            Subject: x

            Hi
            """
        let mail = try MailParser().parse(Array(raw.utf8))
        let fields = mail.headers(named: "authentication-results")
        #expect(fields.count == 2)
        #expect(AuthenticationResults.verdicts(fieldValues: fields, authservID: "mail.example.test").dmarc == .pass)
    }
}
