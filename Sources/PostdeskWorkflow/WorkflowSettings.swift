import Foundation

/// The knobs the workflow needs, from configuration.
public struct WorkflowSettings: Sendable {
    /// Domain of the Message-IDs we generate, e.g. `support.example.test`.
    public var messageIDDomain: String
    /// At most this many automatic mails per recipient within ``automaticMailWindow`` (RFC 3834 §2: don't flood).
    public var automaticMailLimit: Int
    /// The window of the automatic-mail limit, in seconds (3 hours by default).
    public var automaticMailWindow: TimeInterval
    /// How long an address that bounced permanently gets no automatic mail, in seconds (30 days by default).
    public var bounceSuppression: TimeInterval
    /// At most one notification per recipient per ticket within this many seconds; 0 sends every one.
    public var notificationDigest: TimeInterval

    /// - Parameters:
    ///   - messageIDDomain: domain of our Message-IDs.
    ///   - automaticMailsPerHour: the limit of automatic mails per recipient per window (the name is historic).
    ///   - automaticMailWindow: the window, in seconds.
    ///   - bounceSuppression: how long a permanently bouncing address gets no automatic mail, in seconds.
    ///   - notificationDigest: the per-recipient, per-ticket notification interval, in seconds (0: off).
    public init(
        messageIDDomain: String, automaticMailsPerHour: Int = 10, automaticMailWindow: TimeInterval = 3 * 3600,
        bounceSuppression: TimeInterval = 30 * 86400, notificationDigest: TimeInterval = 0
    ) {
        self.notificationDigest = notificationDigest
        self.messageIDDomain = messageIDDomain
        self.automaticMailLimit = automaticMailsPerHour
        self.automaticMailWindow = automaticMailWindow
        self.bounceSuppression = bounceSuppression
    }
}
