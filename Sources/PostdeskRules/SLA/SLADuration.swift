/// A length of business time, written like `4h`, `1h30m`, `45m` or `90s` (YAML-friendly, whole seconds).
///
/// There is deliberately no `d`: "two days" of business time is ambiguous (48 open hours or two working days?),
/// so a policy says `16h` for two eight-hour days.
public struct SLADuration: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The business seconds, never negative.
    public let seconds: Int

    /// Longest accepted duration: ten years of seconds, far past any SLA, short of overflowing `Date` arithmetic.
    public static let maximumSeconds = 10 * 366 * 86_400

    /// A duration of whole seconds; throws `invalidDuration` when negative or above `maximumSeconds`.
    public init(seconds: Int) throws(BusinessCalendarError) {
        guard (0...Self.maximumSeconds).contains(seconds) else {
            throw BusinessCalendarError(code: .invalidDuration, message: "a duration is 0s to \(Self.maximumSeconds)s")
        }
        self.seconds = seconds
    }

    /// A duration of hours and minutes, for code and tests.
    public static func hours(_ hours: Int, minutes: Int = 0) throws(BusinessCalendarError) -> SLADuration {
        // Bounded before multiplying, so `hours(Int.max)` is an error, not a trap.
        guard (0...(maximumSeconds / 3600)).contains(hours), (0...(maximumSeconds / 60)).contains(minutes) else {
            throw BusinessCalendarError(code: .invalidDuration, message: "a duration is 0s to \(maximumSeconds)s")
        }
        return try SLADuration(seconds: hours * 3600 + minutes * 60)
    }

    /// Parses `1h30m`-style text: one or more `<digits><unit>` groups, units `h`, `m`, `s` in that order.
    public init(parsing text: String) throws(BusinessCalendarError) {
        let bad = BusinessCalendarError(code: .invalidDuration, message: "a duration is written like 4h, 1h30m or 45m")
        var total = 0
        var digits = ""
        var lastUnit = -1
        for character in text {
            if character.isASCII, character.isNumber {
                guard digits.count < 9 else { throw bad }
                digits.append(character)
                continue
            }
            guard let unit = ["h", "m", "s"].firstIndex(of: character), unit > lastUnit, let value = Int(digits)
            else { throw bad }
            total += value * [3600, 60, 1][unit]
            lastUnit = unit
            digits = ""
        }
        guard digits.isEmpty, lastUnit >= 0 else { throw bad }
        try self.init(seconds: total)
    }

    public var description: String {
        if seconds == 0 { return "0m" }
        let parts = [(seconds / 3600, "h"), (seconds % 3600 / 60, "m"), (seconds % 60, "s")]
        return parts.filter { $0.0 > 0 }.map { "\($0.0)\($0.1)" }.joined()
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.seconds < rhs.seconds }

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
}
