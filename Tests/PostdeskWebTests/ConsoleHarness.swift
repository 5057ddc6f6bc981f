import Foundation
import PostdeskCore
import PostdeskCrypto
import PostdeskStore
import PostdeskWorkflow
import Testing

@testable import PostdeskWeb

/// A desk for the console's HTTP tests: a migrated database, a clock and tokens that only move when told (so two
/// desks given the same steps write the same rows), the workflows wired as `serve` wires them, and blobs in memory.
///
/// Seeded with: team support (Anna, Boris is an admin) and team sales (Sergei); ticket #1 from Ivan through
/// support@ (team support) with a PNG, an SVG and a text file attached; ticket #2 from Olga (team sales) with a
/// file of its own; and Ivan's older ticket #3.
final class ConsoleDesk: @unchecked Sendable {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let support = MailboxProfile(
        name: "support", address: EmailAddress("support@example.test")!, displayName: "Support",
        defaultTeam: "support")
    static let password = "correct horse battery"
    static let keys = try! KeyRing(secret: Array("console-desk-test-secret-of-32-bytes!!".utf8))
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
    static let svg = Array("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8)
    static let olgasFile = Array("Olga's contract".utf8)

    let db: PortalRoutesTests.Database
    var store: SQLiteStore { db.store }
    let blobs: ConsoleBlobs
    let clock: DeskClock
    let workflow: InboundWorkflow
    let actions: WebActions
    let routes: PortalRoutes
    var anna: OperatorAccount!
    var sergei: OperatorAccount!

    var now: Date { clock.now }
    func advance(_ seconds: TimeInterval) { clock.advance(seconds) }

    init(seeAllTeams: Bool = true) async throws {
        let clock = DeskClock(Self.start)
        let db = try PortalRoutesTests.Database()
        let blobs = ConsoleBlobs()
        self.clock = clock
        self.db = db
        self.blobs = blobs
        let environment = WorldEnvironment(now: { clock.now }, randomToken: { clock.token() })
        let workflow = InboundWorkflow(
            settings: WorkflowSettings(messageIDDomain: "support.example.test"), environment: environment)
        self.workflow = workflow
        let access = TicketAccess(operatorsSeeAllTeams: seeAllTeams)
        let uploads = UploadStore(blobs: blobs, sha256: { bytes in Self.digest(bytes) })
        let actions = WebActions(
            console: ConsoleWorkflow(base: workflow, access: access, uploads: uploads, mailboxes: [Self.support]),
            portal: PortalWorkflow(base: workflow, uploads: uploads, mailbox: Self.support), access: access,
            blobs: blobs)
        self.actions = actions
        routes = PortalRoutes(
            store: db.store, pages: try await PageLibrary.load(), keys: Self.keys,
            accountSettings: AccountSettings(messageIDDomain: "test.invalid", passwords: PasswordPolicy(cost: 4)),
            actions: actions, now: { clock.now })
        try await seed()
    }

    private func seed() async throws {
        let date = now
        (anna, sergei) = try await store.write { tx in
            for team in ["support", "sales"] { _ = try tx.addTeam(name: team, at: date) }
            var added: [OperatorAccount] = []
            for (role, address, name, team) in [
                (Role.operator, "anna@example.test", "Anna", "support"),
                (.admin, "boris@example.test", "Boris", "support"),
                (.operator, "sergei@example.test", "Sergei", "sales"),
            ] {
                _ = try tx.addUser(
                    NewUser(role: role, address: EmailAddress(address)!, name: name, teams: [team]), at: date)
                guard let account = try tx.operatorAccount(address: address) else { throw CancellationError() }
                added.append(account)
            }
            _ = try tx.addWorkTypePrice(
                name: "consulting",
                price: WorkTypePrice(amount: Money(minorUnits: 100, currency: "EUR"), from: "2020-01-01"),
                at: date)
            return (added[0], added[2])
        }
        for (file, bytes) in [("manual.txt", Array("manual".utf8)), ("photo.png", Self.png), ("x.svg", Self.svg)] {
            try blobs.put(bytes, sha256: Self.digest(bytes))
            _ = file
        }
        try blobs.put(Self.olgasFile, sha256: Self.digest(Self.olgasFile))
        try await mail(
            from: "ivan@example.ru", name: "Ivan", subject: "Old question", text: "An old question", id: "c0@example.ru"
        )
        advance(60)
        try await mail(
            from: "ivan@example.ru", name: "Ivan", subject: "Printer <i>on fire</i>",
            text: "It burns <script>alert(1)</script> <img src=x onerror=alert(2)>", id: "c1@example.ru",
            attachments: [
                Self.ref("photo.png", "image/png", Self.png), Self.ref("x.svg", "image/svg+xml", Self.svg),
                Self.ref("manual.txt", "text/plain", Array("manual".utf8)),
            ])
        advance(60)
        try await mail(
            from: "olga@example.ru", name: "Olga", subject: "Olga's invoice", text: "See the contract",
            id: "o1@example.ru", attachments: [Self.ref("contract.pdf", "application/pdf", Self.olgasFile)])
        try await store.write { tx in
            // Ivan's printer belongs to support, Olga's invoice to sales.
            for (number, team) in [(2, "support"), (3, "sales")] {
                guard var ticket = try tx.ticket(number: TicketNumber(Int64(number))) else { continue }
                ticket.team = team
                try tx.update(ticket)
            }
        }
        advance(60)
    }

    static func ref(_ name: String, _ type: String, _ bytes: [UInt8]) -> AttachmentRef {
        AttachmentRef(
            filename: name, contentType: type, size: bytes.count, sha256: digest(bytes), contentID: nil, isInline: false
        )
    }

    /// A mail as the poller hands it to the workflow: the raw row recorded, then applied in the same transaction.
    func mail(
        from address: String, name: String, subject: String, text: String, id: String,
        attachments: [AttachmentRef] = [], hints: ThreadHints = ThreadHints()
    ) async throws {
        let message = InboundMessage(
            from: Person(name: name, address: address), subject: subject, text: text, html: nil, reply: text,
            messageID: id, attachments: attachments, language: "en", automatic: nil, hints: hints,
            mailbox: Self.support)
        let workflow = self.workflow
        let date = now
        _ = try await store.write { tx in
            let raw = Array(id.utf8)
            let inbound: InboundID
            switch try tx.recordInbound(
                NewInbound(
                    mailbox: "INBOX", uidValidity: nil, uid: nil, sha256: Self.digest(raw), raw: raw, receivedAt: date))
            {
            case .recorded(let new): inbound = new
            case .duplicate(let old): inbound = old
            }
            return try workflow.apply(message, inbound: inbound, in: tx)
        }
    }

    /// The ticket numbers as seeded.
    static let ivansOld = TicketNumber(1)
    static let printer = TicketNumber(2)
    static let olgas = TicketNumber(3)

    func ticket(_ number: TicketNumber) async throws -> Ticket? {
        try await store.read { q in try q.ticket(number: number) }
    }

    func messages(_ number: TicketNumber) async throws -> [TicketMessage] {
        try await store.read { q in
            guard let ticket = try q.ticket(number: number) else { return [] }
            return try q.messages(of: ticket.id, includeInternal: true)
        }
    }

    func outbox(_ number: TicketNumber) async throws -> [OutboxItem] {
        try await store.read { q in
            guard let ticket = try q.ticket(number: number) else { return [] }
            return try q.outbox(ticket: ticket.id)
        }
    }

    /// Messages, events, outbox rows and time entries of every ticket: "nothing changed" compares two of these.
    func rowCounts() async throws -> [Int] {
        try await store.read { q in
            var counts = [0, 0, 0, 0]
            for ticket in try q.tickets(limit: 100) {
                counts[0] += try q.messages(of: ticket.id, includeInternal: true).count
                counts[1] += try q.events(of: ticket.id).count
                counts[2] += try q.outbox(ticket: ticket.id).count
                counts[3] += try q.timeEntries(of: ticket.id).count
            }
            return counts
        }
    }

    /// A browser signed in as `address` (password set here), having opened `/login`.
    func signIn(_ address: String, port: Int, language: String? = nil) async throws -> WebClient {
        _ = try await routes.accounts.setPassword(email: address, password: Self.password)
        let browser = WebClient(port: port, language: language)
        _ = try await browser.get("/login")
        let answer = try await browser.post("/login", ["email": address, "password": Self.password])
        #expect(answer.status == 303 && answer.location == "/console")
        return browser
    }

    /// A stand-in digest: 64 hex digits from four FNV-1a passes ("same bytes, same name" is all it must give).
    static func digest(_ bytes: [UInt8]) -> String {
        (0..<4).map { seed -> String in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 &+ UInt64(seed)
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            let hex = String(hash, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}

/// Attachment bytes kept in memory.
final class ConsoleBlobs: BlobStore, @unchecked Sendable {
    private let lock = NSLock()
    private var blobs: [String: [UInt8]] = [:]

    func put(_ bytes: [UInt8], sha256: String) throws { lock.withLock { blobs[sha256] = bytes } }
    func get(sha256: String) throws -> [UInt8]? { lock.withLock { blobs[sha256] } }
}

/// The fields of an outbox row that make the mail, the model re-encoded with sorted keys.
struct RelayRow: Equatable {
    var template, language, recipient, messageID: String
    var inReplyTo: String?
    var references: [String]
    var model: Data
    var mailbox, fromName: String?

    init(_ item: OutboxItem) {
        template = item.item.template
        language = item.item.language
        recipient = item.item.recipient.address
        messageID = item.item.messageID
        inReplyTo = item.item.inReplyTo
        references = item.item.references
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        model =
            (try? encoder.encode(JSONDecoder().decode(TicketMailModel.self, from: item.item.model))) ?? item.item.model
        mailbox = item.item.mailbox
        fromName = item.item.fromName
    }
}

/// A clock and a token counter that only move when told.
final class DeskClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var counter = 0

    init(_ start: Date) { current = start }

    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
    func token() -> String {
        lock.withLock {
            counter += 1
            return "token\(String(format: "%021d", counter))"
        }
    }
}
