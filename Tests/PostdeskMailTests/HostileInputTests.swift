import Foundation
import PostdeskMail
import Testing

/// Limits and hostile input: every case ends in a value with warnings or a typed error, fast, never a crash.
@Suite struct HostileInputTests {
    static func message(_ headers: String, _ body: String) -> [UInt8] {
        Array((headers + "\r\n\r\n" + body).utf8)
    }

    @Test func tooLargeThrows() {
        let parser = MailParser(limits: MailLimits(maxBytes: 100))
        #expect(throws: MailParseError.self) { try parser.parse(Array(repeating: 0x41, count: 101)) }
        do {
            _ = try parser.parse(Array(repeating: 0x41, count: 101))
        } catch {
            #expect(error.code == .tooLarge)
        }
    }

    @Test func emptyAndJunkThrow() {
        #expect(throws: MailParseError.self) { try MailParser().parse([]) }
        #expect(throws: MailParseError.self) { try MailParser().parse([0, 1, 2, 3, 0xFF]) }
    }

    @Test func textWithoutHeaderIsTheBody() throws {
        // A digest part or a pasted body: no header field, but every byte is kept as text.
        let body = "Send Ppp mailing list submissions to\n\tppp@example.org\n"
        let mail = try MailParser().parse(Array(body.utf8))
        #expect(mail.from == nil)
        #expect(mail.text == body)
        #expect(mail.warnings.contains("no header fields; the whole input read as the body"))
    }

    @Test func deepNestingStopsAtTheLimit() throws {
        // Given 100,000 nested multiparts
        let depth = 100_000
        var raw = "From: a@example.com\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n"
        raw.reserveCapacity(depth * 60)
        for level in 1..<depth {
            raw += "--b\(level - 1)\r\nContent-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n"
        }
        raw += "--b\(depth - 1)\r\nContent-Type: text/plain\r\n\r\nleaf\r\n"
        // When it is parsed
        let start = Date()
        let mail = try MailParser().parse(Array(raw.utf8))
        // Then it finishes quickly with a warning about depth
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(mail.warnings.contains { $0.contains("nesting") })
    }

    @Test func manyPartsStopAtTheLimit() throws {
        var body = ""
        for index in 0..<3000 {
            body += "--x\r\nContent-Type: application/octet-stream; name=\"f\(index)\"\r\n\r\nA\r\n"
        }
        body += "--x--\r\n"
        let mail = try MailParser().parse(
            Self.message("From: a@b.c\r\nContent-Type: multipart/mixed; boundary=x", body))
        #expect(mail.attachments.count < 1000)
        #expect(mail.warnings.contains { $0.contains("MIME parts") })
    }

    @Test func hugeHeaderIsCut() throws {
        let huge = "X-Junk: " + String(repeating: "a", count: 10 * 1024 * 1024)
        let mail = try MailParser().parse(Self.message("From: a@b.c\r\nSubject: hi\r\n" + huge, "body"))
        #expect(mail.subject == "hi")
        #expect(mail.warnings.contains { $0.contains("header section longer") })
    }

    @Test func manyFoldedLinesStayLinear() throws {
        let folded = "Subject: start" + String(repeating: "\r\n continued", count: 200_000)
        let start = Date()
        let mail = try MailParser().parse(Self.message("From: a@b.c\r\n" + folded, "body"))
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(mail.subject?.hasPrefix("start continued") == true)
    }

    @Test func unterminatedBoundaryReadsToTheEnd() throws {
        let body = "--x\r\nContent-Type: text/plain\r\n\r\nhello\r\n--x\r\nContent-Type: text/html\r\n\r\n<b>hi"
        let mail = try MailParser().parse(
            Self.message("From: a@b.c\r\nContent-Type: multipart/alternative; boundary=x", body))
        #expect(mail.text == "hello")
        #expect(mail.html == "<b>hi")
        #expect(mail.warnings.contains { $0.contains("not closed") })
    }

    @Test func invalidBase64IsTolerated() throws {
        let body =
            "--x\r\nContent-Type: application/pdf; name=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + "JVBE!!Ri0x***LjQ=\r\n--x--\r\n"
        let mail = try MailParser().parse(
            Self.message("From: a@b.c\r\nContent-Type: multipart/mixed; boundary=x", body))
        #expect(mail.attachments.first?.data == Array("%PDF-1.4".utf8))
        #expect(mail.warnings.contains { $0.contains("junk in base64") })
    }

    @Test func nulsAndLoneCRs() throws {
        let raw: [UInt8] = Array("From: a@b.c\rSubject: cr\r\rline one\rline\0two\r".utf8)
        let mail = try MailParser().parse(raw)
        #expect(mail.subject == "cr")
        #expect(mail.text == "line one\nlinetwo\n")
        #expect(mail.warnings.contains { $0.contains("NUL") })
    }

    @Test func randomBytesNeverCrash() {
        var generator = SplitMix(seed: 42)
        let alphabet = Array("From: a@b\r\n--x Content-Type: multipart/mixed; boundary=x =?utf-8?B?=<>\"();:,".utf8)
        for _ in 0..<300 {
            let count = Int(generator.next() % 2000)
            let raw = (0..<count).map { _ -> UInt8 in
                let value = generator.next()
                return value % 3 == 0
                    ? UInt8(truncatingIfNeeded: value >> 8) : alphabet[Int(value % UInt64(alphabet.count))]
            }
            _ = try? MailParser().parse(Array("From: x@y.z\r\n".utf8) + raw)
        }
    }
}

/// A deterministic pseudo-random generator for the fuzz test (Steele, Lea, Flood: SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
