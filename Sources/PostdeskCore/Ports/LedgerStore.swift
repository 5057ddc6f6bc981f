import Foundation

/// Reads of the inbound ledger (every mail as received) and the mailboxes' poll marks.
public protocol LedgerQueries {
    func inbound(_ id: InboundID) throws -> StoredInbound?
    /// The ledger state of one inbound mail, without reading its bytes.
    func inboundState(_ id: InboundID) throws -> InboundState?
    func inbound(state: InboundState, limit: Int) throws -> [StoredInbound]
    func mailboxCursor(_ mailbox: String) throws -> MailboxCursor?
    /// How many inbound mails are in `state` (cheap: no bodies are read).
    func inboundCount(state: InboundState) throws -> Int
}

/// Writes of the inbound ledger, valid only inside ``TicketStore/write(_:)``.
public protocol LedgerTransaction: LedgerQueries {
    /// Records raw bytes; a second copy (same mailbox/UIDVALIDITY/UID, or same SHA-256) is a duplicate.
    func recordInbound(_ inbound: NewInbound) throws -> InboundRecordResult
    func setInbound(_ id: InboundID, state: InboundState, reason: String?, ticket: TicketID?) throws
    /// Counts one more attempt at reading and applying a stored message; returns the new count. Committed before the
    /// attempt, so a message that crashes the process is recognised on restart and quarantined instead of retried
    /// forever.
    func countInboundAttempt(_ id: InboundID) throws -> Int
    func setMailboxCursor(_ cursor: MailboxCursor) throws
}
