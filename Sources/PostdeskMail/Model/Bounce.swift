/// A delivery status notification (RFC 3464) read from a `message/delivery-status` part or a classic bounce text.
public struct Bounce: Sendable, Codable, Hashable {
    /// The Message-ID of the message that bounced (no angle brackets), or nil.
    public var originalMessageID: String?
    /// Final recipients whose Action is `failed` (all listed recipients when none says so).
    public var recipients: [String]
    /// The first RFC 3463 status code, e.g. `5.1.1`.
    public var status: String?
    /// Whether the failure is permanent (status class 5).
    public var permanent: Bool

    /// Creates a bounce.
    public init(originalMessageID: String?, recipients: [String], status: String?, permanent: Bool) {
        self.originalMessageID = originalMessageID
        self.recipients = recipients
        self.status = status
        self.permanent = permanent
    }

    private enum CodingKeys: String, CodingKey {
        case originalMessageID = "original_message_id", recipients, status, permanent
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(originalMessageID, forKey: .originalMessageID)
        try container.encode(recipients, forKey: .recipients)
        try container.encode(status, forKey: .status)
        try container.encode(permanent, forKey: .permanent)
    }
}
