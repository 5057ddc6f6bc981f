/// Why a business calendar could not be built or could not answer.
///
/// None of these is transient: the same calendar and the same question fail the same way until an admin changes
/// the calendar (or the caller its arguments), so `isTransient` is always `false`; it is here so that every error in
/// Postdesk answers "does a retry help?" the same way.
public struct BusinessCalendarError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable {
            case unknownTimeZone, invalidTime, invalidInterval, overlappingIntervals, invalidDate, unknownWeekday
            case invalidDuration, neverOpens
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The time zone is not an IANA identifier this system knows, e.g. `Europe/Berlin`.
        public static let unknownTimeZone = Code(.unknownTimeZone)
        /// A time of day is not `HH:MM` between `00:00` and `24:00`.
        public static let invalidTime = Code(.invalidTime)
        /// An interval is not `HH:MM-HH:MM` with the start before the end (intervals never cross midnight).
        public static let invalidInterval = Code(.invalidInterval)
        /// Two intervals of the same weekday overlap.
        public static let overlappingIntervals = Code(.overlappingIntervals)
        /// A holiday is not a real calendar date written `YYYY-MM-DD`.
        public static let invalidDate = Code(.invalidDate)
        /// A weekday key is not one of `monday` … `sunday`.
        public static let unknownWeekday = Code(.unknownWeekday)
        /// A duration is negative, not finite, or not written like `4h`, `1h30m`, `45m`.
        public static let invalidDuration = Code(.invalidDuration)
        /// The calendar has no open hours within the search horizon (no hours at all, or only holidays ahead).
        public static let neverOpens = Code(.neverOpens)

        public var description: String { "\(value)" }
    }

    public var code: Code
    public var message: String
    /// Always `false`: a calendar that cannot answer now cannot answer later either.
    public var isTransient: Bool { false }

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
