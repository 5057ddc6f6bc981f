import Foundation
import PostdeskCrypto
import Testing

/// The signed `k` of an operator's console link: one spelling, bound to its ticket, operator and expiry.
@Suite struct ConsoleLinkTests {
    static let keys = try! KeyRing(secret: Array("console-link-test-secret-32-bytes-long".utf8))
    static let date = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("a signed link reads back and verifies until it expires, not after")
    func roundTrip() throws {
        let link = ConsoleLink.sign(ticketNumber: 12, operatorID: 3, at: Self.date, keys: Self.keys)
        let read = try #require(ConsoleLink(ticketNumber: 12, parsing: link.key[...]))
        #expect(read == link)
        #expect(read.verifies(keys: Self.keys, at: Self.date))
        #expect(read.verifies(keys: Self.keys, at: Self.date + ConsoleLink.lifetime - 1))
        #expect(!read.verifies(keys: Self.keys, at: Self.date + ConsoleLink.lifetime))
        // And a link signed in the future (a forged clock) opens nothing before then
        #expect(!read.verifies(keys: Self.keys, at: Self.date - 3600))
    }

    @Test("the signature binds the ticket, the operator and the expiry")
    func binds() throws {
        let link = ConsoleLink.sign(ticketNumber: 12, operatorID: 3, at: Self.date, keys: Self.keys)
        var other = link
        other.ticketNumber = 13
        #expect(!other.verifies(keys: Self.keys, at: Self.date))
        other = link
        other.operatorID = 4
        #expect(!other.verifies(keys: Self.keys, at: Self.date))
        other = link
        other.signedAt += 3600
        #expect(!other.verifies(keys: Self.keys, at: Self.date + 7200))
    }

    @Test(
        "anything but the exact spelling is refused",
        arguments: [
            "", "3", "3-1702592000", "03-1702592000-aaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "+3-1702592000-aaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "3-1702592000-aaaaaaaaaaaaaaaaaaaaaaaaaaaa", "3-1702592000-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "3-1702592000-aaaaaaaaaaaaaaaaaaaaaaaaaaaa1", "3-99999999999999999999-aaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "3-1702592000-aaaaaaaaaaaaaaaaaaaaaaaaaaaaa-1", "٣-1702592000-aaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "3-1702592000-AAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "3-1702592000-aaaaaaaaaaaaaaaaaaaaaaaaaaaa\u{212A}",
        ])
    func malformed(key: String) {
        #expect(ConsoleLink(ticketNumber: 12, parsing: key[...]) == nil)
    }

    @Test("after a rotation, a link signed with the previous secret opens until the grace period ends")
    func rotation() throws {
        let link = ConsoleLink.sign(ticketNumber: 12, operatorID: 3, at: Self.date, keys: Self.keys)
        let rotated = try KeyRing(
            secret: Array("the-next-secret-of-at-least-32-bytes!!".utf8),
            previous: Array("console-link-test-secret-32-bytes-long".utf8), previousUntil: Self.date + 86_400)
        #expect(link.verifies(keys: rotated, at: Self.date + 3600))
        #expect(!link.verifies(keys: rotated, at: Self.date + 86_400 + 1))
    }
}
