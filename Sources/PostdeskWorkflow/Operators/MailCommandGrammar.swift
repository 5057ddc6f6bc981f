import Foundation
import PostdeskCore

/// The words of ``MailCommand``, one line at a time.
enum MailCommandGrammar {
    static func read(_ line: String) -> Result<MailCommand, CommandSyntaxError> {
        let words = line.dropFirst().split(whereSeparator: \.isWhitespace).map(String.init)
        guard let word = words.first?.lowercased() else { return .failure(.init("empty command")) }
        let arguments = Array(words.dropFirst())
        let rest = arguments.joined(separator: " ")
        switch word {
        case "internal", "note":
            return arguments.isEmpty ? .success(.internal) : .failure(.init("#\(word) takes no value"))
        case "public":
            // Zendesk: `#public false` makes the comment private; `#public true` is the default.
            switch rest.lowercased() {
            case "false", "no", "0": return .success(.internal)
            default: return .failure(.init("#public takes false (an internal note); leave it out for a public reply"))
            }
        case "status":
            return status(rest)
        case "solved", "pending", "open", "closed":
            return arguments.isEmpty ? status(word) : .failure(.init("#\(word) takes no value"))
        case "assign", "assignee":
            switch rest.lowercased() {
            case "": return .failure(.init("#\(word) needs me, nobody, an operator's address or name"))
            case "me": return .success(.assign(.me))
            case "nobody", "none", "-": return .success(.assign(.nobody))
            default: return .success(.assign(.someone(rest)))
            }
        case "team", "group":
            guard arguments.count == 1 else { return .failure(.init("#\(word) needs one team name")) }
            return .success(.team(arguments[0]))
        case "priority":
            guard let priority = TicketPriority(rawValue: rest.lowercased()) else {
                return .failure(.init("priority must be low, normal, high or urgent, not '\(rest)'"))
            }
            return .success(.priority(priority))
        case "tag", "tags":
            return tags(arguments, word: word)
        case "time":
            return time(arguments)
        case "requester":
            guard arguments.count == 1, let address = EmailAddress(arguments[0]) else {
                return .failure(.init("#requester needs one plain address, like #requester anna@example.com"))
            }
            return .success(.requester(address))
        default:
            return .failure(
                .init(
                    "unknown command #\(word) (known: #internal, #status, #assign, #team, #priority, #tag, #time, "
                        + "#requester)"))
        }
    }

    private static func status(_ value: String) -> Result<MailCommand, CommandSyntaxError> {
        guard let status = TicketStatus(rawValue: value.lowercased()), status != .new else {
            return .failure(.init("status must be open, pending, solved or closed, not '\(value)'"))
        }
        return .success(.status(status))
    }

    private static func tags(_ arguments: [String], word: String) -> Result<MailCommand, CommandSyntaxError> {
        guard !arguments.isEmpty else { return .failure(.init("#\(word) needs a word")) }
        var tags: [String] = []
        for argument in arguments {
            guard let tag = tag(argument) else {
                return .failure(.init("a tag is one word of letters, digits, - _ or ., not '\(argument)'"))
            }
            if !tags.contains(tag) { tags.append(tag) }
        }
        return .success(.tags(tags))
    }

    /// A tag as stored: one word of 1–64 letters, digits, `-`, `_` or `.`, lowercased; nil for anything else.
    /// The console's tags obey the same rule.
    static func tag(_ argument: String) -> String? {
        let tag = argument.lowercased()
        guard (1...64).contains(tag.count),
            tag.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
        else { return nil }
        return tag
    }

    /// Minutes of one time entry from a duration as `#time` reads it (`30m`, `1h30m`, `1.5h`, `2:15`, `45`):
    /// 1 minute to 24 hours; the console's entries obey the same rule.
    static func minutes(_ text: String) -> Result<Int, CommandSyntaxError> {
        guard let minutes = duration(text.lowercased()) else {
            return .failure(.init("a duration reads like 30m, 1h30m or 1.5h"))
        }
        guard (1...(24 * 60)).contains(minutes) else {
            return .failure(.init("a time entry takes 1 minute to 24 hours, not \(minutes) minutes"))
        }
        return .success(minutes)
    }

    /// `30m`, `1h`, `1h30m`, `1.5h`, `2:15`, `45` (minutes), then an optional work type.
    private static func time(_ arguments: [String]) -> Result<MailCommand, CommandSyntaxError> {
        guard let amount = arguments.first, let minutes = duration(amount.lowercased()) else {
            return .failure(.init("#time needs a duration like 30m, 1h30m or 1.5h"))
        }
        guard (1...(24 * 60)).contains(minutes) else {
            return .failure(.init("#time takes 1 minute to 24 hours per entry, not \(minutes) minutes"))
        }
        let workType = arguments.dropFirst().joined(separator: " ")
        guard workType.count <= 64 else { return .failure(.init("a work type has at most 64 characters")) }
        return .success(.time(minutes: minutes, workType: workType.isEmpty ? nil : workType))
    }

    static func duration(_ text: String) -> Int? {
        if let minutes = Int(text) { return minutes >= 0 ? minutes : nil }
        if let colon = text.firstIndex(of: ":") {
            // Bounded before multiplying: `999999999999999999:00` must not overflow.
            guard let h = Int(text[..<colon]), let m = Int(text[text.index(after: colon)...]),
                (0...100_000).contains(h),
                (0..<60).contains(m)
            else { return nil }
            return h * 60 + m
        }
        var total = 0.0
        var number = ""
        var sawUnit = false
        for character in text {
            if character.isNumber || character == "." || character == "," {
                number.append(character == "," ? "." : character)
                continue
            }
            guard let value = Double(number), value >= 0 else { return nil }
            switch character {
            case "h": total += value * 60
            case "m": total += value
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit, total.isFinite, total < 1e6 else { return nil }
        return Int(total.rounded())
    }
}
