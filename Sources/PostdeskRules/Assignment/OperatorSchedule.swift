import Foundation
public import PostdeskCore

/// An operator's stored availability read as values: working hours (``WorkingHours``), quiet hours and opt-outs.
public struct OperatorSchedule: Hashable, Sendable {
    /// The away flag and the weekly hours in the operator's zone.
    public var working: WorkingHours
    public var quiet: QuietHours?
    public var muted: Set<String>

    /// Reads `availability`; throws with a sentence when its zone, hours or quiet hours are not valid.
    public init(_ availability: OperatorAvailability) throws(BusinessCalendarError) {
        let zoneName = availability.timeZone ?? "UTC"
        guard let zone = TimeZone(identifier: zoneName) else {
            throw BusinessCalendarError(
                code: .unknownTimeZone, message: "unknown time zone \(zoneName); use an IANA name like Europe/Berlin")
        }
        let hours = try availability.week.map { text throws(BusinessCalendarError) in
            try BusinessCalendar(timeZone: zoneName, week: WeekSyntax.parse(text))
        }
        working = WorkingHours(hours: hours, away: availability.isAway)
        quiet = try availability.quietHours.map { text throws(BusinessCalendarError) in
            try QuietHours(parsing: text, timeZone: zone)
        }
        muted = Set(availability.mutedTemplates)
    }

    /// Reads `availability`, dropping what cannot be read (only the CLI writes it, and it checks first): unreadable
    /// hours leave the operator always on shift, unreadable quiet hours leave them none. Away and opt-outs always
    /// hold.
    public init(lenient availability: OperatorAvailability) {
        if let schedule = try? OperatorSchedule(availability) {
            self = schedule
            return
        }
        // Keep whichever of the hours and the quiet hours still read on their own.
        let withoutQuiet = OperatorAvailability(
            isAway: availability.isAway, timeZone: availability.timeZone, week: availability.week)
        let withoutWeek = OperatorAvailability(
            isAway: availability.isAway, timeZone: availability.timeZone, quietHours: availability.quietHours)
        let hours = (try? OperatorSchedule(withoutQuiet))?.working.hours
        working = WorkingHours(hours: hours, away: availability.isAway)
        quiet = (try? OperatorSchedule(withoutWeek))?.quiet
        muted = Set(availability.mutedTemplates)
    }
}
