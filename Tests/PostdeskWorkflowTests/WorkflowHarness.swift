import Foundation
import PostdeskCore
import PostdeskStore
import PostdeskWorkflow

/// A clock the test moves by hand, and portal tokens counted up: no sleeping, byte-stable values.
final class ManualWorld: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var counter = 0

    init(now: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        current = now
    }

    var now: Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current += seconds }
    }

    var environment: WorldEnvironment {
        WorldEnvironment(
            now: { self.now },
            randomToken: {
                self.lock.withLock {
                    self.counter += 1
                    return "token\(String(format: "%021d", self.counter))"
                }
            }
        )
    }
}

/// A migrated SQLite file in a temporary directory plus the workflow under test.
final class WorkflowHarness: Sendable {
    let directory: URL
    let store: SQLiteStore
    let world: ManualWorld
    let workflow: InboundWorkflow

    init(automaticMailsPerHour: Int = 10, notificationDigest: TimeInterval = 0) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("postdesk-workflow-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteStore(path: directory.appendingPathComponent("postdesk.sqlite").path)
        try store.migrate()
        world = ManualWorld()
        workflow = InboundWorkflow(
            settings: WorkflowSettings(
                messageIDDomain: "support.example.test", automaticMailsPerHour: automaticMailsPerHour,
                notificationDigest: notificationDigest),
            environment: world.environment
        )
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Records the raw row the way the gateway does, then applies `mail` in the same transaction.
    func apply(_ mail: InboundMessage) async throws -> InboundOutcome {
        let workflow = self.workflow
        let now = world.now
        return try await store.write { tx in
            let raw = Array("\(mail.messageID ?? UUID().uuidString) \(now.timeIntervalSince1970)".utf8)
            let sha = raw.map { String(format: "%02x", $0) }.joined().padding(toLength: 64, withPad: "0", startingAt: 0)
            let record = try tx.recordInbound(
                NewInbound(
                    mailbox: "INBOX", uidValidity: nil, uid: nil, sha256: String(sha.prefix(64)), raw: raw,
                    receivedAt: now
                ))
            let id: InboundID
            switch record {
            case .recorded(let new): id = new
            case .duplicate(let old): id = old
            }
            return try workflow.apply(mail, inbound: id, in: tx)
        }
    }

    func ticket(_ number: TicketNumber) async throws -> Ticket? {
        try await store.read { q in try q.ticket(number: number) }
    }

    func messages(_ number: TicketNumber) async throws -> [TicketMessage] {
        try await store.read { q in
            guard let ticket = try q.ticket(number: number) else { return [] }
            return try q.messages(of: ticket.id, includeInternal: true)
        }
    }

    func events(_ number: TicketNumber) async throws -> [TicketEvent] {
        try await store.read { q in
            guard let ticket = try q.ticket(number: number) else { return [] }
            return try q.events(of: ticket.id)
        }
    }

    func outbox(_ number: TicketNumber) async throws -> [OutboxItem] {
        try await store.read { q in
            guard let ticket = try q.ticket(number: number) else { return [] }
            return try q.outbox(ticket: ticket.id)
        }
    }

    func ticketCount() async throws -> Int {
        try await store.read { q in try q.tickets(limit: 1000).count }
    }

    /// Moves a ticket to `status` as an operator would.
    func setStatus(_ status: TicketStatus, of number: TicketNumber) async throws {
        try await store.write { tx in
            guard var ticket = try tx.ticket(number: number) else { return }
            ticket.status = status
            try tx.update(ticket)
        }
    }
}

/// An inbound mail as the gateway hands it to the workflow.
func mail(
    from address: String = "ivan@example.ru", name: String? = "Ivan", subject: String = "Printer on fire",
    text: String = "It is burning.", messageID: String? = nil, language: String = "en",
    automatic: AutomaticMail? = nil, hints: ThreadHints = ThreadHints(), mailbox: MailboxProfile? = nil,
    evidence: SenderEvidence = SenderEvidence(), forwarded: ForwardedMail? = nil,
    attachments: [AttachmentRef] = []
) -> InboundMessage {
    InboundMessage(
        from: Person(name: name, address: address), subject: subject, text: text, html: nil, reply: text,
        messageID: messageID, attachments: attachments, language: language, automatic: automatic, hints: hints,
        mailbox: mailbox, evidence: evidence, forwarded: forwarded
    )
}

extension WorkflowHarness {
    /// Adds an operator as `postdesk user add --role operator` does (teams are created when missing).
    @discardableResult
    func addOperator(
        _ address: String, name: String? = nil, teams: [String] = [], also: [String] = [], disabled: Bool = false
    ) async throws -> OperatorAccount {
        let now = world.now
        return try await store.write { tx in
            for team in teams where try tx.team(named: team) == nil { _ = try tx.addTeam(name: team, at: now) }
            let added = try tx.addUser(
                NewUser(
                    role: .operator, address: EmailAddress(address)!, name: name, teams: teams,
                    also: also.map { EmailAddress($0)! }), at: now)
            if disabled { _ = try tx.setUserDisabled(address: address, disabled: true) }
            guard case .operator(let account) = added else { fatalError("not an operator") }
            return try tx.operatorAccount(id: account.id)!
        }
    }

    func timeEntries(_ number: TicketNumber) async throws -> [TimeEntry] {
        try await store.read { q in
            guard let ticket = try q.ticket(number: number) else { return [] }
            return try q.timeEntries(of: ticket.id)
        }
    }

    /// The outbox rows of ticket `number` made from `template`.
    func outbox(_ number: TicketNumber, template: String) async throws -> [OutboxItem] {
        try await outbox(number).filter { $0.item.template == template }
    }

    func model(_ item: OutboxItem) throws -> TicketMailModel {
        try JSONDecoder().decode(TicketMailModel.self, from: item.item.model)
    }
}
