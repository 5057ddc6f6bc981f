/// A MIME leaf part that is not the message body (RFC 2183 attachment or inline part), decoded.
public struct ParsedAttachment: Sendable {
    /// The file name from Content-Disposition or Content-Type (RFC 2231/2047 decoded), or a generated one.
    public var filename: String?
    /// The media type, lowercased, without parameters.
    public var contentType: String
    /// The number of decoded bytes.
    public var size: Int
    /// SHA-256 of the decoded bytes, lowercase hex.
    public var sha256: String
    /// The Content-ID without angle brackets (RFC 2392), or nil.
    public var contentID: String?
    /// Whether the part is shown inline (Content-Disposition: inline, or referenced by Content-ID).
    public var inline: Bool
    /// The decoded bytes.
    public var data: [UInt8]

    /// Creates an attachment; `size` and `sha256` are computed from `data`.
    public init(filename: String?, contentType: String, contentID: String?, inline: Bool, data: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.contentID = contentID
        self.inline = inline
        self.data = data
        self.size = data.count
        self.sha256 = SHA256.hex(data)
    }
}
