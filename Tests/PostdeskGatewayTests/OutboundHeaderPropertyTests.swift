import Foundation
import Logging
import PostdeskCore
import PostdeskGateway
import PostdeskMail
import Testing

/// Issue 7 §1, as a property: random bytes in every field we copy from an inbound mail into an outbound one (the
/// sender's name and address, the subject, the Message-ID and References) never change the outbound header block.
/// Whatever comes in, what goes out has exactly the fields our renderer writes, each once, and one recipient: the
/// inbound sender's address, in `To:` and in the envelope alike.
@Suite struct OutboundHeaderPropertyTests {
    /// The fields the acknowledgement may carry; each appears at most once.
    static let renderedFields: Set<String> = [
        "Date", "From", "To", "Reply-To", "Subject", "Message-ID", "In-Reply-To", "References", "X-Postdesk-Ticket",
        "X-Postdesk-Loop", "Auto-Submitted", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
    ]

    @Test("400 inbound mails with hostile header values: every acknowledgement has our fields only, to its sender")
    func randomHeaderValues() async throws {
        // Given a desk with the real templates and a relay that accepts everything
        let h = try GatewayHarness()
        var random = SplitMix64(seed: 7)
        let cases = (0..<400).map { index in HostileMail.random(index: index, using: &random) }
        let sender = RecordingMailSender()
        let outbox = OutboxService(
            store: h.store, sender: sender, renderer: try await Templates.renderer(), environment: h.world.environment,
            envelopeFrom: "bounces@support.example.test",
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))

        // When each arrives and the outbox is drained
        var senders: [String] = []
        for mail in cases {
            let parsed = try? MailParser().parse(mail.raw)
            _ = try await h.processor().ingest([.init(bytes: mail.raw, uid: nil)], mailbox: "INBOX", uidValidity: nil)
            if let from = parsed?.from?.address, !from.isEmpty { senders.append(from) }
            h.world.advance(by: 3600)  // past the auto-reply rate limit
        }
        let queued = try await h.store.read { q in try q.outboxCount(state: .queued) }
        for _ in 0..<queued { await sender.expect(.accept) }
        while try await outbox.drainOnce() > 0 {}

        // Then every mail that went out has only our fields, once each, and exactly its sender as recipient
        let sent = await sender.sent
        #expect(sent.count == queued)
        #expect(sent.count > 100, "too few acknowledgements to say anything: \(sent.count)")
        for mail in sent {
            let fields = Self.fieldNames(mail.raw)
            #expect(Set(fields).isSubset(of: Self.renderedFields), "\(fields)")
            #expect(fields.count == Set(fields).count, "a field repeats: \(fields)")
            let parsed = try MailParser().parse(mail.raw)
            #expect(parsed.to.count == 1 && parsed.cc.isEmpty && parsed.replyTo.count == 1)
            let recipient = try #require(mail.recipients.first)
            #expect(
                mail.recipients.count == 1 && parsed.to.first?.address == recipient.rawValue,
                "\(String(decoding: mail.raw.prefix(600), as: UTF8.self).debugDescription)")
            #expect(senders.contains(recipient.rawValue))
        }
    }

    /// The names of the header fields in `raw`, in order, with folded lines joined to their field. A line that is
    /// neither a field nor a fold (a bare CR or LF inside a value) fails the test.
    static func fieldNames(_ raw: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        let text = String(decoding: raw, as: UTF8.self)
        let header = text.components(separatedBy: "\r\n\r\n").first ?? ""
        var names: [String] = []
        for line in header.components(separatedBy: "\r\n") {
            #expect(
                !line.contains("\r") && !line.contains("\n"), "bare CR or LF in \(line)", sourceLocation: sourceLocation
            )
            if line.hasPrefix(" ") || line.hasPrefix("\t") { continue }
            let name = String(line.prefix { $0 != ":" })
            #expect(name.count < line.count, "not a header field: \(line)", sourceLocation: sourceLocation)
            names.append(name)
        }
        return names
    }
}

/// One inbound mail whose From name, From address, Subject, Message-ID and References are hostile bytes, each either
/// raw in the header or hidden in an RFC 2047 encoded word (which the parser decodes into anything).
struct HostileMail {
    var raw: [UInt8]

    /// Pieces that break headers and envelopes: line ends, NUL, brackets, list separators, quotes, encoded-word
    /// markers, C1 and Unicode line breaks, invalid UTF-8, and text that looks like fields and SMTP commands.
    static let pieces: [[UInt8]] = [
        [13, 10], [13], [10], [0], [0x3C], [0x3E], [0x40], [0x2C], [0x3B], [0x3A], [0x22], [0x5C], [0x20], [0x09],
        [0x3D, 0x3F], [0x3F, 0x3D], [0xC2, 0x85], [0xE2, 0x80, 0xA8], [0xFF], Array("Bcc: victim@evil.test".utf8),
        Array("\r\nTo: other@evil.test".utf8), Array("RCPT TO:<victim@evil.test>".utf8), Array("a@x.test".utf8),
        Array("Иван".utf8), Array("abc".utf8), Array("\r\n\r\n".utf8), Array("\r\n ".utf8),
    ]

    static func hostile(using random: inout SplitMix64) -> [UInt8] {
        (0..<Int.random(in: 0...6, using: &random)).flatMap { _ in pieces.randomElement(using: &random)! }
    }

    /// The bytes as they are, or inside `=?utf-8?B?…?=`.
    static func field(_ bytes: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        guard Bool.random(using: &random) else { return bytes }
        return Array("=?utf-8?B?\(Data(bytes).base64EncodedString())?=".utf8)
    }

    static func random(index: Int, using random: inout SplitMix64) -> HostileMail {
        var local = Array("c\(index)".utf8)
        if Int.random(in: 0..<3, using: &random) == 0 { local += hostile(using: &random) }
        let address = field(local, using: &random) + Array("@example.test".utf8)
        let lines: [[UInt8]] = [
            Array("From: ".utf8) + field(hostile(using: &random), using: &random) + Array(" <".utf8) + address + [0x3E],
            Array("To: support@support.example.test".utf8),
            Array("Subject: ".utf8) + field(hostile(using: &random), using: &random),
            Array("Message-ID: <m\(index)".utf8) + hostile(using: &random) + Array("@example.test>".utf8),
            Array("References: <r\(index)@example.test> <".utf8) + hostile(using: &random) + [0x3E],
            Array("Date: Mon, 23 Nov 2026 10:00:00 +0000".utf8),
        ]
        return HostileMail(raw: Array(lines.joined(separator: [13, 10])) + Array("\r\n\r\nHello.\r\n".utf8))
    }
}

/// A seeded generator, so a failing case can be replayed (Vigna's SplitMix64).
struct SplitMix64: RandomNumberGenerator {
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
