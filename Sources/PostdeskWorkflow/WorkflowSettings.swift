import Foundation

/// The knobs the workflow needs, from configuration.
public struct WorkflowSettings: Sendable {
    /// Domain of the Message-IDs we generate, e.g. `support.example.test`.
    public var messageIDDomain: String
    /// At most this many automatic mails per recipient per hour (RFC 3834 §2: don't flood).
    public var automaticMailsPerHour: Int

    public init(messageIDDomain: String, automaticMailsPerHour: Int = 10) {
        self.messageIDDomain = messageIDDomain
        self.automaticMailsPerHour = automaticMailsPerHour
    }
}
