/// Open hours within one local day, written `"09:00-13:00"`; the end may be `24:00` (until midnight).
///
/// An interval never crosses midnight: a night shift is two intervals, `"22:00-24:00"` on one day and
/// `"00:00-06:00"` on the next. That keeps holidays unambiguous (a holiday closes exactly its own local day).
public struct BusinessCalendarInterval: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Seconds after local midnight when the interval opens (0 ..< 86 400).
    public let start: Int
    /// Seconds after local midnight when it closes (start < end ≤ 86 400).
    public let end: Int

    /// An interval from seconds after local midnight.
    public init(start: Int, end: Int) throws(BusinessCalendarError) {
        guard 0 <= start, start < end, end <= 86_400 else {
            throw BusinessCalendarError(
                code: .invalidInterval, message: "an interval opens before it closes, within one day (00:00-24:00)")
        }
        self.start = start
        self.end = end
    }

    /// Parses `HH:MM-HH:MM` (spaces around the dash are allowed).
    public init(parsing text: String) throws(BusinessCalendarError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw BusinessCalendarError(code: .invalidInterval, message: "an interval is written HH:MM-HH:MM")
        }
        try self.init(start: Self.seconds(parts[0]), end: Self.seconds(parts[1]))
    }

    public var description: String { "\(Self.format(start))-\(Self.format(end))" }

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

    private static func seconds(_ text: Substring) throws(BusinessCalendarError) -> Int {
        let trimmed = text.trimmingPrefix(while: { $0 == " " })
        let clean = trimmed.prefix(while: { $0 != " " })
        guard trimmed.dropFirst(clean.count).allSatisfy({ $0 == " " }) else {
            throw BusinessCalendarError(code: .invalidTime, message: "a time is written HH:MM")
        }
        let parts = clean.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hours = Int(parts[0]), let minutes = Int(parts[1]), minutes < 60,
            hours < 24 || (hours == 24 && minutes == 0)
        else {
            throw BusinessCalendarError(code: .invalidTime, message: "a time is written HH:MM, 00:00 to 24:00")
        }
        return hours * 3600 + minutes * 60
    }

    private static func format(_ seconds: Int) -> String {
        let hours = seconds / 3600
        let minutes = seconds % 3600 / 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
    }
}
