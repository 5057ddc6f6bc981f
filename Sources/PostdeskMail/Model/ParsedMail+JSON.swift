import Foundation

/// The JSON object of `postdesk mail parse --json` (ARCHITECTURE §4): snake_case keys, every key present,
/// `null` where absent, dates in ISO 8601 UTC, attachments without their data.
extension ParsedMail: Encodable {
    private enum CodingKeys: String, CodingKey {
        case messageID = "message_id", inReplyTo = "in_reply_to", references, date, from, to, cc
        case replyTo = "reply_to", subject, contentType = "content_type", text, html, reply, attachments
        case autoResponse = "auto_response", bounce, warnings
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(messageID, forKey: .messageID)
        try container.encode(inReplyTo, forKey: .inReplyTo)
        try container.encode(references, forKey: .references)
        try container.encode(date.map(Self.iso8601), forKey: .date)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(cc, forKey: .cc)
        try container.encode(replyTo, forKey: .replyTo)
        try container.encode(subject, forKey: .subject)
        try container.encode(contentType, forKey: .contentType)
        try container.encode(text, forKey: .text)
        try container.encode(html, forKey: .html)
        try container.encode(reply, forKey: .reply)
        try container.encode(attachments, forKey: .attachments)
        try container.encode(autoResponse, forKey: .autoResponse)
        try container.encode(bounce, forKey: .bounce)
        try container.encode(warnings, forKey: .warnings)
    }

    /// The §4 JSON object, keys sorted, as UTF-8.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }

    /// `2024-01-31T10:00:00Z`: ISO 8601 in UTC, whole seconds (RFC 3339 §5.6).
    static func iso8601(_ date: Date) -> String {
        var seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let second = Int(((seconds % 60) + 60) % 60)
        seconds = (seconds - Int64(second)) / 60
        let minute = Int(((seconds % 60) + 60) % 60)
        seconds = (seconds - Int64(minute)) / 60
        let hour = Int(((seconds % 24) + 24) % 24)
        let days = (seconds - Int64(hour)) / 24
        let (year, month, day) = CivilDate.fromDays(days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z"
    }
}

extension ParsedAttachment: Encodable {
    private enum CodingKeys: String, CodingKey {
        case filename, contentType = "content_type", size, sha256, contentID = "content_id", inline
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(filename, forKey: .filename)
        try container.encode(contentType, forKey: .contentType)
        try container.encode(size, forKey: .size)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(contentID, forKey: .contentID)
        try container.encode(inline, forKey: .inline)
    }
}
