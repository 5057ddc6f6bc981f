import Foundation
import Logging
import PostdeskCore
import PostdeskGateway
import Testing

/// A mailbox held in memory. It serves the fetches the test allows and fails the test on anything else.
actor FakeMailbox: MailboxReader {
    var status: MailboxStatus
    var messages: [FetchedMail]
    private(set) var fetches: [UInt32] = []

    init(uidValidity: UInt32, messages: [FetchedMail]) {
        self.status = MailboxStatus(
            uidValidity: uidValidity, uidNext: (messages.map(\.uid).max() ?? 0) + 1,
            exists: messages.count)
        self.messages = messages
    }

    func replace(uidValidity: UInt32, messages: [FetchedMail]) {
        status = MailboxStatus(
            uidValidity: uidValidity, uidNext: (messages.map(\.uid).max() ?? 0) + 1,
            exists: messages.count)
        self.messages = messages
    }

    func select() async throws -> MailboxStatus { status }

    func fetch(after uid: UInt32, limit: Int) async throws -> [FetchedMail] {
        fetches.append(uid)
        return Array(messages.filter { $0.uid > uid }.sorted { $0.uid < $1.uid }.prefix(limit))
    }

    func idle(timeout: Duration) async throws -> MailboxWake {
        Issue.record("idle was not expected in drain()")
        return .timedOut
    }

    func close() async {
        Issue.record("close was not expected in drain()")
    }
}

@Suite struct MailboxPollerTests {
    let h: GatewayHarness
    init() throws { h = try GatewayHarness() }

    private func poller(_ reader: FakeMailbox, batchSize: Int) -> MailboxPoller {
        MailboxPoller(
            name: "INBOX", reader: reader, processor: h.processor(), pollInterval: .seconds(30),
            batchSize: batchSize, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    private static func mails(_ uids: ClosedRange<UInt32>) -> [FetchedMail] {
        uids.map {
            FetchedMail(
                uid: $0, raw: customerMail(from: "c\($0)@example.ru", subject: "mail \($0)", messageID: "m\($0)@x"))
        }
    }

    @Test("drain takes everything above the mark in batches and moves the mark with each batch")
    func drainInBatches() async throws {
        // Given five messages and a batch size of two
        let mailbox = FakeMailbox(uidValidity: 7, messages: Self.mails(1...5))

        // When the poller drains
        let fetched = try await poller(mailbox, batchSize: 2).drain()

        // Then all five became tickets, fetched in three batches plus one empty look, and the mark is at 5
        #expect(fetched == 5)
        #expect(await mailbox.fetches == [0, 2, 4, 5])
        #expect(try await h.ticketCount() == 5)
        #expect(
            try await h.store.read { q in try q.mailboxCursor("INBOX") }
                == MailboxCursor(mailbox: "INBOX", uidValidity: 7, lastUID: 5))

        // When new mail arrives and the poller drains again, Then it starts above the mark
        await mailbox.replace(uidValidity: 7, messages: Self.mails(1...6))
        #expect(try await poller(mailbox, batchSize: 2).drain() == 1)
        #expect(await mailbox.fetches.suffix(2) == [5, 6])
        #expect(try await h.ticketCount() == 6)
    }

    @Test("a new UIDVALIDITY rescans from the start; the SHA-256 key drops what was already taken in")
    func uidValidityChange() async throws {
        // Given three messages taken in under UIDVALIDITY 7
        let mailbox = FakeMailbox(uidValidity: 7, messages: Self.mails(1...3))
        _ = try await poller(mailbox, batchSize: 10).drain()

        // When the server renumbers the same messages, plus one new, under UIDVALIDITY 8
        let renumbered = Self.mails(1...4).map { FetchedMail(uid: $0.uid + 100, raw: $0.raw) }
        await mailbox.replace(uidValidity: 8, messages: renumbered)
        #expect(try await poller(mailbox, batchSize: 10).drain() == 4)

        // Then only the new one became a ticket, and the mark is under the new UIDVALIDITY
        #expect(try await h.ticketCount() == 4)
        #expect(
            try await h.store.read { q in try q.mailboxCursor("INBOX") }
                == MailboxCursor(mailbox: "INBOX", uidValidity: 8, lastUID: 104))
    }

    @Test("an unreadable message is quarantined and the mark moves past it")
    func quarantinedDoesNotBlock() async throws {
        let mailbox = FakeMailbox(
            uidValidity: 7,
            messages: [
                FetchedMail(uid: 1, raw: [0, 0, 0]),
                FetchedMail(uid: 2, raw: customerMail()),
            ])
        #expect(try await poller(mailbox, batchSize: 10).drain() == 2)
        #expect(try await h.ticketCount() == 1)
        #expect(try await h.store.read { q in try q.mailboxCursor("INBOX") }?.lastUID == 2)
        #expect(try await h.store.read { q in try q.inbound(state: .quarantined, limit: 10) }.count == 1)
    }
}
