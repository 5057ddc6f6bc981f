public import Foundation
public import PostdeskCore

/// The facts a rule reads, gathered by the caller before a pass: the ticket as it is when the event happened, the
/// message that caused it (if any), and two facts the rules cannot know themselves.
///
/// Rules never read a clock or a calendar: ``now`` and ``withinBusinessHours`` are given, so a pass is a pure
/// function of its inputs and can be replayed for `rules explain` months later. Every rule of one pass reads the same
/// snapshot: an effect of rule 1 (a new team) is not seen by rule 2 in that pass; it becomes an event of the next.
public struct RuleSnapshot: Hashable, Sendable {
    public var status: TicketStatus
    public var priority: TicketPriority
    /// The team's name; nil when the ticket has none.
    public var team: String?
    public var tags: [String]
    /// The assignee's primary address; nil when unassigned.
    public var assignee: String?
    /// The mailbox the ticket came in through, by name; nil for the default mailbox.
    public var mailbox: String?
    public var subject: String
    /// The text of the message that caused the event (what the sender wrote now); nil for events without one.
    public var text: String?
    /// The customer's address; nil when the ticket has none that parses.
    public var customer: EmailAddress?
    /// Whether ``now`` falls within the business hours that apply to the ticket; nil when the caller has no calendar,
    /// and then `within_business_hours` tests are false whichever way they ask.
    public var withinBusinessHours: Bool?
    /// When the event is evaluated, given by the caller (never read from a clock here).
    public var now: Date

    public init(
        status: TicketStatus, priority: TicketPriority, team: String?, tags: [String], assignee: String?,
        mailbox: String?, subject: String, text: String?, customer: EmailAddress?, withinBusinessHours: Bool?,
        now: Date
    ) {
        self.status = status
        self.priority = priority
        self.team = team
        self.tags = tags
        self.assignee = assignee
        self.mailbox = mailbox
        self.subject = subject
        self.text = text
        self.customer = customer
        self.withinBusinessHours = withinBusinessHours
        self.now = now
    }

    /// The customer's domain, lowercased; nil without a customer address.
    public var customerDomain: String? { customer?.domain }
}
