public import PostdeskCore
public import PostdeskRules

extension SLATimerEntry {
    /// The row of a scheduled timer: its stable id, the spellings of its target and kind, its due time.
    public init(_ timer: SLATimer) {
        self.init(
            id: timer.id, ticketID: timer.ticket, target: timer.target.rawValue, kind: timer.kind.rawValue,
            due: timer.due)
    }
}

extension SLATimer {
    /// The timer a row stands for; nil when the row names a target or kind this version does not know.
    public init?(_ entry: SLATimerEntry) {
        guard let target = SLATarget(rawValue: entry.target), let kind = Kind(rawValue: entry.kind) else { return nil }
        self.init(ticket: entry.ticketID, target: target, kind: kind, due: entry.due)
    }
}
