public import Foundation

extension BusinessCalendar {
    /// The instant at which `businessSeconds` of open time have passed since `start`: an SLA due time.
    ///
    /// Zero seconds is `start` itself, even when closed. When the time runs out exactly as the calendar closes,
    /// the answer is the closing instant, not the next opening.
    /// - Parameters:
    ///   - businessSeconds: open time to count; must be finite and not negative.
    ///   - start: where counting starts.
    /// - Throws: `invalidDuration` for a negative or non-finite amount; `neverOpens` when no open hour lies within
    ///   `searchHorizonDays` of where counting stands (a calendar without hours never loops).
    public func add(businessSeconds: TimeInterval, to start: Date) throws(BusinessCalendarError) -> Date {
        // Bounded like an `SLADuration`: 1e15 seconds would walk millions of spans before failing.
        guard businessSeconds.isFinite, businessSeconds >= 0, businessSeconds <= Double(SLADuration.maximumSeconds)
        else {
            throw BusinessCalendarError(
                code: .invalidDuration, message: "business time must be 0 to \(SLADuration.maximumSeconds) seconds")
        }
        if businessSeconds == 0 { return start }
        if isAlwaysOpen { return start.addingTimeInterval(businessSeconds) }
        var remaining = businessSeconds
        var cursor = start
        while true {
            guard let span = firstSpan(endingAfter: cursor) else {
                throw BusinessCalendarError(
                    code: .neverOpens,
                    message: "no open hours within \(Self.searchHorizonDays) days after \(cursor)")
            }
            let from = max(span.start, cursor)
            let length = span.end.timeIntervalSince(from)
            if remaining <= length { return from.addingTimeInterval(remaining) }
            remaining -= length
            cursor = span.end
        }
    }

    /// Open time between two instants, in seconds; zero when `end` is not after `start`.
    ///
    /// Work grows with the number of local days between the instants (a few zone look-ups per day).
    public func businessSeconds(from start: Date, to end: Date) -> TimeInterval {
        guard end > start, hasOpenHours else { return 0 }
        if isAlwaysOpen { return end.timeIntervalSince(start) }
        var total: TimeInterval = 0
        for day in localDay(of: start) - 1...localDay(of: end) + 1 {
            for span in spans(onDay: day) {
                let from = max(span.start, start)
                let to = min(span.end, end)
                if to > from { total += to.timeIntervalSince(from) }
            }
        }
        return total
    }
}
