import Foundation
import PostdeskCore
import Testing

@testable import PostdeskCurl

extension MailstackTests {
    /// Issue 11 §1 on the real Postfix: lanes keep their connection from mail to mail and deliver each mail once.
    @Suite struct SMTPLaneIntegrationTests {
        let stack = Mailstack.current!

        static func mail(_ n: Int, to user: String) throws -> OutgoingMail {
            let raw = Array(
                ("From: Agent <agent1@example.test>\r\nTo: \(user)\r\nSubject: lane \(n)\r\n"
                    + "Message-ID: <lane-\(n)-\(UInt32.random(in: 0...UInt32.max))@postdesk.test>\r\n"
                    + "Date: Mon, 01 Jan 2024 10:00:00 +0000\r\n\r\nMail number \(n).\r\n").utf8)
            return try OutgoingMail(envelopeFrom: "agent1@example.test", recipients: [user], raw: raw)
        }

        /// The Message-IDs in `mails`, as sent.
        static func messageIDs(_ mails: [FetchedMail]) -> [String] {
            mails.compactMap { mail in
                String(decoding: mail.raw, as: UTF8.self).split(separator: "\r\n").first {
                    $0.hasPrefix("Message-ID: <lane-")
                }.map(String.init)
            }
        }

        @Test("200 mails through 2 lanes over STARTTLS and AUTH: each delivered once, on a handful of connections")
        func twoHundredMailsTwoLanes() async throws {
            // Given a recipient, and a sender with 2 lanes of at most 100 mails per connection
            let user = try stack.newUser("lanes")
            let sender = try CurlSMTPSender(
                config: stack.smtp("agent1@example.test", startTLS: .required), lanes: 2,
                reuse: SMTPConnectionReuse(maxMailsPerConnection: 100))
            let mails = try (1...200).map { try Self.mail($0, to: user) }

            // When two workers send them at once, each its half, one mail after the other
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<2 {
                    group.addTask {
                        for index in stride(from: worker, to: mails.count, by: 2) {
                            try await sender.send(mails[index])
                        }
                    }
                }
                try await group.waitForAll()
            }

            // Then all 200 arrive, each exactly once
            let box = try CurlIMAPMailbox(config: stack.imap(user))
            let arrived = try await Mailstack.waitForMail(box, count: 200, seconds: 60)
            await box.close()
            let ids = Self.messageIDs(arrived)
            #expect(ids.count == 200 && Set(ids).count == 200)
            // And at most 2 lanes × (200 / 100 + 1) connections carried them, instead of one per mail
            #expect(sender.connectionsOpened >= 2 && sender.connectionsOpened <= 6, "\(sender.connectionsOpened)")
        }

        @Test("after a refused mail the lane reconnects, and the next mail goes through")
        func reconnectsAfterError() async throws {
            // Given one lane that has sent a mail and keeps its connection
            let user = try stack.newUser("lanes")
            let sender = try CurlSMTPSender(config: stack.smtp("agent1@example.test"), lanes: 1)
            try await sender.send(try Self.mail(1, to: user))
            #expect(sender.connectionsOpened == 1)

            // When the relay refuses a mail (a foreign domain), and the next one is sent
            await #expect(throws: MailTransportError.self) {
                try await sender.send(
                    try OutgoingMail(
                        envelopeFrom: "agent1@example.test", recipients: ["someone@elsewhere.test"],
                        raw: Array("Subject: x\r\n\r\nx\r\n".utf8)))
            }
            try await sender.send(try Self.mail(2, to: user))

            // Then it went out on a new connection, and both good mails arrived once
            #expect(sender.connectionsOpened == 2)
            let box = try CurlIMAPMailbox(config: stack.imap(user))
            let arrived = try await Mailstack.waitForMail(box, count: 2)
            await box.close()
            #expect(Self.messageIDs(arrived).count == 2)
        }

        @Test(
            "a connection is given up after its mail cap, or once idle too long",
            arguments: [
                (cap: 3, idle: Duration.seconds(30), pause: Duration.zero, mails: 7, connections: 3),
                (cap: 100, idle: .milliseconds(200), pause: .milliseconds(1200), mails: 3, connections: 3),
                (cap: 100, idle: .seconds(30), pause: .milliseconds(100), mails: 3, connections: 1),
            ] as [(cap: Int, idle: Duration, pause: Duration, mails: Int, connections: Int)])
        func capAndIdle(cap: Int, idle: Duration, pause: Duration, mails: Int, connections: Int) async throws {
            // Given one lane with that cap and idle timeout
            let user = try stack.newUser("lanes")
            let sender = try CurlSMTPSender(
                config: stack.smtp("agent1@example.test"), lanes: 1,
                reuse: SMTPConnectionReuse(maxMailsPerConnection: cap, idleTimeout: idle))

            // When the mails are sent one after the other, with that pause between them
            for n in 1...mails {
                if n > 1 { try await Task.sleep(for: pause) }
                try await sender.send(try Self.mail(n, to: user))
            }

            // Then that many connections carried them
            #expect(sender.connectionsOpened == connections)
        }
    }
}
