import Foundation
public import PostdeskCore
public import PostdeskCrypto
import PostdeskMail
public import PostdeskWorkflow

/// Raw bytes in, tickets out: store the bytes, parse, filter, apply.
///
/// Parsing happens outside any transaction (it is pure and may be slow). Each mail is applied in its own savepoint: a
/// mail that fails is quarantined, the rest of the batch commits, and the mailbox never blocks.
public struct InboundProcessor: Sendable {
    public var store: any TicketStore
    public var blobs: any BlobStore
    public var workflow: InboundWorkflow
    /// The mailbox this processor reads for: its address carries our reply tokens, its settings decide how the
    /// sender is believed.
    public var mailbox: MailboxProfile
    /// Every address of ours (all mailboxes): a token on any of them counts, and mail from one is our own.
    public var ourAddresses: [String]
    public var keys: KeyRing
    public var languages: [String]
    private let parser = MailParser()

    public init(
        store: any TicketStore, blobs: any BlobStore, workflow: InboundWorkflow, mailbox: MailboxProfile,
        ourAddresses: [String] = [], keys: KeyRing, languages: [String]
    ) {
        self.store = store
        self.blobs = blobs
        self.workflow = workflow
        self.mailbox = mailbox
        self.ourAddresses = ourAddresses.isEmpty ? [mailbox.address.rawValue] : ourAddresses
        self.keys = keys
        self.languages = languages
    }

    /// A raw message with where it came from.
    public struct Raw: Sendable {
        public var bytes: [UInt8]
        public var uid: UInt32?
        public init(bytes: [UInt8], uid: UInt32?) {
            self.bytes = bytes
            self.uid = uid
        }
    }

    /// Ingests `mails` from `mailbox`, then moves the mailbox mark to `cursor`.
    ///
    /// Two transactions: first the raw bytes and the mark (evidence before parsing: nothing fetched can be lost, and
    /// the mailbox never re-fetches a message that crashed us), then the applied results. A process that dies between
    /// the two leaves `received` rows, which ``resumeInterrupted()`` finishes on the next start.
    ///
    /// Hashing, parsing and filtering run on every core between the two; the attachments of the whole batch are made
    /// durable together before the second transaction, which applies the mails one after another in fetch order.
    public func ingest(
        _ mails: [Raw], mailbox: String, uidValidity: UInt32?, advancing cursor: MailboxCursor? = nil
    ) async throws -> [IngestResult] {
        let now = workflow.environment.now()
        let digests = try await mails.concurrentMap { SHA256.hex($0.bytes) }
        let inbound = zip(mails, digests).map { mail, digest in
            NewInbound(
                mailbox: mailbox, uidValidity: uidValidity, uid: mail.uid, sha256: digest, raw: mail.bytes,
                receivedAt: now)
        }
        let recorded = try await store.write { tx in
            let results = try inbound.map { try tx.recordInbound($0) }
            if let cursor { try tx.setMailboxCursor(cursor) }
            return results
        }
        let waiting = recorded.enumerated().compactMap { index, result -> (InboundID, [UInt8])? in
            guard case .recorded(let id) = result else { return nil }
            return (id, mails[index].bytes)
        }
        let processor = self
        let prepared = try await waiting.concurrentMap { id, bytes in (id, processor.prepare(bytes)) }
        try await storeAttachments(of: prepared.map(\.1))
        let workflow = self.workflow
        let parsed = prepared.map { id, mail in (id, mail.message) }
        let applied = try await store.write { tx in
            // Another process (a concurrent `postdesk ingest`, the poller) may have resumed a row since the first
            // transaction; apply only what is still waiting, so nothing is applied twice or overwritten.
            try parsed.compactMap { id, message -> IngestResult? in
                guard try tx.inboundState(id) == .received else { return nil }
                return try Self.apply(message, inbound: id, workflow: workflow, in: tx)
            }
        }
        var byID: [InboundID: IngestResult] = [:]
        for result in applied { byID[result.inboundID] = result }
        return recorded.map { result in
            switch result {
            case .duplicate(let id): .duplicate(id)
            case .recorded(let id): byID[id] ?? .duplicate(id)
            }
        }
    }

    /// Writes each distinct attachment of a batch once (in parallel), then makes them all durable together: files,
    /// then their directories, each synced once, before the transaction that references them.
    private func storeAttachments(of prepared: [Prepared]) async throws {
        var seen = Set<String>()
        let distinct = prepared.flatMap(\.attachments).filter { seen.insert($0.sha256).inserted }
        guard !distinct.isEmpty else { return }
        let blobs = self.blobs
        let results = try await distinct.concurrentMap { attachment in
            Result { try blobs.stage(attachment.data, sha256: attachment.sha256) }
        }
        let staged = results.compactMap { try? $0.get() }
        do {
            for result in results { _ = try result.get() }
            try blobs.makeDurable(staged)
        } catch {
            blobs.discard(staged)
            throw error
        }
    }

    /// Finishes messages stored but never applied because the process stopped in between. Each is tried on its own;
    /// one that was already tried `maxAttempts` times (it keeps crashing us) is quarantined instead.
    @discardableResult
    /// - Parameters:
    ///   - mailbox: only rows taken in under this ledger name, so each is read again as the mailbox it came in
    ///     through (its address, team and language); nil: every row.
    ///   - maxAttempts: how often one row may have been tried before it is quarantined.
    public func resumeInterrupted(mailbox: String? = nil, maxAttempts: Int = 3) async throws -> [IngestResult] {
        let pending = try await store.read { q in
            try q.inbound(state: .received, limit: 1000).filter { mailbox == nil || $0.mailbox == mailbox }.map(\.id)
        }
        var results: [IngestResult] = []
        for id in pending {
            let attempts = try await store.write { tx in try tx.countInboundAttempt(id) }
            if attempts > maxAttempts {
                let reason = "stopped the process \(attempts - 1) times while being read; kept for inspection"
                try await store.write { tx in try tx.setInbound(id, state: .quarantined, reason: reason, ticket: nil) }
                results.append(.quarantined(id, reason: reason))
            } else {
                results.append(try await reprocess(id, onlyIf: .received))
            }
        }
        return results
    }

    /// Applies a stored message again (after a fix, or an admin's decision): `postdesk ingest --reprocess ID`.
    public func reprocess(_ id: InboundID) async throws -> IngestResult {
        try await reprocess(id, onlyIf: nil)
    }

    /// - Parameter state: apply only while the row is still in this state (resuming must not redo what another
    ///   process finished in the meantime); `nil` applies anything not yet processed.
    private func reprocess(_ id: InboundID, onlyIf state: InboundState?) async throws -> IngestResult {
        guard let stored = try await store.read({ try $0.inbound(id) }) else {
            throw WorkflowError(code: .notFound, message: "no inbound message \(id)")
        }
        let prepared = prepare(stored.raw)
        try await storeAttachments(of: [prepared])
        let message = prepared.message
        let workflow = self.workflow
        return try await store.write { tx in
            guard let current = try tx.inboundState(id), current != .processed, state.map({ $0 == current }) ?? true
            else {
                return .duplicate(id)
            }
            return try Self.apply(message, inbound: id, workflow: workflow, in: tx)
        }
    }

    private static func apply(
        _ message: Result<InboundMessage, QuarantineReason>, inbound id: InboundID, workflow: InboundWorkflow,
        in tx: any TicketTransaction
    ) throws -> IngestResult {
        switch message {
        case .failure(let reason):
            try tx.setInbound(id, state: .quarantined, reason: reason.text, ticket: nil)
            return .quarantined(id, reason: reason.text)
        case .success(let message):
            do {
                let outcome = try tx.savepoint { try workflow.apply(message, inbound: id, in: tx) }
                let ticketID = try outcome.ticket.flatMap { try tx.ticket(number: $0)?.id }
                switch outcome {
                case .quarantined(let reason):
                    // Nothing of it reached a ticket; the bytes stay for `ingest --reprocess` after a fix.
                    try tx.setInbound(id, state: .quarantined, reason: reason, ticket: nil)
                    return .quarantined(id, reason: reason)
                case .created, .followUp:
                    try tx.setInbound(id, state: .processed, reason: nil, ticket: ticketID)
                case .ignored(let reason, _):
                    try tx.setInbound(id, state: .ignored, reason: reason, ticket: ticketID)
                }
                return .accepted(id, outcome)
            } catch {
                let reason = "could not be applied: \(error)"
                try tx.setInbound(id, state: .quarantined, reason: reason, ticket: nil)
                return .quarantined(id, reason: reason)
            }
        }
    }

    struct QuarantineReason: Error {
        var text: String
    }

    /// A parsed and filtered message, with the attachment bytes still to be stored before it is applied.
    struct Prepared: Sendable {
        var message: Result<InboundMessage, QuarantineReason>
        var attachments: [ParsedAttachment]
    }

    /// Parses and filters one message. Pure (no I/O), so a batch's messages are prepared in parallel; the
    /// attachments are stored by the caller, content-addressed, so storing them before the transaction leaves at most
    /// an unreferenced file behind a crash.
    private func prepare(_ raw: [UInt8]) -> Prepared {
        let parsed: ParsedMail
        do {
            parsed = try parser.parse(raw)
        } catch {
            return Prepared(message: .failure(QuarantineReason(text: "unreadable: \(error)")), attachments: [])
        }
        // The parser keeps only addr-specs; this is the boundary where one becomes a customer, so it says so in type.
        guard let from = parsed.from, let fromAddress = EmailAddress(from.address) else {
            return Prepared(message: .failure(QuarantineReason(text: "no usable From address")), attachments: [])
        }
        var draft = InboundDraft(parsed: parsed)
        let filters: [any InboundFilter] = [
            LoopGuard(messageIDDomain: workflow.settings.messageIDDomain),
            AutomaticMailFilter(),
            ThreadHintsFilter(ourAddresses: ourAddresses, keys: keys, now: workflow.environment.now()),
            SenderEvidenceFilter(mailbox: mailbox),
            ForwardedMailFilter(),
            LanguageFilter(available: languages),
        ]
        for filter in filters { filter.apply(to: &draft) }
        let message = InboundMessage(
            from: Person(name: from.name, address: fromAddress.rawValue), subject: parsed.subject ?? "",
            text: parsed.text,
            html: parsed.html, reply: parsed.reply, messageID: parsed.messageID,
            attachments: parsed.attachments.map {
                AttachmentRef(
                    filename: $0.filename, contentType: $0.contentType, size: $0.size, sha256: $0.sha256,
                    contentID: $0.contentID, isInline: $0.inline)
            },
            language: draft.language, automatic: draft.automatic, hints: draft.hints, mailbox: mailbox,
            evidence: draft.evidence, forwarded: draft.forwarded
        )
        return Prepared(message: .success(message), attachments: parsed.attachments)
    }
}
