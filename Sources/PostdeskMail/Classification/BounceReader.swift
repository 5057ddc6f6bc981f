/// Reads delivery status notifications: RFC 3464 `message/delivery-status` fields (per-message block, then one
/// block per recipient with `Final-Recipient`, `Action`, `Status`), the returned message's Message-ID from the
/// `message/rfc822` or `text/rfc822-headers` part (RFC 3462), and classic text bounces from MAILER-DAEMON.
enum BounceReader {
    /// One returned part of a report: its media type and decoded bytes.
    struct Part {
        var mediaType: String
        var data: [UInt8]
    }

    /// The bounce, or nil when the parts hold no delivery status.
    /// - Parameters:
    ///   - parts: the attachments of the message (delivery-status and returned message among them).
    ///   - text: the plain text body (for classic bounces).
    ///   - looksLikeBounce: whether sender or subject say this is a bounce.
    static func read(parts: [Part], text: String, looksLikeBounce: Bool) -> Bounce? {
        var recipients: [String] = []
        var failed: [String] = []
        var statuses: [(status: String, failed: Bool)] = []
        var sawReport = false
        for part in parts
        where part.mediaType == "message/delivery-status" || part.mediaType == "message/global-delivery-status" {
            sawReport = true
            for block in blocks(part.data) {
                var recipient: String?
                var action: String?
                var status: String?
                for (name, value) in block {
                    switch name {
                    case "final-recipient", "original-recipient":
                        if recipient == nil || name == "final-recipient" {
                            let address = value.split(separator: ";", maxSplits: 1).last.map(String.init) ?? value
                            recipient = address.trimmingCharacters(" \t<>")
                        }
                    case "action": action = value.lowercased()
                    case "status": status = value.split(separator: " ").first.map(String.init)
                    default: break
                    }
                }
                guard let recipient else { continue }
                recipients.append(recipient)
                let isFailed = action?.hasPrefix("failed") ?? false
                if isFailed { failed.append(recipient) }
                if let status { statuses.append((status, isFailed)) }
            }
        }
        if !sawReport, !looksLikeBounce { return nil }
        let originalID = originalMessageID(parts: parts, text: text)
        if !sawReport {
            let report = classicReport(text)
            let status = classicStatus(report)
            return Bounce(
                originalMessageID: originalID, recipients: classicRecipients(report), status: status,
                // "Will keep trying" wins over a code: a delay warning is never a permanent failure.
                permanent: !saysTemporary(report) && (status.map { $0.hasPrefix("5") } ?? true))
        }
        let status = statuses.first(where: \.failed)?.status ?? statuses.first?.status
        return Bounce(
            originalMessageID: originalID, recipients: failed.isEmpty ? recipients : failed, status: status,
            permanent: status?.hasPrefix("5") ?? !failed.isEmpty)
    }

    /// Field blocks separated by empty lines, as (lowercased name, value) pairs with continuations joined.
    static func blocks(_ data: [UInt8]) -> [[(String, String)]] {
        let text = LineEndings.normalize(String(decoding: data, as: UTF8.self))
        var result: [[(String, String)]] = []
        var current: [(String, String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(" \t").isEmpty {
                if !current.isEmpty { result.append(current) }
                current = []
            } else if line.first == " " || line.first == "\t", !current.isEmpty {
                current[current.count - 1].1 += " " + line.trimmingCharacters(" \t")
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].trimmingCharacters(" \t").lowercased()
                current.append((String(name), String(line[line.index(after: colon)...].trimmingCharacters(" \t"))))
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// The Message-ID of the returned message.
    private static func originalMessageID(parts: [Part], text: String) -> String? {
        for part in parts
        where part.mediaType == "message/rfc822" || part.mediaType == "text/rfc822-headers"
            || part.mediaType == "message/global" || part.mediaType == "message/global-headers"
        {
            var warnings = WarningLog(limit: 1)
            let section = HeaderSectionReader.read(
                part.data, in: 0..<part.data.count, limits: .default, warnings: &warnings)
            if let field = section.first("Message-ID"),
                let id = MessageIDList.parse(String(decoding: field.unfolded, as: UTF8.self)).first
            {
                return id
            }
        }
        // Classic bounces quote the original headers in the text.
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(" \t>")
            if trimmed.lowercased().hasPrefix("message-id:") {
                return MessageIDList.parse(String(trimmed.dropFirst(11))).first
            }
        }
        return nil
    }

    /// The report part of a classic bounce: the text before the copy of the returned message (its separator
    /// line, or its first header line).
    private static func classicReport(_ text: String) -> String {
        var report: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(200) {
            let lower = line.trimmingCharacters(" \t-").lowercased()
            if copySeparators.contains(where: { lower.containsBytes($0) }) { break }
            // An unindented header line starts the copy (Exchange indents "Subject:" inside its report).
            if line.first.map({ !$0.isWhitespace }) ?? false,
                copiedHeaders.contains(where: { line.lowercased().hasPrefix($0) })
            {
                break
            }
            report.append(line)
        }
        return report.joined(separator: "\n")
    }

    /// Lines that introduce the returned message in qmail, Exim, Sendmail, Postfix and Exchange bounces.
    private static let copySeparators = [
        "copy of the message", "copy of your message", "original message follows", "message follows",
        "undelivered message", "original message headers", "returned message", "headers of the original message",
    ]
    private static let copiedHeaders = [
        "return-path:", "received:", "message-id:", "from:", "to:", "subject:", "date:",
    ]

    /// Whether a classic bounce without a status code says the delivery is still being tried.
    private static func saysTemporary(_ report: String) -> Bool {
        let lower = report.lowercased()
        return [
            "warning message only", "will keep trying", "will retry", "still undelivered", "delivery delayed",
            "delayed", "deferred", "temporary failure", "temporarily", "not yet been delivered",
        ]
        .contains { lower.containsBytes($0) } && !lower.containsBytes("permanent")
    }

    private static func classicRecipients(_ text: String) -> [String] {
        var found: [String] = []
        for line in text.split(separator: "\n").prefix(80) {
            let trimmed = line.trimmingCharacters(" \t")
            // qmail "<user@host>:", Exim "  user@host", Postfix "<user@host>: host … said"
            guard let at = trimmed.firstIndex(of: "@") else { continue }
            let start =
                trimmed[..<at].lastIndex(where: { " <\t(:".contains($0) }).map { trimmed.index(after: $0) }
                ?? trimmed.startIndex
            let end = trimmed[at...].firstIndex(where: { " >\t):,;".contains($0) }) ?? trimmed.endIndex
            let address = String(trimmed[start..<end])
            if address.contains("."), !found.contains(address) { found.append(address) }
            if found.count >= 20 { break }
        }
        return found
    }

    private static func classicStatus(_ text: String) -> String? {
        let characters = Array(text.utf8.prefix(20_000))
        var position = 0
        while position + 4 < characters.count {
            let a = characters[position]
            if (a == UInt8(ascii: "4") || a == UInt8(ascii: "5")), characters[position + 1] == ASCII.dot,
                ASCII.isDigit(characters[position + 2]), characters[position + 3] == ASCII.dot,
                ASCII.isDigit(characters[position + 4]), position == 0 || !ASCII.isDigit(characters[position - 1])
            {
                var end = position + 5
                while end < characters.count, ASCII.isDigit(characters[end]), end < position + 8 { end += 1 }
                // `5.9.1.2` is an IP address, not a status.
                let isAddress = end < characters.count && characters[end] == ASCII.dot
                if !isAddress { return String(decoding: characters[position..<end], as: UTF8.self) }
            }
            position += 1
        }
        return nil
    }
}
