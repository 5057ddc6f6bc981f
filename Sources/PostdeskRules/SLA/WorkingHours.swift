public import Foundation

/// When an operator works: a weekly schedule in their own time zone, and an `away` flag (holiday, sick leave).
///
/// Operators without working hours are on shift at all times (ARCHITECTURE §4); `away` takes them out of
/// assignment whatever the hours say. As YAML:
/// ```yaml
/// hours:
///   time_zone: Asia/Tokyo
///   week: {monday: ["09:00-18:00"], tuesday: ["09:00-18:00"]}
/// away: false
/// ```
public struct WorkingHours: Hashable, Sendable, Codable {
    /// The operator's schedule; `nil` means always on shift.
    public var hours: BusinessCalendar?
    /// Marked away by the operator or an admin.
    public var away: Bool

    /// Working hours.
    /// - Parameters:
    ///   - hours: the weekly schedule and holidays in the operator's zone, or `nil` for always on shift.
    ///   - away: whether the operator is away now.
    public init(hours: BusinessCalendar? = nil, away: Bool = false) {
        self.hours = hours
        self.away = away
    }

    /// Whether `instant` falls within the operator's hours (always, without hours). Ignores `away`.
    public func isOnShift(at instant: Date) -> Bool {
        hours?.isOpen(at: instant) ?? true
    }

    /// Whether the operator can take work at `instant`: on shift and not away.
    public func isAvailable(at instant: Date) -> Bool {
        !away && isOnShift(at: instant)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hours = try container.decodeIfPresent(BusinessCalendar.self, forKey: .hours)
        away = try container.decodeIfPresent(Bool.self, forKey: .away) ?? false
    }
}
