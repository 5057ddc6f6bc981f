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

    /// Parses `value`; nil when no plausible date is found.
    static func parse(_ value: String) -> Date? {
        var text = value
        while let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") {
            text.removeSubrange(open...close)
        }
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
            } else if (token.hasPrefix("+") || token.hasPrefix("-")), token.count == 5, let number = Int(token.dropFirst()) {
                let minutes = number / 100 * 60 + number % 100
                offset = token.hasPrefix("-") ? -minutes : minutes
            } else if let number = Int(token), !token.hasPrefix("+"), !token.hasPrefix("-") {
                if day == nil, token.count <= 2, number >= 1, number <= 31, year == nil || month != nil {
                    day = number
                } else if year == nil {
                    year = token.count <= 2 ? (number < 50 ? 2000 + number : 1900 + number)
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
        guard let day, let month, let year, (1...12).contains(month), (1...31).contains(day), hour < 25, minute < 60,
            second < 61
        else { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64((offset ?? 0) * 60)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
