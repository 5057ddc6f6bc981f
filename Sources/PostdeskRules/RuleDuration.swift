/// A whole number of seconds, written in rules as `90s`, `30m`, `48h` or `2d` (the largest unit that divides it).
///
/// Rules name idle timers with it; a value type of its own so that `{ticket.idle: 48h}` and
/// `{ticket.idle: 2d}` are the same event.
public struct RuleDuration: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The length in seconds, always positive.
    public let seconds: Int64

    /// The longest duration a rule may name: ten years, far past any idle timer, and small enough that the timer
    /// arithmetic outside never overflows.
    public static let maxSeconds: Int64 = 10 * 366 * 86_400

    /// A duration of `seconds`; nil unless `1...maxSeconds`.
    public init?(seconds: Int64) {
        guard (1...Self.maxSeconds).contains(seconds) else { return nil }
        self.seconds = seconds
    }

    /// Reads `90s`, `30m`, `48h`, `2d`: digits and one unit letter, nothing else; nil otherwise.
    public init?(_ text: String) {
        guard let unit = text.last, let digits = Int64(text.dropLast()), !text.dropLast().contains("+"),
            let factor = Self.units.first(where: { $0.letter == unit })?.seconds,
            digits > 0, digits <= Self.maxSeconds / factor
        else { return nil }
        self.init(seconds: digits * factor)
    }

    private static let units: [(letter: Character, seconds: Int64)] = [
        ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1),
    ]

    public var description: String {
        let unit = Self.units.first { seconds % $0.seconds == 0 } ?? (letter: "s", seconds: 1)
        return "\(seconds / unit.seconds)\(unit.letter)"
    }

    public static func < (lhs: RuleDuration, rhs: RuleDuration) -> Bool { lhs.seconds < rhs.seconds }
}

extension RuleDuration: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let duration = RuleDuration(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a duration like 90s, 30m, 48h or 2d: \(text.debugDescription)")
        }
        self = duration
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
