/// One header field (RFC 5322 §2.2) with its value unfolded (§2.2.3) and RFC 2047 encoded words decoded.
public struct MailHeader: Sendable, Hashable {
    /// The field name as written.
    public var name: String
    /// The unfolded, decoded value without the leading space.
    public var value: String

    /// Creates a header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
