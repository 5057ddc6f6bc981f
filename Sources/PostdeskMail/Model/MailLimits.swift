/// Explicit bounds for ``MailParser``; every one ends in a ``MailParseError`` or a warning, never a crash.
public struct MailLimits: Sendable, Hashable {
    /// Largest raw message accepted (``MailParseError/Code/tooLarge`` above it).
    public var maxBytes: Int
    /// Deepest MIME nesting followed (multipart and message/rfc822); deeper parts are kept as opaque data.
    public var maxDepth: Int
    /// Most MIME parts read; the rest of the message is ignored with a warning.
    public var maxParts: Int
    /// Largest header section of one part; longer sections are cut with a warning.
    public var maxHeaderBytes: Int
    /// Most header fields read per part.
    public var maxHeaderCount: Int
    /// Most addresses read from one address header.
    public var maxAddresses: Int
    /// Most characters of HTML converted to text or scanned for a reply.
    public var maxTextBytes: Int
    /// Most warnings kept (the last one says how many were dropped).
    public var maxWarnings: Int

    /// Creates limits; every parameter has the default of ``default``.
    public init(
        maxBytes: Int = 50 * 1024 * 1024,
        maxDepth: Int = 20,
        maxParts: Int = 1000,
        maxHeaderBytes: Int = 1024 * 1024,
        maxHeaderCount: Int = 10_000,
        maxAddresses: Int = 10_000,
        maxTextBytes: Int = 20 * 1024 * 1024,
        maxWarnings: Int = 100
    ) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxParts = maxParts
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxAddresses = maxAddresses
        self.maxTextBytes = maxTextBytes
        self.maxWarnings = maxWarnings
    }

    /// 50 MiB, depth 20, 1000 parts, 1 MiB of headers per part.
    public static let `default` = MailLimits()
}
