import Foundation

/// One stretch of open time in absolute instants, `start ..< end`.
struct BusinessCalendarSpan: Equatable {
    var start: Date
    var end: Date
}

extension BusinessCalendar {
    /// The local date (days since 1970-01-01) that `instant` falls on in the calendar's zone.
    func localDay(of instant: Date) -> Int {
        // Clamped to ±10^12 s (about ±31,000 years) so that no instant, however odd, traps converting to Int.
        let seconds = min(max(instant.timeIntervalSince1970, -1e12), 1e12)
        let wall = seconds.isNaN ? 0 : seconds + Double(offset(at: seconds))
        return Int((wall / 86_400).rounded(.down))
    }

    /// The open spans of one local day, in order; empty on a holiday or a closed weekday.
    func spans(onDay day: Int) -> [BusinessCalendarSpan] {
        let date = BusinessCalendarDate(dayNumber: day)
        guard !holidays.contains(date), let intervals = week[date.weekday] else { return [] }
        // Almost every day the zone keeps one offset from the day before to the day after: then every wall time of
        // the day reads with it, two zone look-ups for the whole day.
        let midnight = Double(day) * 86_400
        let steady = offset(at: midnight - 86_400) == offset(at: midnight + 2 * 86_400) ? offset(at: midnight) : nil
        func read(_ secondsOfDay: Int) -> Date {
            if let steady { return Date(timeIntervalSince1970: midnight + Double(secondsOfDay - steady)) }
            return instant(day: day, secondsOfDay: secondsOfDay)
        }
        return intervals.compactMap { interval in
            let start = read(interval.start)
            let end = read(interval.end)
            // An interval inside a skipped hour (02:00-02:30 on spring-forward) has no instants at all.
            return start < end ? BusinessCalendarSpan(start: start, end: end) : nil
        }
    }

    /// The first open span that ends after `instant` (it may have started before it).
    /// - Returns: `nil` when `searchHorizonDays` consecutive days pass without one.
    func firstSpan(endingAfter instant: Date) -> BusinessCalendarSpan? {
        if isAlwaysOpen { return BusinessCalendarSpan(start: instant, end: .distantFuture) }
        guard hasOpenHours else { return nil }
        let first = localDay(of: instant) - 1
        for day in first...first + Self.searchHorizonDays {
            if let span = spans(onDay: day).first(where: { $0.end > instant }) { return span }
        }
        return nil
    }

    /// The instant at which the local wall clock first shows `secondsOfDay` on local date `day`.
    ///
    /// A wall time inside a DST gap maps to the instant of the jump (the first instant whose wall time is later);
    /// a wall time shown twice maps to its first occurrence.
    func instant(day: Int, secondsOfDay: Int) -> Date {
        let naive = Double(day) * 86_400 + Double(secondsOfDay)
        // Candidate offsets: the zone's offset a day before, near and a day after this wall time; a valid reading
        // of the wall time is one whose own offset is the one assumed.
        let dayBefore = offset(at: naive - 86_400)
        let dayAfter = offset(at: naive + 86_400)
        // Almost every day: the same offset on both sides, no change near this wall time.
        if dayBefore == dayAfter, offset(at: naive - Double(dayBefore)) == dayBefore {
            return Date(timeIntervalSince1970: naive - Double(dayBefore))
        }
        let offsets = [dayBefore, offset(at: naive), dayAfter]
        let valid = offsets.map { naive - Double($0) }.filter { Double(offset(at: $0)) == naive - $0 }
        if let first = valid.min() { return Date(timeIntervalSince1970: first) }
        // In a gap: find the jump between the readings with the largest and smallest offsets by bisection.
        var low = naive - Double(offsets.max()!)
        var high = naive - Double(offsets.min()!)
        let before = offset(at: low)
        while high - low > 1 {
            let middle = ((low + high) / 2).rounded(.down)
            if offset(at: middle) == before { low = middle } else { high = middle }
        }
        return Date(timeIntervalSince1970: high)
    }

    /// The zone's offset from UTC in seconds at an absolute time.
    func offset(at secondsSince1970: Double) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: secondsSince1970))
    }
}
