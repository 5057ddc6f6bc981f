/// Why a message was written by a machine (RFC 3834 and common vendor headers); replies to it must not be automatic.
public struct AutoResponse: Sendable, Codable, Hashable {
    /// The kind of automatic message.
    public enum Kind: String, Sendable, Codable, Hashable {
        case autoReply = "auto_reply"
        case outOfOffice = "out_of_office"
        case bulk
        case list
        case bounce
        case loop
    }

    /// The kind.
    public var kind: Kind
    /// The evidence, e.g. `Auto-Submitted: auto-replied`.
    public var reason: String

    /// Creates a classification.
    public init(kind: Kind, reason: String) {
        self.kind = kind
        self.reason = reason
    }
}
