import Foundation
import PostdeskCore
import PostdeskCrypto
import PostdeskGateway
import PostdeskStore
import PostdeskWorkflow

/// A clock the test moves by hand, and tokens counted up: no sleeping, byte-stable values.
final class ManualWorld: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var counter = 0
    private var repeating = false

    init(now: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        current = now
    }

    var now: Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current += seconds }
    }

    /// While on, every token is the same one: the next portal token collides with a UNIQUE column.
    func repeatTokens(_ on: Bool) {
        lock.withLock { repeating = on }
    }

    var environment: WorldEnvironment {
        WorldEnvironment(
            now: { self.now },
            randomToken: {
                self.lock.withLock {
                    if self.repeating { return "repeated-token-000000000" }
                    self.counter += 1
                    return "token\(String(format: "%021d", self.counter))"
                }
            }
        )
    }
}

/// Real SQLite file, real blob directory, real parser and filters; only the clock is by hand.
final class GatewayHarness: Sendable {
    static let supportAddress = "support@support.example.test"
    static let domain = "support.example.test"
    /// The one mailbox most tests read and send for.
    static let mailbox = MailboxProfile(
        name: "support", address: EmailAddress(supportAddress)!, displayName: "Example Support")
    static let keys = try! KeyRing(secret: Array("a test secret of some length: 32+ bytes".utf8))

    let directory: URL
    let store: SQLiteStore
    let blobs: FileBlobStore
    let world: ManualWorld

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("postdesk-gateway-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteStore(path: directory.appendingPathComponent("postdesk.sqlite").path)
        try store.migrate()
        blobs = FileBlobStore(root: directory.appendingPathComponent("blobs"))
        world = ManualWorld()
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func processor(blobs: (any BlobStore)? = nil, automaticMailsPerHour: Int = 10) -> InboundProcessor {
        InboundProcessor(
            store: store, blobs: blobs ?? self.blobs,
            workflow: InboundWorkflow(
                settings: WorkflowSettings(messageIDDomain: Self.domain, automaticMailsPerHour: automaticMailsPerHour),
                environment: world.environment
            ),
            mailbox: Self.mailbox, keys: Self.keys, languages: ["en", "ru"]
        )
    }

    /// Ingests raw mails the way `postdesk ingest` does: one batch, no UIDs.
    func ingest(_ mails: [UInt8]...) async throws -> [IngestResult] {
        try await processor().ingest(mails.map { .init(bytes: $0, uid: nil) }, mailbox: "INBOX", uidValidity: nil)
    }

    func ticket(_ number: Int64) async throws -> Ticket? {
        try await store.read { q in try q.ticket(number: TicketNumber(number)) }
    }

    func ticketCount() async throws -> Int {
        try await store.read { q in try q.tickets(limit: 1000).count }
    }

    func messages(_ number: Int64) async throws -> [TicketMessage] {
        try await store.read { q in
            guard let ticket = try q.ticket(number: TicketNumber(number)) else { return [] }
            return try q.messages(of: ticket.id, includeInternal: true)
        }
    }

    func events(_ number: Int64) async throws -> [TicketEvent] {
        try await store.read { q in
            guard let ticket = try q.ticket(number: TicketNumber(number)) else { return [] }
            return try q.events(of: ticket.id)
        }
    }

    func outbox(_ number: Int64) async throws -> [OutboxItem] {
        try await store.read { q in
            guard let ticket = try q.ticket(number: TicketNumber(number)) else { return [] }
            return try q.outbox(ticket: ticket.id)
        }
    }

    func inbound(_ id: InboundID) async throws -> StoredInbound? {
        try await store.read { q in try q.inbound(id) }
    }
}

/// An RFC 5322 message from header lines and a body, CRLF line ends.
func eml(_ headers: [String], body: String = "Hello.") -> [UInt8] {
    Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + body.replacingOccurrences(of: "\n", with: "\r\n")).utf8)
}

/// A customer's plain mail.
func customerMail(
    from: String = "Ivan Petrov <ivan@example.ru>", to: String = GatewayHarness.supportAddress,
    subject: String = "Printer on fire", messageID: String = "c1@example.ru", extra: [String] = [],
    body: String = "It is burning.\n"
) -> [UInt8] {
    eml(
        [
            "From: \(from)", "To: \(to)", "Subject: \(subject)", "Date: Tue, 14 Nov 2023 22:13:20 +0000",
            "Message-ID: <\(messageID)>",
        ] + extra,
        body: body
    )
}

extension IngestResult {
    var outcome: InboundOutcome? {
        if case .accepted(_, let outcome) = self { outcome } else { nil }
    }

    var isQuarantined: Bool {
        if case .quarantined = self { true } else { false }
    }
}
