import Foundation

/// Reads the Date header: RFC 5322 §3.3 date-time, the obsolete forms of §4.3 (two-digit years, zone names)
/// and common deviations (asctime order, missing seconds or zone, comments).
enum DateParser {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    /// Zone names of RFC 5322 §4.3, in minutes east of UTC; military letters count as UTC.
    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420,
        "mdt": -360, "pst": -480, "pdt": -420, "cet": 60, "cest": 120, "met": 60, "mest": 120, "bst": 60,
        "eet": 120, "eest": 180, "msk": 180, "jst": 540, "ist": 330,
    ]

    /// `value` without RFC 5322 §3.2.2 comments (nested too; an unclosed one runs to the end), in one pass.
    static func withoutComments(_ value: String) -> String {
        guard value.utf8.contains(UInt8(ascii: "(")) else { return value }
        var output: [UInt8] = []
        output.reserveCapacity(value.utf8.count)
        var depth = 0
        for byte in value.utf8 {
            if byte == UInt8(ascii: "(") {
                depth += 1
            } else if byte == UInt8(ascii: ")"), depth > 0 {
                depth -= 1
            } else if depth == 0 {
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Parses `value`; nil when no plausible date is found.
    static func parse(_ value: String) -> Date? {
        let text = withoutComments(value)
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0
        var offset: Int?
        for token in tokens {
            let lower = token.lowercased()
            if token.contains(":") {
                let parts = token.split(separator: ":").map { Int($0) }
                guard parts.count >= 2, let h = parts[0], let m = parts[1] else { continue }
                hour = h
                minute = m
                if parts.count > 2, let s = parts[2] { second = s }
            } else if (token.hasPrefix("+") || token.hasPrefix("-")), token.count == 5,
                let number = Int(token.dropFirst())
            {
                let minutes = number / 100 * 60 + number % 100
                offset = token.hasPrefix("-") ? -minutes : minutes
            } else if let number = Int(token), !token.hasPrefix("+"), !token.hasPrefix("-") {
                if day == nil, token.count <= 2, number >= 1, number <= 31, year == nil || month != nil {
                    day = number
                } else if year == nil {
                    year =
                        token.count <= 2
                        ? (number < 50 ? 2000 + number : 1900 + number)
                        : token.count == 3 ? 1900 + number : number
                } else if day == nil {
                    day = number
                }
            } else if month == nil, lower.count >= 3, let index = months.firstIndex(of: String(lower.prefix(3))) {
                month = index + 1
            } else if let zone = zones[lower], offset == nil {
                offset = zone
            }
        }
        // Every field is range-checked before any arithmetic: a fuzzed "Date: 1 Jan 77777777777777" overflowed
        // the seconds computation (a trap, not a nil).
        guard let day, let month, let year, (1...12).contains(month), (1...31).contains(day), (0...9999).contains(year),
            (0..<25).contains(hour), (0..<60).contains(minute), (0..<61).contains(second)
        else { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64((offset ?? 0) * 60)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
