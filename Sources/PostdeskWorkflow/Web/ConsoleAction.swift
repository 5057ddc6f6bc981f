public import PostdeskCore

/// One thing an operator does to a ticket from the console: what `POST /console/tickets/N/…` carries, already
/// typed by the route but not yet checked (every text here came from a browser).
public enum ConsoleAction: Sendable, Hashable {
    /// An answer relayed by mail to every confirmed participant, as a mailed reply is.
    case reply(text: String, files: [Upload])
    /// An internal note: never shown to or mailed to the customer side.
    case note(text: String, files: [Upload])
    /// Assign or delegate to an operator; nil gives the ticket back to its team (nobody).
    case assign(OperatorID?)
    case status(TicketStatus)
    case priority(TicketPriority)
    /// Move it to the team with this name.
    case team(String)
    case tags(add: [String], remove: [String])
    /// Time spent: a duration as `#time` reads it (`30m`, `1h30m`), an existing work type, and the day it counts
    /// for (`yyyy-MM-dd`; nil: today, UTC).
    case time(duration: String, workType: String, date: String?)

    /// The files the action carries, stored before its transaction.
    var files: [Upload] {
        switch self {
        case .reply(_, let files), .note(_, let files): files
        default: []
        }
    }
}
