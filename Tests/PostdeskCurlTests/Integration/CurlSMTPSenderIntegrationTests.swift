import Foundation
import PostdeskCore
import Testing

@testable import PostdeskCurl

extension MailstackTests {
    @Suite struct CurlSMTPSenderIntegrationTests {
        let stack = Mailstack.current!

        @Test func severalRecipientsAndPlusAddress() async throws {
            // Given two users and a plus address of the first
            let first = try stack.newUser()
            let second = try stack.newUser()
            let plus = first.replacingOccurrences(of: "@", with: "+ticket42@")
            let raw = Mailstack.message(
                from: "agent1@example.test", to: [first, second], subject: "both", body: "x\r\n")

            // When one message goes to all three
            let sender = try CurlSMTPSender(config: stack.smtp("agent1@example.test"))
            try await sender.send(
                try OutgoingMail(envelopeFrom: "agent1@example.test", recipients: [first, second, plus], raw: raw))

            // Then the first user gets two copies and the second one
            let firstBox = try CurlIMAPMailbox(config: stack.imap(first))
            let secondBox = try CurlIMAPMailbox(config: stack.imap(second))
            #expect(try await Mailstack.waitForMail(firstBox, count: 2).count == 2)
            #expect(try await Mailstack.waitForMail(secondBox, count: 1).count == 1)
            await firstBox.close()
            await secondBox.close()
        }

        @Test(arguments: [true, false])
        func tlsWithCAFileAndAuth(_ implicit: Bool) async throws {
            let user = try stack.newUser()
            let config = stack.smtp(
                "agent2@example.test", implicitTLS: implicit, startTLS: implicit ? .never : .required)
            let sender = try CurlSMTPSender(config: config)
            let raw = Mailstack.message(from: "agent2@example.test", to: [user], subject: "tls", body: "x\r\n")
            try await sender.send(try OutgoingMail(envelopeFrom: "agent2@example.test", recipients: [user], raw: raw))
            let box = try CurlIMAPMailbox(config: stack.imap(user))
            let mail = try await Mailstack.waitForMail(box, count: 1)
            #expect(String(decoding: mail[0].raw, as: UTF8.self).contains("ESMTPSA"))  // TLS + AUTH in Received
            await box.close()
        }

        @Test func foreignDomainIsRejectedForGood() async throws {
            let sender = try CurlSMTPSender(config: stack.smtp("agent1@example.test"))
            let raw = Mailstack.message(
                from: "agent1@example.test", to: ["someone@elsewhere.test"], subject: "x", body: "x\r\n")
            let error = await #expect(throws: MailTransportError.self) {
                try await sender.send(
                    try OutgoingMail(
                        envelopeFrom: "agent1@example.test", recipients: ["someone@elsewhere.test"], raw: raw))
            }
            #expect(error?.code == .rejected)
            #expect(error?.isTransient == false)
            #expect((error?.cause as? CurlError)?.responseCode == 554)
        }

        @Test func wrongPasswordIsNotTransient() async throws {
            let sender = try CurlSMTPSender(config: stack.smtp("agent1@example.test", password: "wrong"))
            let raw = Mailstack.message(
                from: "agent1@example.test", to: ["support@example.test"], subject: "x", body: "x\r\n")
            let error = await #expect(throws: MailTransportError.self) {
                try await sender.send(
                    try OutgoingMail(
                        envelopeFrom: "agent1@example.test", recipients: ["support@example.test"], raw: raw))
            }
            #expect(error?.code == .authenticationFailed)
            #expect(error?.isTransient == false)
        }

        @Test func relayDownIsTransient() async throws {
            let sender = try CurlSMTPSender(config: stack.smtp())
            let user = try stack.newUser()
            let mail = try OutgoingMail(
                envelopeFrom: "customer1@example.test", recipients: [user],
                raw: Mailstack.message(from: "customer1@example.test", to: [user], subject: "x", body: "x\r\n"))

            // Given the relay is down: nothing listens where it should be (pausing the shared Postfix would fail
            // every suite running meanwhile)
            var down = stack.smtp()
            down.url = "smtp://127.0.0.1:\(Int.random(in: 41_000..<49_000))/localhost"
            do {
                // Then sending fails, and says a retry can help
                let error = await #expect(throws: MailTransportError.self) {
                    try await CurlSMTPSender(config: down).send(mail)
                }
                #expect(error?.code == .connectionFailed)
                #expect(error?.isTransient == true)
            }

            // And once it is back, the same mail goes through
            try await sender.send(mail)
        }
    }
}
