import Foundation

/// When an operator works and what they want to hear of (issue 9 points 2 and 3), as stored and as the CLI wrote it.
///
/// Text, not parsed values: Core knows nothing of calendars. `PostdeskRules` reads `week` and `quietHours` into a
/// `BusinessCalendar` and quiet hours (`OperatorSchedule`); the CLI checks both before they are stored.
public struct OperatorAvailability: Hashable, Codable, Sendable {
    /// Marked away (holiday, sick leave): gets no new tickets and no notifications but assignments.
    public var isAway: Bool
    /// The IANA zone `week` and `quietHours` are read in, e.g. `Europe/Berlin`; nil reads them in UTC.
    public var timeZone: String?
    /// Weekly working hours, e.g. `mon-fri 09:00-17:00; sat 10:00-14:00`; nil means always on shift.
    public var week: String?
    /// Local hours in which no notification is sent, e.g. `22:00-07:00` (may cross midnight); nil means none.
    public var quietHours: String?
    /// Templates the operator opted out of (`operator_activity`, …), sorted.
    public var mutedTemplates: [String]

    public init(
        isAway: Bool = false, timeZone: String? = nil, week: String? = nil, quietHours: String? = nil,
        mutedTemplates: [String] = []
    ) {
        self.isAway = isAway
        self.timeZone = timeZone
        self.week = week
        self.quietHours = quietHours
        self.mutedTemplates = mutedTemplates
    }
}
