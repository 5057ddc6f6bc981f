public import Foundation

/// Local hours in which an operator hears nothing (issue 9 point 3), written `22:00-07:00`; may cross midnight.
///
/// Read on the operator's wall clock: on a DST night the quiet hours last an hour more or less, as they would for
/// a person sleeping through them.
public struct QuietHours: Hashable, Sendable, CustomStringConvertible {
    /// Seconds after local midnight when quiet starts and ends; `start > end` crosses midnight.
    public let start: Int
    public let end: Int
    public let timeZone: TimeZone

    /// Parses `HH:MM-HH:MM` (start and end differ; `24:00` is not a start).
    public init(parsing text: String, timeZone: TimeZone) throws(BusinessCalendarError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw BusinessCalendarError(code: .invalidInterval, message: "quiet hours are written HH:MM-HH:MM")
        }
        // Reuse the calendar's time syntax: each end alone is a valid interval edge.
        let start = try Self.seconds(String(parts[0]))
        let end = try Self.seconds(String(parts[1])) % 86_400
        guard start != end, start < 86_400 else {
            throw BusinessCalendarError(
                code: .invalidInterval, message: "quiet hours start and end at different times, e.g. 22:00-07:00")
        }
        self.start = start
        self.end = end
        self.timeZone = timeZone
    }

    /// Whether `instant` is within the quiet hours on the operator's clock.
    public func contains(_ instant: Date) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute, .second], from: instant)
        let local = (parts.hour ?? 0) * 3600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0)
        return start < end ? (start <= local && local < end) : (local >= start || local < end)
    }

    public var description: String {
        func format(_ s: Int) -> String {
            let h = s / 3600
            let m = s % 3600 / 60
            return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
        }
        return "\(format(start))-\(format(end))"
    }

    private static func seconds(_ text: String) throws(BusinessCalendarError) -> Int {
        // "HH:MM-24:00" is the calendar's widest interval; parse the time as the end of one starting at 00:00.
        if text.trimmingCharacters(in: .whitespaces) == "00:00" { return 0 }
        do { return try BusinessCalendarInterval(parsing: "00:00-\(text)").end } catch {
            throw BusinessCalendarError(code: .invalidTime, message: "\"\(text)\": a time is written HH:MM")
        }
    }
}
