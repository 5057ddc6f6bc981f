import Foundation
import PostdeskCore
import PostdeskGateway
import PostdeskMail
import PostdeskStore
import PostdeskWorkflow
import Testing

/// Raw bytes in, tickets out, into a real SQLite file (ARCHITECTURE §2 steps 2–8).
@Suite struct InboundProcessorTests {
    let h: GatewayHarness
    init() throws { h = try GatewayHarness() }

    @Test("a customer's first mail becomes ticket #1 with its acknowledgement queued")
    func firstMail() async throws {
        // When one plain mail is ingested
        let results = try await h.ingest(customerMail())

        // Then the ledger row is processed and linked to ticket #1
        #expect(results.map(\.outcome) == [.created(TicketNumber(1))])
        let stored = try #require(try await h.inbound(results[0].inboundID))
        let ticket = try #require(try await h.ticket(1))
        #expect(stored.state == .processed && stored.ticketID == ticket.id && stored.reason == nil)
        #expect(stored.raw == customerMail())

        // And the ticket has the decoded mail, from the parsed From
        #expect(ticket.customer == Person(name: "Ivan Petrov", address: "ivan@example.ru"))
        #expect(ticket.subject == "Printer on fire")
        let message = try #require(try await h.messages(1).first)
        #expect(message.text.contains("It is burning.") && message.messageIDHeader == "c1@example.ru")

        // And one English acknowledgement waits, automatic
        let ack = try #require(try await h.outbox(1).first)
        #expect(ack.item.language == "en" && ack.item.isAutomatic && ack.item.inReplyTo == "c1@example.ru")
    }

    @Test("the ledger's SHA-256 is the SHA-256 of the raw bytes, as sha256sum prints it")
    func ledgerSHA256() async throws {
        // When a mail is ingested
        let raw = customerMail()
        let results = try await h.ingest(raw)

        // Then its ledger row carries the digest of exactly those bytes (not the digest of the digest)
        let stored = try #require(try await h.inbound(results[0].inboundID))
        #expect(stored.sha256 == (try sha256sum(raw)))
    }

    @Test("unreadable and From-less mail is quarantined without blocking the batch")
    func quarantineDoesNotBlock() async throws {
        // Given a batch: a good mail, binary junk, an empty message, a mail with no From, another good mail
        let junk: [UInt8] = [0, 1, 2, 0xFF, 0xFE, 0, 0, 13, 10]
        let noFrom = eml(["To: \(GatewayHarness.supportAddress)", "Subject: who am I", "Message-ID: <nf@x>"])
        let badFrom = eml(["From: not an address", "Subject: hi", "Message-ID: <bf@x>"])
        let second = customerMail(from: "anna@example.ru", subject: "Invoice", messageID: "a1@example.ru")

        // When it is ingested in one call
        let results = try await h.ingest(customerMail(), junk, [], noFrom, badFrom, second)

        // Then the good ones are tickets and the rest are quarantined with a reason, all committed
        #expect(results.map(\.outcome) == [.created(TicketNumber(1)), nil, nil, nil, nil, .created(TicketNumber(2))])
        #expect(results.map(\.isQuarantined) == [false, true, true, true, true, false])
        let quarantined = try await h.store.read { q in try q.inbound(state: .quarantined, limit: 10) }
        #expect(quarantined.count == 4)
        #expect(quarantined[0].reason?.hasPrefix("unreadable") == true)
        #expect(quarantined[1].reason?.hasPrefix("unreadable") == true)
        #expect(quarantined[2].reason == "no usable From address")
        #expect(quarantined[3].reason == "no usable From address")
        // And the junk is kept byte for byte as evidence
        #expect(quarantined[0].raw == junk)
        #expect(try await h.ticketCount() == 2)
    }

    @Test("a mail whose apply fails rolls back alone and is quarantined; reprocess applies it later")
    func applyFailureAndReprocess() async throws {
        // Given the token generator keeps returning the same portal token (UNIQUE in the schema)
        h.world.repeatTokens(true)

        // When two new mails arrive in one batch
        let results = try await h.ingest(
            customerMail(), customerMail(from: "anna@example.ru", subject: "Invoice", messageID: "a1@example.ru")
        )

        // Then the first is a ticket and the second is quarantined, with nothing of it left behind
        #expect(results[0].outcome == .created(TicketNumber(1)))
        guard case .quarantined(let id, let reason) = results[1] else {
            Issue.record("expected quarantine, got \(results[1])")
            return
        }
        #expect(reason.hasPrefix("could not be applied"))
        #expect(try await h.ticketCount() == 1)
        let annaKnown = try await h.store.read { q in
            try q.hasInboundMessage(messageID: "a1@example.ru", from: "anna@example.ru")
        }
        #expect(!annaKnown)

        // When the cause is gone and the admin reprocesses it
        h.world.repeatTokens(false)
        let again = try await h.processor().reprocess(id)

        // Then it becomes ticket #2 and the ledger row is processed
        #expect(again == .accepted(id, .created(TicketNumber(2))))
        #expect(try await h.inbound(id)?.state == .processed)
        #expect(try await h.ticket(2)?.customer.address == "anna@example.ru")

        // And reprocessing a processed row does nothing
        #expect(try await h.processor().reprocess(id) == .duplicate(id))
        #expect(try await h.ticketCount() == 2)
    }

    @Test("reprocessing an unknown row is an error")
    func reprocessUnknown() async throws {
        await #expect(throws: WorkflowError.self) { _ = try await h.processor().reprocess(InboundID(404)) }
    }

    @Test("the cursor moves in the same transaction as the batch")
    func cursorAdvancesWithBatch() async throws {
        // Given two fetched mails under UIDVALIDITY 7
        let processor = h.processor()
        let cursor = MailboxCursor(mailbox: "INBOX", uidValidity: 7, lastUID: 11)

        // When they are ingested with the new mark
        let results = try await processor.ingest(
            [.init(bytes: customerMail(), uid: 10), .init(bytes: [0, 0, 0], uid: 11)], mailbox: "INBOX",
            uidValidity: 7, advancing: cursor
        )

        // Then the mark is at the highest UID, even though one mail was quarantined
        #expect(results.count == 2)
        #expect(try await h.store.read { q in try q.mailboxCursor("INBOX") } == cursor)

        // And fetching the same UIDs again finds duplicates and creates nothing
        let again = try await processor.ingest(
            [.init(bytes: customerMail(body: "other bytes, same UID"), uid: 10)], mailbox: "INBOX", uidValidity: 7
        )
        #expect(again == [.duplicate(results[0].inboundID)])
        #expect(try await h.ticketCount() == 1)
    }

    /// A mail with one attachment, and the bytes of that attachment.
    static let withAttachment = eml(
        [
            "From: ivan@example.ru", "Subject: scan", "Message-ID: <scan@example.ru>", "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b\"",
        ],
        body: """
            --b
            Content-Type: text/plain

            See attached.
            --b
            Content-Type: application/pdf; name="scan.pdf"
            Content-Disposition: attachment; filename="scan.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --b--

            """
    )

    @Test("evidence first: a failure while reading leaves the raw mail and the mark committed; resuming finishes it")
    func failureAfterEvidence() async throws {
        // Given the blob disk is full
        let broken = h.processor(blobs: FullDisk())

        // When a fetched mail with an attachment is ingested with a new mark
        await #expect(throws: FullDisk.Failure.self) {
            _ = try await broken.ingest(
                [.init(bytes: Self.withAttachment, uid: 3)], mailbox: "INBOX", uidValidity: 7,
                advancing: MailboxCursor(mailbox: "INBOX", uidValidity: 7, lastUID: 3)
            )
        }

        // Then the raw bytes are stored, still `received`, and the mark has moved past them (never fetched twice)
        let received = try await h.store.read { q in try q.inbound(state: .received, limit: 10) }
        #expect(received.map(\.raw) == [Self.withAttachment])
        #expect(try await h.store.read { q in try q.mailboxCursor("INBOX") }?.lastUID == 3)
        #expect(try await h.ticketCount() == 0)

        // When the disk is back and the next cycle resumes interrupted mail
        let resumed = try await h.processor().resumeInterrupted()

        // Then it becomes a ticket with its attachment stored
        #expect(resumed.map(\.outcome) == [.created(TicketNumber(1))])
        let attachment = try #require(try await h.messages(1).first?.attachments.first)
        #expect(attachment.filename == "scan.pdf" && attachment.contentType == "application/pdf")
        #expect(try h.blobs.get(sha256: attachment.sha256) == Array("%PDF-1.4\n".utf8))
        #expect(try await h.processor().resumeInterrupted().isEmpty)
    }

    @Test("a stored mail that keeps failing is quarantined after the allowed attempts, not retried forever")
    func repeatFailuresAreQuarantined() async throws {
        // Given a mail left `received` by a failed read
        let broken = h.processor(blobs: FullDisk())
        _ = try? await broken.ingest([.init(bytes: Self.withAttachment, uid: nil)], mailbox: "INBOX", uidValidity: nil)

        // When resuming fails once more, and then the attempts are used up
        await #expect(throws: FullDisk.Failure.self) { _ = try await broken.resumeInterrupted(maxAttempts: 2) }
        let results = try await broken.resumeInterrupted(maxAttempts: 2)

        // Then it is quarantined for inspection, and reprocess can still take it in
        guard case .quarantined(let id, let reason) = results.first else {
            Issue.record("expected quarantine, got \(results)")
            return
        }
        #expect(reason.contains("kept for inspection"))
        #expect(try await h.inbound(id)?.state == .quarantined)
        #expect(try await h.processor().reprocess(id) == .accepted(id, .created(TicketNumber(1))))
    }

    @Test("the same bytes piped twice are a duplicate")
    func pipedTwice() async throws {
        let first = try await h.ingest(customerMail())
        let second = try await h.ingest(customerMail())
        #expect(second == [.duplicate(first[0].inboundID)])
    }
}

/// A blob store whose disk is full: every write fails.
struct FullDisk: BlobStore {
    struct Failure: Error {}
    func put(_ bytes: [UInt8], sha256: String) throws { throw Failure() }
    func get(sha256: String) throws -> [UInt8]? {
        Issue.record("FullDisk.get was not expected")
        return nil
    }
}
