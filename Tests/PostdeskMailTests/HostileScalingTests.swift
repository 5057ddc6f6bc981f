import Foundation
import PostdeskMail
import Testing

/// Inputs that made a scan quadratic (each found by probing, now linear) and other shapes that must stay fast.
///
/// Each message is a few megabytes; the bound is generous (debug builds, busy CI machines) but far below what the
/// quadratic versions took (uuencode without `end`: over 20 s in a release build at 3 MB).
@Suite struct HostileScalingTests {
    static func parsesQuickly(_ raw: [UInt8], within seconds: Double = 20) throws -> ParsedMail {
        let start = Date()
        let mail = try MailParser().parse(raw)
        #expect(Date().timeIntervalSince(start) < seconds)
        return mail
    }

    static func repeated(_ prefix: String, _ unit: String, _ count: Int, _ suffix: String = "") -> [UInt8] {
        var bytes = Array(prefix.utf8)
        let unitBytes = Array(unit.utf8)
        bytes.reserveCapacity(bytes.count + unitBytes.count * count + suffix.utf8.count)
        for _ in 0..<count { bytes.append(contentsOf: unitBytes) }
        bytes.append(contentsOf: suffix.utf8)
        return bytes
    }

    @Test("uuencode 'begin' lines without any 'end' line")
    func uuencodeWithoutEnd() throws {
        // Given 100,000 "begin 644 x.txt" lines and no "end"
        let raw = Self.repeated("From: a@b.c\n\n", "begin 644 x.txt\n", 100_000)
        // When parsed, then it is quick and no attachment is invented
        let mail = try Self.parsesQuickly(raw)
        #expect(mail.attachments.isEmpty)
    }

    @Test("50,000 blank lines, then 50,000 quoted lines")
    func blankLinesBeforeQuotes() throws {
        // Each quoted line once looked back over every blank line for an attribution.
        var raw = Self.repeated("From: a@b.c\n\nAnswer\n", "\n", 50_000)
        raw += Self.repeated("", "> quoted\n", 50_000)
        let mail = try Self.parsesQuickly(raw)
        #expect(mail.reply == "Answer")
    }

    @Test("an address of 200,000 '<'")
    func angleAddressRun() throws {
        let mail = try Self.parsesQuickly(Self.repeated("From: ", "<", 200_000, "a@b.c>\n\nx"))
        #expect(mail.from?.address == "a@b.c")
    }

    @Test("100,000 unterminated '<http://' annotations in plain text")
    func unterminatedLinkAnnotations() throws {
        let mail = try Self.parsesQuickly(Self.repeated("From: a@b.c\n\n", "x<http://", 100_000))
        #expect(mail.text.hasPrefix("x<http://x<http://"))
    }

    @Test("50,000 redundant link annotations are all removed")
    func manyLinkAnnotations() throws {
        let unit = "www.example.com <http://www.example.com/> "
        let mail = try Self.parsesQuickly(Self.repeated("From: a@b.c\n\n", unit, 50_000))
        #expect(!mail.text.contains("<http"))
    }

    @Test(
        "HTML shapes: unclosed tags, quotes, titles, entities, nesting",
        arguments: [
            ("<a ", 200_000), ("<a href=\"x ", 100_000), ("<head><title>", 100_000), ("<style>x</sty", 100_000),
            ("&#", 200_000), ("<blockquote>", 100_000), ("<ol><li>", 100_000), ("<a href=\"http://x\">", 100_000),
        ])
    func htmlShapes(unit: String, count: Int) throws {
        _ = try Self.parsesQuickly(Self.repeated("From: a@b.c\nContent-Type: text/html\n\n", unit, count))
    }

    @Test(
        "plain-text shapes that look like quote markers",
        arguments: [
            ("> a:\n", 100_000), ("From: x\n", 50_000), ("Sent from my iPhone\n", 50_000), ("-----\n", 100_000),
            ("Am 1.1.2024 schrieb x:\n", 50_000), ("x <a@b.c>:\n", 50_000),
        ])
    func quoteShapes(unit: String, count: Int) throws {
        _ = try Self.parsesQuickly(Self.repeated("From: a@b.c\n\n", unit, count))
    }

    @Test("a multipart/alternative whose HTML and plain parts are long and different")
    func longAlternatives() throws {
        var body = "--b\nContent-Type: text/plain\n\n" + String(repeating: "alpha beta gamma\n", count: 50_000)
        body += "--b\nContent-Type: text/html\n\n" + String(repeating: "<p>delta epsilon</p>", count: 50_000)
        body += "\n--b--\n"
        let raw = Array(("From: a@b.c\nContent-Type: multipart/alternative; boundary=b\n\n" + body).utf8)
        let mail = try Self.parsesQuickly(raw)
        #expect(mail.text.hasPrefix("delta epsilon"))
        #expect(mail.warnings.contains { $0.contains("different texts") })
    }

    @Test(
        "Date headers whose numbers overflow or whose comments nest read as no date",
        arguments: [
            "1 Jan 77777777777777 10:00", "1 Jan 2024 -9223372036854775807:00", "1 Jan 2024 10:-99999999999999",
            "Mon, 12 Feb 202=?iso-2022-jp?B?0000000000008117815538485180642", "((((((((((",
        ])
    func overflowingDates(value: String) throws {
        let mail = try MailParser().parse(Array("From: a@b.c\nDate: \(value)\n\nx".utf8))
        #expect(mail.date == nil)
    }

    @Test("300,000 empty comments in a Date header")
    func dateComments() throws {
        let header = "From: a@b.c\nDate: Mon, 1 Jan 2024 10:00 +0000 "
        let mail = try Self.parsesQuickly(Self.repeated(header, "()", 300_000, "\n\nx"))
        #expect(mail.date != nil)
    }

    @Test(
        "multiparts reusing their parent's boundary, stray close delimiters, delimiter-like lines",
        arguments: [
            // 50,000 nested levels of one boundary, then 50,000 close delimiters
            ("--b\nContent-Type: multipart/mixed; boundary=b\n\n", 50_000, "--b\n\nleaf\n", "--b--\n"),
            // 50,000 sibling parts that each reuse the boundary and close at once
            ("--b\nContent-Type: multipart/mixed; boundary=b\n\n--b--\n", 50_000, "--b\n\nleaf\n--b--\n", ""),
            // 100,000 stray close delimiters, each followed by another part
            ("--b--\n--b\nX: y\n\n", 100_000, "--b\n\nleaf\n--b--\n", ""),
        ])
    func sameBoundaryShapes(unit: String, count: Int, leaf: String, tail: String) throws {
        var raw = Self.repeated("From: a@b.c\nContent-Type: multipart/mixed; boundary=b\n\n", unit, count, leaf)
        raw += Self.repeated("", tail, tail.isEmpty ? 0 : count)
        _ = try Self.parsesQuickly(raw)
    }

    @Test("a multipart without its boundary over 200,000 lines that look like delimiters")
    func boundaryRecoveryScan() throws {
        let header = "From: a@b.c\nContent-Type: multipart/mixed; boundary=absent\n\n"
        let mail = try Self.parsesQuickly(Self.repeated(header, "--not-a-part\n\n", 200_000, "end"))
        #expect(mail.text.hasSuffix("end"))
    }
}
