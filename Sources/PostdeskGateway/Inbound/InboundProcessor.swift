import Foundation
public import PostdeskCore
import PostdeskMail
public import PostdeskWorkflow

/// Raw bytes in, tickets out: store the bytes, parse, filter, apply, all of a batch in one transaction.
///
/// Parsing happens before the transaction (it is pure and may be slow); blobs are written before it too (content
/// addressed, so a crash leaves at most an unreferenced file). Each mail is applied in its own savepoint: a mail that
/// fails is quarantined, the rest of the batch commits, and the mailbox never blocks.
public struct InboundProcessor: Sendable {
    public var store: any TicketStore
    public var blobs: any BlobStore
    public var workflow: InboundWorkflow
    public var supportAddress: String
    public var secret: [UInt8]
    public var languages: [String]
    private let parser = MailParser()

    public init(
        store: any TicketStore, blobs: any BlobStore, workflow: InboundWorkflow, supportAddress: String,
        secret: [UInt8], languages: [String]
    ) {
        self.store = store
        self.blobs = blobs
        self.workflow = workflow
        self.supportAddress = supportAddress
        self.secret = secret
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

    /// Ingests `mails` from `mailbox` in one transaction and, in the same transaction, moves the mailbox mark to
    /// `cursor`: the mark can never run ahead of what is committed.
    public func ingest(
        _ mails: [Raw], mailbox: String, uidValidity: UInt32?, advancing cursor: MailboxCursor? = nil
    ) async throws -> [IngestResult] {
        let now = workflow.environment.now()
        let prepared = try mails.map { try prepare($0, mailbox: mailbox, uidValidity: uidValidity, now: now) }
        let workflow = self.workflow
        return try await store.write { tx in
            var results: [IngestResult] = []
            for mail in prepared {
                let id: InboundID
                switch try tx.recordInbound(mail.inbound) {
                case .duplicate(let existing):
                    results.append(.duplicate(existing))
                    continue
                case .recorded(let new):
                    id = new
                }
                results.append(try Self.apply(mail.message, inbound: id, workflow: workflow, in: tx))
            }
            if let cursor { try tx.setMailboxCursor(cursor) }
            return results
        }
    }

    /// Applies a stored message again (after a fix, or an admin's decision): `postdesk ingest --reprocess ID`.
    public func reprocess(_ id: InboundID) async throws -> IngestResult {
        guard let stored = try await store.read({ try $0.inbound(id) }) else {
            throw WorkflowError(code: .notFound, message: "no inbound message \(id)")
        }
        let prepared = try prepare(Raw(bytes: stored.raw, uid: stored.uid), mailbox: stored.mailbox,
                                   uidValidity: stored.uidValidity, now: workflow.environment.now())
        let workflow = self.workflow
        return try await store.write { tx in
            guard let current = try tx.inbound(id), current.state != .processed else {
                return .duplicate(id)
            }
            return try Self.apply(prepared.message, inbound: id, workflow: workflow, in: tx)
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

    private struct Prepared: Sendable {
        var inbound: NewInbound
        var message: Result<InboundMessage, QuarantineReason>
    }

    private func prepare(_ raw: Raw, mailbox: String, uidValidity: UInt32?, now: Date) throws -> Prepared {
        let inbound = NewInbound(
            mailbox: mailbox, uidValidity: uidValidity, uid: raw.uid, sha256: SHA256.hex(SHA256.hash(raw.bytes)),
            raw: raw.bytes, receivedAt: now
        )
        let parsed: ParsedMail
        do {
            parsed = try parser.parse(raw.bytes)
        } catch {
            return Prepared(inbound: inbound, message: .failure(QuarantineReason(text: "unreadable: \(error)")))
        }
        guard let from = parsed.from, from.address.contains("@") else {
            return Prepared(inbound: inbound, message: .failure(QuarantineReason(text: "no usable From address")))
        }
        var draft = InboundDraft(parsed: parsed)
        let filters: [any InboundFilter] = [
            LoopGuard(messageIDDomain: workflow.settings.messageIDDomain),
            AutomaticMailFilter(),
            ThreadHintsFilter(supportAddress: supportAddress, secret: secret),
            LanguageFilter(available: languages),
        ]
        for filter in filters { filter.apply(to: &draft) }
        for attachment in parsed.attachments {
            try blobs.put(attachment.data, sha256: attachment.sha256)
        }
        let message = InboundMessage(
            from: Person(name: from.name, address: from.address), subject: parsed.subject ?? "", text: parsed.text,
            html: parsed.html, reply: parsed.reply, messageID: parsed.messageID,
            attachments: parsed.attachments.map {
                AttachmentRef(filename: $0.filename, contentType: $0.contentType, size: $0.size, sha256: $0.sha256,
                              contentID: $0.contentID, isInline: $0.inline)
            },
            language: draft.language, automatic: draft.automatic, hints: draft.hints
        )
        return Prepared(inbound: inbound, message: .success(message))
    }
}
