import Foundation
public import PostdeskCore

/// `tickets list` and `tickets show N` without `--json`: tickets for a person at a terminal.
///
/// Subjects, names and texts come from mail, so every control character (escape sequences could repaint or retitle
/// the terminal) and every bidirectional override (it could make a line read differently from what it holds) is
/// shown as `\u{…}` instead of being written raw.
public enum TicketText {
    /// One line per ticket: number, status, customer address, subject, separated by tabs.
    public static func line(_ ticket: Ticket) -> String {
        "#\(ticket.number)\t\(ticket.status.rawValue)\t\(visible(ticket.customer.address))\t\(visible(ticket.subject))"
    }

    /// The ticket, its messages (what each sender wrote now) and its event log.
    public static func render(_ ticket: Ticket, messages: [TicketMessage], events: [TicketEvent]) -> String {
        var out = "#\(ticket.number) \(visible(ticket.subject))\n"
        out += "status \(ticket.status.rawValue), priority \(ticket.priority.rawValue)"
        out += ", team \(ticket.team.map { visible($0) } ?? "none")"
        out += ", assignee \(ticket.assignee.map(person) ?? "none")\n"
        out += "customer \(person(ticket.customer))\n"
        if !ticket.tags.isEmpty { out += "tags \(ticket.tags.map { visible($0) }.joined(separator: ", "))\n" }
        out += "created \(TicketJSON.timestamp(ticket.createdAt)), updated \(TicketJSON.timestamp(ticket.updatedAt))\n"
        for message in messages {
            out += "\n--- \(TicketJSON.timestamp(message.createdAt)) \(message.authorKind.rawValue)"
            if let author = message.author { out += " \(person(author))" }
            out += " via \(message.via.rawValue)\(message.isInternal ? ", internal note" : "")\n"
            let text = message.reply.isEmpty ? message.text : message.reply
            out +=
                visible(text, keepingLines: true).split(separator: "\n", omittingEmptySubsequences: false)
                .map { "  \($0)" }.joined(separator: "\n") + "\n"
            for attachment in message.attachments {
                out +=
                    "  [attachment \(visible(attachment.filename ?? "unnamed")), "
                    + "\(visible(attachment.contentType)), \(attachment.size) bytes]\n"
            }
        }
        if !events.isEmpty { out += "\nevents\n" }
        for event in events {
            out += "  \(TicketJSON.timestamp(event.at)) \(visible(event.kind)): \(visible(event.detail))\n"
        }
        return out
    }

    static func person(_ person: Person) -> String {
        guard let name = person.name, !name.isEmpty else { return "<\(visible(person.address))>" }
        return "\(visible(name)) <\(visible(person.address))>"
    }

    /// `text` with control characters and bidirectional overrides written as `\u{…}`; with `keepingLines`, line
    /// feeds and tabs stay (a CR before a LF is dropped).
    static func visible(_ text: String, keepingLines: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let value = scalar.value
            if keepingLines, scalar == "\n" || scalar == "\t" {
                out.append(scalar)
            } else if keepingLines, scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" {
                continue
            } else if value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
                || (0x2066...0x2069).contains(value)
            {
                out.append(contentsOf: "\\u{\(String(value, radix: 16))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
