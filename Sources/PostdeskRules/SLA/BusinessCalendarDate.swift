/// A calendar date without a time or a zone, written `YYYY-MM-DD` (a holiday: the whole local day is closed).
///
/// Stored as the number of days since 1970-01-01 so that weekday and neighbour arithmetic need no `Calendar`
/// (proleptic Gregorian, the civil-date algorithms of Howard Hinnant, https://howardhinnant.github.io/date_algorithms.html).
public struct BusinessCalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let dayNumber: Int

    /// A date from its day number.
    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// A date from year, month (1–12) and day (1–31); throws `invalidDate` for a day the month does not have.
    public init(year: Int, month: Int, day: Int) throws(BusinessCalendarError) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else {
            throw BusinessCalendarError(code: .invalidDate, message: "no such date: \(year)-\(month)-\(day)")
        }
        let number = Self.days(year: year, month: month, day: day)
        guard Self.civil(number) == (year, month, day) else {
            throw BusinessCalendarError(code: .invalidDate, message: "no such date: \(year)-\(month)-\(day)")
        }
        self.dayNumber = number
    }

    /// Parses `YYYY-MM-DD`.
    public init(parsing text: String) throws(BusinessCalendarError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else {
            throw BusinessCalendarError(code: .invalidDate, message: "a date is written YYYY-MM-DD")
        }
        try self.init(year: year, month: month, day: day)
    }

    /// Year, month and day.
    public var components: (year: Int, month: Int, day: Int) { Self.civil(dayNumber) }

    /// The day of the week.
    public var weekday: BusinessCalendarWeekday {
        // 1970-01-01 was a Thursday; `allCases` starts on Monday.
        BusinessCalendarWeekday.allCases[((dayNumber + 3) % 7 + 7) % 7]
    }

    public var description: String {
        let (y, m, d) = components
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.dayNumber < rhs.dayNumber }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(parsing: text) } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.message, underlyingError: error))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(_ dayNumber: Int) -> (Int, Int, Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
