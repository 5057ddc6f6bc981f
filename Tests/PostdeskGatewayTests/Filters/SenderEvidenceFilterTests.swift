import PostdeskCore
import PostdeskMail
import Testing

@testable import PostdeskGateway

/// Issue 8 point 5: what the receiving server says about the sender, believed only where it can be.
@Suite struct SenderEvidenceFilterTests {
    static let mailbox = MailboxProfile(
        name: "support", address: EmailAddress("support@company.test")!, displayName: "Support",
        authservID: "mx.company.test", trustsSenderCheck: true)
    let filter = SenderEvidenceFilter(mailbox: Self.mailbox)

    func evidence(_ headers: [String], body: String = "Hi") throws -> SenderEvidence {
        try filtered(eml(headers + ["To: support@company.test", "Subject: x"], body: body), by: filter).evidence
    }

    @Test("the topmost field of our server: DMARC pass for the From's own domain proves it")
    func dmarcPass() throws {
        let found = try evidence([
            "Authentication-Results: mx.company.test; dkim=pass header.d=company.test; spf=pass "
                + "smtp.mailfrom=company.test; dmarc=pass (p=reject) header.from=company.test",
            "From: Anna <anna@company.test>",
        ])
        #expect(found.dmarc == .pass && found.dkim == .pass && found.spf == .pass && found.provesFrom)
    }

    @Test(
        "what the server did not say about this From proves nothing",
        arguments: [
            // DMARC passed for another domain than the From we read
            [
                "Authentication-Results: mx.company.test; dmarc=pass header.from=attacker.test",
                "From: anna@company.test",
            ],
            // the sender's own field below one of another server's
            [
                "Authentication-Results: other.test; none",
                "Authentication-Results: mx.company.test; dmarc=pass header.from=company.test",
                "From: anna@company.test",
            ],
            // our id, but no header.from to tie it to the From
            ["Authentication-Results: mx.company.test; dmarc=pass", "From: anna@company.test"],
        ])
    func notProof(_ headers: [String]) throws {
        let found = try evidence(headers)
        #expect(found.dmarc == nil && !found.provesFrom)
    }

    @Test(
        "a From that is not one plain mailbox can never be an operator's",
        arguments: [
            ["From: anna@company.test", "From: mallory@attacker.test"],
            ["From: =?utf-8?q?x?=@attacker.test", "Sender: anna@company.test"],
            ["From: anna@company.test, mallory@attacker.test"],
            ["From: \"anna@company.test\" <mallory@attacker.test>"],
        ])
    func ambiguousFrom(_ headers: [String]) throws {
        let found = try evidence(
            [
                "Authentication-Results: mx.company.test; dmarc=pass header.from=company.test",
                "Return-Path: <anna@company.test>",
            ]
                + headers)
        #expect(found.ambiguousFrom != nil && !found.provesFrom)
    }

    @Test("the envelope sender the server recorded proves the From only when equal, and only if trusted")
    func returnPath() throws {
        #expect(try evidence(["Return-Path: <ANNA@company.test>", "From: anna@company.test"]).provesFrom)
        let other = try evidence(["Return-Path: <mallory@x.test>", "From: anna@company.test"])
        #expect(!other.provesFrom && other.envelopeDiffersFromFrom)
        #expect(try !evidence(["Return-Path: <>", "From: anna@company.test"]).provesFrom)
        let untrusting = SenderEvidenceFilter(
            mailbox: MailboxProfile(
                name: "s", address: EmailAddress("support@company.test")!, displayName: "S", trustsSenderCheck: false))
        let raw = eml(["Return-Path: <anna@company.test>", "From: anna@company.test", "To: s@company.test"])
        #expect(try !filtered(raw, by: untrusting).evidence.provesFrom)
    }

    @Test("a DMARC fail of our server is a failure, whoever the From claims to be")
    func dmarcFail() throws {
        let found = try evidence([
            "Authentication-Results: mx.company.test; dmarc=fail header.from=company.test",
            "Return-Path: <anna@company.test>", "From: anna@company.test",
        ])
        #expect(found.failure == "DMARC fail" && !found.provesFrom)
    }
}
