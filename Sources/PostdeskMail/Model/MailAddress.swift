/// One mailbox of an address header (RFC 5322 §3.4): an optional display name and the addr-spec.
public struct MailAddress: Sendable, Hashable, Codable {
    /// The display name, RFC 2047 decoded, or nil when there is none.
    public var name: String?
    /// The addr-spec (`local@domain`) as written, without angle brackets.
    public var address: String

    /// Creates an address.
    /// - Parameters:
    ///   - name: the display name, or nil.
    ///   - address: the addr-spec.
    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }

    /// The domain after the last `@`, lowercased, or nil.
    public var domain: String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        return address[address.index(after: at)...].lowercased()
    }

    /// The local part before the last `@` (the whole address when there is none).
    public var localPart: String {
        guard let at = address.lastIndex(of: "@") else { return address }
        return String(address[..<at])
    }

    private enum CodingKeys: String, CodingKey { case name, address }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)  // always present, null when absent (§4)
        try container.encode(address, forKey: .address)
    }
}
