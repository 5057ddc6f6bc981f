import Foundation
import PostdeskCore
import PostdeskGateway
import PostdeskStore
import Testing

/// A batch is parsed on every core and applied in fetch order; its attachments are made durable once, before the
/// transaction that references them.
@Suite struct InboundBatchTests {
    let h: GatewayHarness
    init() throws { h = try GatewayHarness() }

    /// What the blob store and the database were asked, in order.
    final class EventLog: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [String] = []
        func add(_ event: String) { lock.withLock { events.append(event) } }
        var all: [String] { lock.withLock { events } }
    }

    /// The file store, logging each call.
    struct LoggedBlobs: BlobStore {
        let inner: FileBlobStore
        let log: EventLog

        func put(_ bytes: [UInt8], sha256: String) throws {
            log.add("put")
            try inner.put(bytes, sha256: sha256)
        }

        func get(sha256: String) throws -> [UInt8]? { try inner.get(sha256: sha256) }

        func stage(_ bytes: [UInt8], sha256: String) throws -> StagedBlob? {
            log.add("stage")
            return try inner.stage(bytes, sha256: sha256)
        }

        func makeDurable(_ blobs: [StagedBlob]) throws {
            try inner.makeDurable(blobs)
            log.add("durable \(blobs.count)")
        }
    }

    /// The SQLite store, logging each committed write transaction.
    struct LoggedStore: TicketStore {
        let inner: SQLiteStore
        let log: EventLog

        func write<T: Sendable>(_ work: @escaping @Sendable (any TicketTransaction) throws -> T) async throws -> T {
            let result = try await inner.write(work)
            log.add("commit")
            return result
        }

        func read<T: Sendable>(_ work: @escaping @Sendable (any TicketQueries) throws -> T) async throws -> T {
            try await inner.read(work)
        }
    }

    @Test("mails come out in fetch order, attachments staged once each and durable before the apply commit")
    func orderAndDurability() async throws {
        // Given 24 mails: new tickets, three copies of one attachment, an unreadable one and one without a sender
        let log = EventLog()
        var processor = h.processor(blobs: LoggedBlobs(inner: h.blobs, log: log))
        processor.store = LoggedStore(inner: h.store, log: log)
        var mails: [InboundProcessor.Raw] = []
        for n in 1...24 {
            let bytes: [UInt8] =
                switch n % 8 {
                case 3: InboundProcessorTests.withAttachment + Array("\r\n\(n)".utf8)
                case 5: Array("\u{0}\u{1}not a mail at all \(n)".utf8)
                case 7: eml(["Subject: nobody \(n)", "Message-ID: <x\(n)@example.ru>"])
                default:
                    customerMail(
                        from: "Customer \(n) <c\(n)@example.ru>", subject: "Problem \(n)", messageID: "m\(n)@example.ru"
                    )
                }
            mails.append(.init(bytes: bytes, uid: UInt32(n)))
        }

        // When the batch is ingested
        let results = try await processor.ingest(
            mails, mailbox: "INBOX", uidValidity: 1,
            advancing: MailboxCursor(mailbox: "INBOX", uidValidity: 1, lastUID: 24))

        // Then each result belongs to its mail, in order (ledger ids ascend with the fetch order)
        #expect(results.count == 24)
        let ids = results.map(\.inboundID.rawValue)
        #expect(ids == ids.sorted())
        let rows = try await h.store.read { q in try q.inbound(state: .processed, limit: 100) }
        #expect(rows.compactMap(\.uid) == rows.compactMap(\.uid).sorted())
        // And tickets were created in fetch order: ticket numbers ascend with the UIDs
        let byUID = rows.compactMap { row in row.ticketID.map { (row.uid ?? 0, $0.rawValue) } }
        #expect(byUID.map(\.1) == byUID.sorted { $0.0 < $1.0 }.map(\.1))
        // And the unreadable and sender-less mails were quarantined, in their places
        for (index, result) in results.enumerated() where [5, 7].contains((index + 1) % 8) {
            guard case .quarantined = result else {
                Issue.record("mail \(index + 1): \(result)")
                continue
            }
        }
        // And the one attachment (three mails) was written once and made durable between the evidence commit and
        // the commit that references it
        #expect(log.all == ["commit", "stage", "durable 1", "commit"])
        #expect(try h.blobs.get(sha256: sha256sum(Array("%PDF-1.4\n".utf8))) == Array("%PDF-1.4\n".utf8))
    }
}
