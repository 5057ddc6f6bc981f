import Foundation
import PostdeskCore
import Testing

@testable import PostdeskCurl

extension MailstackTests {
    @Suite struct CurlIMAPMailboxIntegrationTests {
        let stack = Mailstack.current!

        func send(_ raw: [UInt8], from: String = "customer1@example.test", to: [String]) async throws {
            let sender = try CurlSMTPSender(config: stack.smtp())
            try await sender.send(try OutgoingMail(envelopeFrom: from, recipients: to, raw: raw))
        }

        /// ~2 MB: 5,000-byte lines, lines starting with a dot, UTF-8, and a base64 binary attachment.
        static func largeMessage(to: String) -> [UInt8] {
            var generator = SystemRandomNumberGenerator()
            let binary = (0..<700_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let encoded = Data(binary).base64EncodedString(options: [
                .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
            ])
            let longLine = String(repeating: "0123456789abcdefghijklmnopqrstuvwxyzÄÖÜ ", count: 125)
            var body = "This is a multi-part message.\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            for index in 0..<200 { body += (index % 10 == 0 ? ".\(index) " : "") + longLine + "\r\n" }
            body += ".\r\n..\r\n--b1\r\nContent-Type: application/octet-stream; name=blob.bin\r\n"
            body += "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=blob.bin\r\n\r\n"
            body += encoded + "\r\n--b1--\r\n"
            var raw = Mailstack.message(from: "customer1@example.test", to: [to], subject: "large", body: body)
            // multipart header in place of the text/plain one
            let text = String(decoding: raw, as: UTF8.self).replacingOccurrences(
                of: "Content-Type: text/plain; charset=utf-8\r\n\r\nThis is",
                with: "Content-Type: multipart/mixed; boundary=b1\r\n\r\nThis is")
            raw = Array(text.utf8)
            return raw
        }

        /// Whether `fetched` is `sent` with only header fields added on top (Return-Path, Delivered-To, Received).
        static func isDelivered(_ fetched: [UInt8], sent: [UInt8]) -> Bool {
            guard fetched.count > sent.count, fetched.suffix(sent.count).elementsEqual(sent) else { return false }
            let added = String(decoding: fetched.prefix(fetched.count - sent.count), as: UTF8.self)
            return added.hasPrefix("Return-Path: ") && !added.contains("\r\n\r\n")
        }

        @Test func selectAndFetchSeveralIncludingLargeOne() async throws {
            // Given three small messages and a 2 MB one
            let user = try stack.newUser()
            var sent: [[UInt8]] = (1...3).map {
                Mailstack.message(
                    from: "customer1@example.test", to: [user], subject: "small \($0)", body: "Hi \($0)\r\n")
            }
            sent.append(Self.largeMessage(to: user))
            #expect(sent[3].count > 1_900_000)
            for raw in sent { try await send(raw, to: [user]) }
            let reader = try CurlIMAPMailbox(config: stack.imap(user))
            defer { Task { await reader.close() } }

            // When the reader fetches everything
            let mails = try await Mailstack.waitForMail(reader, count: 4)
            let status = try await reader.select()

            // Then the bytes are exactly what was sent, plus the servers' trace headers (Postfix may deliver the four
            // in any order)
            #expect(mails.map(\.uid) == [1, 2, 3, 4])
            for (index, raw) in sent.enumerated() {
                let matches = mails.filter { Self.isDelivered($0.raw, sent: raw) }.count
                #expect(matches == 1, "message \(index) (\(raw.count) bytes) arrived \(matches) times intact")
            }
            #expect(mails.contains { $0.raw.count > 2_000_000 })
            #expect(status.exists == 4)
            #expect(status.uidNext == 5)
            #expect(status.uidValidity > 0)
        }

        @Test func fetchAfterUIDInBatchesAndSeenStaysUnset() async throws {
            // Given five messages
            let user = try stack.newUser()
            for index in 1...5 {
                try await send(
                    Mailstack.message(from: "customer2@example.test", to: [user], subject: "n\(index)", body: "b\r\n"),
                    to: [user])
            }
            let reader = try CurlIMAPMailbox(config: stack.imap(user))
            defer { Task { await reader.close() } }
            _ = try await Mailstack.waitForMail(reader, count: 5)

            // When fetching after a UID, in batches
            let firstTwo = try await reader.fetch(after: 0, limit: 2)
            let afterThree = try await reader.fetch(after: 3, limit: 10)
            let afterLast = try await reader.fetch(after: 5, limit: 10)
            let farAfter = try await reader.fetch(after: 1000, limit: 10)

            // Then UIDs above the mark come in order, and `n:*` never returns the last message again
            #expect(firstTwo.map(\.uid) == [1, 2])
            #expect(afterThree.map(\.uid) == [4, 5])
            #expect(afterLast.isEmpty)
            #expect(farAfter.isEmpty)

            // And no message got \Seen
            let connection = try IMAPConnection(config: stack.imap(user))
            _ = try connection.select("INBOX")
            var flags: [UInt32: [String]] = [:]
            let result = try connection.command("UID FETCH 1:* (UID FLAGS)") { data in
                if case .fetch(let fetched) = data, let uid = fetched.uid { flags[uid] = fetched.flags ?? [] }
            }
            #expect(result.status == .ok)
            #expect(flags.count == 5)
            #expect(flags.values.allSatisfy { !$0.contains("\\Seen") })
        }

        @Test func idleWakesWithinASecondOfDelivery() async throws {
            let user = try stack.newUser()
            let reader = try CurlIMAPMailbox(config: stack.imap(user))
            defer { Task { await reader.close() } }
            _ = try await reader.select()

            // Given a reader idling
            let clock = ContinuousClock()
            let idling = Task { try await (reader.idle(timeout: .seconds(30)), clock.now) }
            try await Task.sleep(for: .milliseconds(500))  // let IDLE start; a late start only makes the test easier

            // When a message is delivered
            try await send(
                Mailstack.message(from: "customer1@example.test", to: [user], subject: "wake", body: "x\r\n"),
                to: [user])
            let sentAt = clock.now
            let (wake, wokeAt) = try await idling.value

            // Then idle returns .changed within about a second
            #expect(wake == .changed)
            #expect(sentAt.duration(to: wokeAt) < .milliseconds(1500), "woke \(sentAt.duration(to: wokeAt)) after")
            #expect(try await reader.fetch(after: 0, limit: 10).count == 1)
        }

        @Test func idleTimesOutAndCancels() async throws {
            let user = try stack.newUser()
            let reader = try CurlIMAPMailbox(config: stack.imap(user))
            defer { Task { await reader.close() } }
            let clock = ContinuousClock()

            // A quiet mailbox: idle ends at its timeout
            let start = clock.now
            #expect(try await reader.idle(timeout: .milliseconds(800)) == .timedOut)
            #expect(start.duration(to: clock.now) < .seconds(3))

            // Cancelling a long idle ends it promptly, and the reader stays usable
            let idling = Task { try await reader.idle(timeout: .seconds(600)) }
            try await Task.sleep(for: .milliseconds(300))
            let cancelledAt = clock.now
            idling.cancel()
            await #expect(throws: MailTransportError.self) { try await idling.value }
            #expect(cancelledAt.duration(to: clock.now) < .seconds(1))
            #expect(try await reader.select().exists == 0)
        }

        @Test(arguments: [Mailstack.IMAPSecurity.implicitTLS, .startTLS])
        func tlsWithCAFile(_ security: Mailstack.IMAPSecurity) async throws {
            let user = try stack.newUser()
            try await send(
                Mailstack.message(from: "customer1@example.test", to: [user], subject: "tls", body: "x\r\n"), to: [user]
            )
            let reader = try CurlIMAPMailbox(config: stack.imap(user, security: security))
            defer { Task { await reader.close() } }
            #expect(try await Mailstack.waitForMail(reader, count: 1).count == 1)
        }

        @Test(arguments: [Mailstack.IMAPSecurity.implicitTLS, .startTLS])
        func tlsWithoutTheCAFails(_ security: Mailstack.IMAPSecurity) async throws {
            let reader = try CurlIMAPMailbox(
                config: stack.imap("support@example.test", security: security, caFile: .some(nil)))
            let error = await #expect(throws: MailTransportError.self) { try await reader.select() }
            #expect(error?.code == .tlsFailed)
            #expect(error?.isTransient == false)
        }

        @Test func wrongPasswordIsNotTransient() async throws {
            let reader = try CurlIMAPMailbox(config: stack.imap("support@example.test", password: "wrong"))
            let error = await #expect(throws: MailTransportError.self) { try await reader.select() }
            #expect(error?.code == .authenticationFailed)
            #expect(error?.isTransient == false)
        }

        @Test func stoppedServerIsTransient() async throws {
            // A port where nothing listens stands for a stopped server
            let config = MailServerConfig(
                url: "imap://127.0.0.1:1/INBOX", user: "u", password: "p", timeout: .seconds(5))
            let reader = try CurlIMAPMailbox(config: config)
            let error = await #expect(throws: MailTransportError.self) { try await reader.select() }
            #expect(error?.code == .connectionFailed)
            #expect(error?.isTransient == true)
        }

        @Test func reconnectsAfterTheServerDropsTheConnection() async throws {
            let user = try stack.newUser()
            let reader = try CurlIMAPMailbox(config: stack.imap(user))
            defer { Task { await reader.close() } }
            _ = try await reader.select()

            // When the server drops the session
            try stack.kick(user)
            try await Task.sleep(for: .milliseconds(200))
            let error = await #expect(throws: MailTransportError.self) { try await reader.fetch(after: 0, limit: 10) }
            #expect(error?.isTransient == true)

            // Then the next call reconnects
            #expect(try await reader.fetch(after: 0, limit: 10).isEmpty)
        }

        @Test func missingMailbox() async throws {
            let reader = try CurlIMAPMailbox(config: stack.imap("support@example.test", mailbox: "Nope"))
            let error = await #expect(throws: MailTransportError.self) { try await reader.select() }
            #expect(error?.code == .mailboxMissing)
            #expect(error?.isTransient == false)
            // A refused command leaves the connection usable: the same reader still answers (with the same refusal)
            await #expect(throws: MailTransportError.self) { try await reader.select() }
        }
    }
}
