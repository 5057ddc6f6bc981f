/// Collects "what was malformed and how it was read" messages, bounded by ``MailLimits/maxWarnings``.
struct WarningLog: Sendable {
    private(set) var items: [String] = []
    private var dropped = 0
    private let limit: Int

    init(limit: Int) { self.limit = max(1, limit) }

    /// Records a warning once; repeats of the same text are dropped.
    mutating func add(_ warning: String) {
        if items.contains(warning) { return }
        if items.count < limit { items.append(warning) } else { dropped += 1 }
    }

    /// The warnings, with a final note when some were dropped.
    var all: [String] {
        dropped == 0 ? items : items + ["\(dropped) more warnings dropped"]
    }
}
