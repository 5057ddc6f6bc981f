import Foundation
import PostdeskCore
import PostdeskRules
import PostdeskWorkflow

/// Attachment bytes kept in memory, with every write counted: a refused action must store nothing.
final class MemoryBlobStore: BlobStore, @unchecked Sendable {
    private let lock = NSLock()
    private var blobs: [String: [UInt8]] = [:]

    func put(_ bytes: [UInt8], sha256: String) throws {
        lock.withLock { blobs[sha256] = bytes }
    }

    func get(sha256: String) throws -> [UInt8]? {
        lock.withLock { blobs[sha256] }
    }

    var count: Int { lock.withLock { blobs.count } }
}

/// A stand-in digest: 64 hex digits from four FNV-1a passes. Content-addressing needs only "same bytes, same
/// name" here; the composition root passes the real SHA-256.
@Sendable func testDigest(_ bytes: [UInt8]) -> String {
    (0..<4).map { seed -> String in
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 &+ UInt64(seed)
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }.joined()
}

extension WorkflowHarness {
    func console(seeAllTeams: Bool = true, blobs: MemoryBlobStore = MemoryBlobStore(), limits: UploadLimits = .init())
        -> ConsoleWorkflow
    {
        ConsoleWorkflow(
            base: workflow, access: TicketAccess(operatorsSeeAllTeams: seeAllTeams),
            uploads: UploadStore(blobs: blobs, sha256: testDigest, limits: limits), mailboxes: [Self.support])
    }

    func portal(blobs: MemoryBlobStore = MemoryBlobStore(), limits: UploadLimits = .init()) -> PortalWorkflow {
        PortalWorkflow(
            base: workflow, uploads: UploadStore(blobs: blobs, sha256: testDigest, limits: limits),
            mailbox: Self.support)
    }

    static let support = MailboxProfile(
        name: "support", address: EmailAddress("support@example.test")!, displayName: "Support",
        defaultTeam: "support")

    func importRules(_ rules: [Rule]) async throws {
        let json = try JSONEncoder().encode(RuleDocument(rules: RuleSet(rules: RuleSet.shippedDefaults.rules + rules)))
        let date = world.now
        _ = try await store.write { tx in try tx.saveRuleDocument(json: json, at: date) }
    }

    func evaluations(_ number: TicketNumber) async throws -> [StoredEvaluation] {
        try await store.read { q in try q.evaluations(of: TicketID(number.rawValue)) }
    }

    /// How many rows each table the actions write holds: "nothing written" compares two of these.
    func rowCounts() async throws -> [Int] {
        try await store.read { q in
            let tickets = try q.tickets(limit: 1000)
            var counts = [tickets.count, 0, 0, 0, 0]
            for ticket in tickets {
                counts[1] += try q.messages(of: ticket.id, includeInternal: true).count
                counts[2] += try q.events(of: ticket.id).count
                counts[3] += try q.outbox(ticket: ticket.id).count
                counts[4] += try q.timeEntries(of: ticket.id).count
            }
            return counts
        }
    }
}

/// The fields of an outbox row that make the mail (all but its row ID and state).
struct OutboxRow: Equatable {
    var template, language, recipient, messageID: String
    var inReplyTo: String?
    var references: [String]
    var model: Data
    var isAutomatic: Bool
    var mailbox, fromName: String?
    var replyToken: String

    init(_ item: OutboxItem) {
        template = item.item.template
        language = item.item.language
        recipient = "\(item.item.recipient.name ?? "") <\(item.item.recipient.address)>"
        messageID = item.item.messageID
        inReplyTo = item.item.inReplyTo
        references = item.item.references
        // The encoder's key order is not fixed on Linux: the same model, re-encoded with sorted keys.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        model =
            (try? encoder.encode(JSONDecoder().decode(TicketMailModel.self, from: item.item.model))) ?? item.item.model
        isAutomatic = item.item.isAutomatic
        mailbox = item.item.mailbox
        fromName = item.item.fromName
        replyToken = "\(item.item.replyToken)"
    }
}
