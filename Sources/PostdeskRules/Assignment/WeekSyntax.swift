/// The CLI's one-line spelling of weekly working hours: `mon-fri 09:00-17:00; sat 10:00-14:00`.
///
/// Clauses are separated by `;`. Each names days (`mon`, a range `mon-fri` that may wrap like `fri-mon`, or a list
/// `sat,sun`) and then one or more intervals `HH:MM-HH:MM` separated by spaces; an interval never crosses midnight
/// (a night shift is `mon-fri 22:00-24:00; tue-sat 00:00-06:00`). A day named twice gets both clauses' intervals.
public enum WeekSyntax {
    static let names: [(String, BusinessCalendarWeekday)] = [
        ("mon", .monday), ("tue", .tuesday), ("wed", .wednesday), ("thu", .thursday), ("fri", .friday),
        ("sat", .saturday), ("sun", .sunday),
    ]

    /// Reads the text; throws with a sentence naming the bad part.
    public static func parse(_ text: String) throws(BusinessCalendarError)
        -> [BusinessCalendarWeekday: [BusinessCalendarInterval]]
    {
        var week: [BusinessCalendarWeekday: [BusinessCalendarInterval]] = [:]
        let clauses = text.split(separator: ";").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        guard clauses.contains(where: { !$0.isEmpty }) else {
            throw BusinessCalendarError(
                code: .invalidInterval, message: "weekly hours are written like \"mon-fri 09:00-17:00\"")
        }
        for words in clauses where !words.isEmpty {
            guard words.count >= 2 else {
                throw BusinessCalendarError(
                    code: .invalidInterval,
                    message: "\"\(words.joined(separator: " "))\" needs days and hours, like \"mon-fri 09:00-17:00\"")
            }
            let days = try self.days(String(words[0]))
            for word in words.dropFirst() {
                let interval: BusinessCalendarInterval
                do { interval = try BusinessCalendarInterval(parsing: String(word)) } catch {
                    throw BusinessCalendarError(code: error.code, message: "\"\(word)\": \(error.message)")
                }
                for day in days { week[day, default: []].append(interval) }
            }
        }
        // Sorted like ``BusinessCalendar`` keeps them, so the canonical text does not depend on the order typed.
        return week.mapValues { $0.sorted { ($0.start, $0.end) < ($1.start, $1.end) } }
    }

    /// The canonical text: days in week order, consecutive days with the same hours joined into a range.
    public static func format(_ week: [BusinessCalendarWeekday: [BusinessCalendarInterval]]) -> String {
        let all = BusinessCalendarWeekday.allCases
        var clauses: [String] = []
        var index = 0
        while index < all.count {
            guard let hours = week[all[index]], !hours.isEmpty else {
                index += 1
                continue
            }
            var last = index
            while last + 1 < all.count, week[all[last + 1]] == hours { last += 1 }
            let days = last == index ? short(all[index]) : "\(short(all[index]))-\(short(all[last]))"
            clauses.append(([days] + hours.map(\.description)).joined(separator: " "))
            index = last + 1
        }
        return clauses.joined(separator: "; ")
    }

    private static func short(_ day: BusinessCalendarWeekday) -> String {
        names.first { $0.1 == day }?.0 ?? day.rawValue
    }

    private static func day(_ text: Substring) throws(BusinessCalendarError) -> Int {
        guard let index = names.firstIndex(where: { $0.0 == text.lowercased() }) else {
            throw BusinessCalendarError(
                code: .unknownWeekday, message: "\"\(text)\" is not a day; write mon, tue, wed, thu, fri, sat or sun")
        }
        return index
    }

    private static func days(_ text: String) throws(BusinessCalendarError) -> [BusinessCalendarWeekday] {
        var days: [BusinessCalendarWeekday] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = item.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count <= 2 else {
                throw BusinessCalendarError(code: .unknownWeekday, message: "\"\(item)\" is not a day or a range")
            }
            let first = try day(ends[0])
            let last = try day(ends[ends.count - 1])
            var index = first
            while true {
                if !days.contains(names[index].1) { days.append(names[index].1) }
                if index == last { break }
                index = (index + 1) % names.count
            }
        }
        return days
    }
}
