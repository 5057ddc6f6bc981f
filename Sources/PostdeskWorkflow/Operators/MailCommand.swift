public import PostdeskCore

/// One command line at the top of an operator's mail (`#status solved`), read but not yet checked against the store.
///
/// Postdesk's own words and the Zendesk Mail API's (`#note`, `#public false`, `#assignee`, `#group`, `#tags`,
/// `#solved`/`#pending`/`#open`), so operators who come from Zendesk keep their habits.
public enum MailCommand: Sendable, Equatable {
    /// The mail becomes an internal note, relayed to no customer.
    case `internal`
    case status(TicketStatus)
    case assign(AssigneeChoice)
    case team(String)
    case priority(TicketPriority)
    case tags([String])
    case time(minutes: Int, workType: String?)
    /// Opens a ticket for this customer (a new mail, no token).
    case requester(EmailAddress)

    /// Who `#assign` names.
    public enum AssigneeChoice: Sendable, Equatable {
        case me, nobody
        /// An address or a name, matched against operators by the workflow.
        case someone(String)
    }
}

/// A command line as written, with what it means or why it cannot be read.
public struct WrittenCommand: Sendable, Equatable {
    /// 1-based line number in the typed reply.
    public var number: Int
    public var text: String
    public var command: Result<MailCommand, CommandSyntaxError>

    public init(number: Int, text: String, command: Result<MailCommand, CommandSyntaxError>) {
        self.number = number
        self.text = text
        self.command = command
    }
}

/// Why a command line cannot be read.
public struct CommandSyntaxError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The typed reply of an operator's mail split into its leading command lines and the text after them.
public struct CommandedText: Sendable, Equatable {
    public var lines: [WrittenCommand]
    /// What the operator wrote after the commands: the message, or empty for a mail of commands only.
    public var text: String

    /// Reads command lines from the top of `reply`: blank lines are skipped, each line that starts with `#` and a
    /// letter is a command, and the first other line starts the text. A line such as `#12 is fixed` (a `#` and a
    /// digit) is text.
    public static func parse(_ reply: String) -> CommandedText {
        var lines: [WrittenCommand] = []
        let all = reply.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\r")))
        }
        var index = 0
        while index < all.count {
            let line = all[index]
            if line.isEmpty {
                index += 1
                continue
            }
            guard line.hasPrefix("#"), let first = line.dropFirst().first, first.isLetter else { break }
            lines.append(WrittenCommand(number: index + 1, text: line, command: MailCommandGrammar.read(line)))
            index += 1
        }
        let text = all[index...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return CommandedText(lines: lines, text: text)
    }
}
