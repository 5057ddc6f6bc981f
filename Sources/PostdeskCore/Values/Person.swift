/// A name and an address, as shown in JSON (`{"name":…, "address":…}`).
public struct Person: Hashable, Codable, Sendable {
    public var name: String?
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }
}

/// Who wrote a message.
public enum AuthorKind: String, Codable, Sendable {
    case customer, `operator`, system
}

/// How a message reached us.
public enum Via: String, Codable, Sendable {
    case mail, portal, api
}
