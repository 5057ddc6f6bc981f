/// Typed row identifiers: a `TicketID` can never be passed where a `MessageID` is meant.
public struct TicketID: Hashable, Codable, Sendable, CustomStringConvertible {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { "\(rawValue)" }
}

public struct CustomerID: Hashable, Codable, Sendable {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
}

public struct OperatorID: Hashable, Codable, Sendable {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
}

public struct MessageRowID: Hashable, Codable, Sendable {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
}

public struct InboundID: Hashable, Codable, Sendable, CustomStringConvertible {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { "\(rawValue)" }
}

public struct OutboxID: Hashable, Codable, Sendable, CustomStringConvertible {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { "\(rawValue)" }
}

/// The number customers and operators see, `[#N]` in subjects.
public struct TicketNumber: Hashable, Codable, Sendable, CustomStringConvertible, Comparable {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { "\(rawValue)" }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
