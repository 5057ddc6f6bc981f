import Foundation
import Testing

@testable import PostdeskMail

/// The `Date:` header we write: RFC 5322 §3.3, UTC, written without a `DateFormatter`.
@Suite struct RFC5322DateFormatTests {
    @Test(
        "known instants, including leap days, year ends, the epoch and before it",
        arguments: [
            (1_700_000_000.0, "Tue, 14 Nov 2023 22:13:20 +0000"),
            (0, "Thu, 01 Jan 1970 00:00:00 +0000"),
            (-1, "Wed, 31 Dec 1969 23:59:59 +0000"),
            (951_782_400, "Tue, 29 Feb 2000 00:00:00 +0000"),
            (1_709_251_199.999, "Thu, 29 Feb 2024 23:59:59 +0000"),
            (4_102_444_799, "Thu, 31 Dec 2099 23:59:59 +0000"),
            (1_795_428_000.75, "Mon, 23 Nov 2026 10:00:00 +0000"),
        ])
    func known(seconds: Double, expected: String) {
        #expect(RFC5322DateFormat.string(from: Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test("agrees with a POSIX DateFormatter over two centuries of pseudo-random instants")
    func agreesWithDateFormatter() {
        // The formatter the header used before: kept here as the reference only.
        let reference = DateFormatter()
        reference.locale = Locale(identifier: "en_US_POSIX")
        reference.timeZone = TimeZone(identifier: "UTC")
        reference.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        var generator = SplitMix(seed: 7)  // HostileInputTests.swift: a failure names an instant that reproduces
        for _ in 0..<5_000 {
            let seconds = Double(Int64(generator.next() % 6_311_520_000) - 3_155_760_000)  // 1870…2070
            let date = Date(timeIntervalSince1970: seconds)
            #expect(RFC5322DateFormat.string(from: date) == reference.string(from: date), "\(seconds)")
        }
    }

    @Test("the parser reads back what the header says")
    func roundTrip() throws {
        let date = Date(timeIntervalSince1970: 1_795_435_200)
        let raw = Array("Date: \(RFC5322DateFormat.string(from: date))\r\nSubject: x\r\n\r\nHi\r\n".utf8)
        #expect(try MailParser().parse(raw).date == date)
    }
}
