import Foundation

/// The `Date:` header value, RFC 5322 §3.3: `Thu, 02 Jan 2025 15:04:05 +0000`, always in UTC.
///
/// Written by hand from the day count rather than with a `DateFormatter`: it runs once per outbound mail, needs no
/// locale or calendar, and a value type has no thread-safety question to answer.
enum RFC5322DateFormat {
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `date` in whole seconds (fractions dropped), as the `date-time` production with a `+0000` zone.
    static func string(from date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let (year, month, day) = CivilDate.fromDays(days)
        let weekday = weekdays[Int(floorDivision(days, 7).remainder)]
        let time = "\(pad(Int(secondOfDay / 3600))):\(pad(Int(secondOfDay / 60 % 60))):\(pad(Int(secondOfDay % 60)))"
        return "\(weekday), \(pad(day)) \(months[month - 1]) \(pad(year, width: 4)) \(time) +0000"
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = ((value % divisor) + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }

    private static func pad(_ value: Int, width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
