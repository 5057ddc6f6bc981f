public import PostdeskCore
public import PostdeskWorkflow

/// What happened to one raw message (RT mailgate: accepted / retry later / rejected).
public enum IngestResult: Sendable, Equatable {
    /// Applied: a new ticket, a follow-up, or recorded and deliberately ignored.
    case accepted(InboundID, InboundOutcome)
    /// Seen before (same UID key or same bytes); nothing done.
    case duplicate(InboundID)
    /// Stored but unreadable or unappliable; an admin can `postdesk ingest --reprocess ID`.
    case quarantined(InboundID, reason: String)

    public var inboundID: InboundID {
        switch self {
        case .accepted(let id, _), .duplicate(let id), .quarantined(let id, _): id
        }
    }
}
