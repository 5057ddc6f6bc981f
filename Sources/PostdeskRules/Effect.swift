public import PostdeskCore

/// What one pass asks the caller to do: the typed result of the matched rules' actions, with conflicts resolved
/// (the last `set_team` wins). The caller commits them; changes they make (a new team) are events for the next pass.
public enum Effect: Hashable, Sendable, Codable {
    case setTeam(String)
    case setPriority(TicketPriority)
    case setStatus(TicketStatus)
    case addTags([String])
    case removeTags([String])
    case assign(Assignment)
    case notify(NotifyTarget, template: String)
    case reply(template: String)
    case addNote(text: String)
}

/// Whom an ``Effect/assign(_:)`` names, with the address parsed.
public enum Assignment: Hashable, Sendable, Codable {
    case to(EmailAddress)
    case roundRobin
    case leastOpen
}

/// Whom an ``Effect/notify(_:template:)`` tells, with any address parsed. The caller resolves the words to operators
/// (``NotifyRecipient`` says how), skips the actor and disabled operators, and sends one mail per recipient.
public enum NotifyTarget: Hashable, Sendable, Codable {
    case assignee
    case team
    case watchers
    case customer
    case address(EmailAddress)
}
