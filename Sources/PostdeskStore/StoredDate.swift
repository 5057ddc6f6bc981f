import Foundation
import GRDB

/// A `Date` bound exactly as GRDB stores one ("yyyy-MM-dd HH:mm:ss.SSS", UTC, milliseconds rounded half up),
/// formatted by arithmetic instead of GRDB's shared `DateFormatter` (whose ICU calls were a visible part of every
/// ingest). Rows written either way are the same bytes, so old databases, queries comparing dates as text and
/// GRDB's own reading keep working.
struct StoredDate: DatabaseValueConvertible {
    var date: Date

    init(_ date: Date) {
        self.date = date
    }

    var databaseValue: DatabaseValue {
        Self.text(date).map { $0.databaseValue } ?? date.databaseValue
    }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredDate? {
        Date.fromDatabaseValue(dbValue).map(StoredDate.init)
    }

    /// The stored text, or nil outside 1601…9999, where GRDB's formatter (Julian calendar before 1582, more than
    /// four year digits) is left to decide.
    static func text(_ date: Date) -> String? {
        let millis = (date.timeIntervalSince1970 * 1000 + 0.5).rounded(.down)
        // 1601-01-01 and 10000-01-01, in milliseconds since 1970.
        guard millis >= -11_644_473_600_000, millis < 253_402_300_800_000 else { return nil }
        let total = Int64(millis)
        let (days, inDay) = floorDivide(total, 86_400_000)
        let (year, month, day) = civil(days: days)
        let hour = inDay / 3_600_000
        let minute = inDay / 60_000 % 60
        let second = inDay / 1000 % 60
        let milli = inDay % 1000
        var bytes = [UInt8](repeating: 0, count: 23)
        func put(_ value: Int64, at start: Int, digits: Int) {
            var value = value
            for index in stride(from: start + digits - 1, through: start, by: -1) {
                bytes[index] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
                value /= 10
            }
        }
        put(year, at: 0, digits: 4)
        bytes[4] = UInt8(ascii: "-")
        put(month, at: 5, digits: 2)
        bytes[7] = UInt8(ascii: "-")
        put(day, at: 8, digits: 2)
        bytes[10] = UInt8(ascii: " ")
        put(hour, at: 11, digits: 2)
        bytes[13] = UInt8(ascii: ":")
        put(minute, at: 14, digits: 2)
        bytes[16] = UInt8(ascii: ":")
        put(second, at: 17, digits: 2)
        bytes[19] = UInt8(ascii: ".")
        put(milli, at: 20, digits: 3)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    /// Proleptic Gregorian year, month and day of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civil(days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
