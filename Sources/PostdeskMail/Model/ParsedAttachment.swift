import Foundation
import PostdeskCrypto

/// A MIME leaf part that is not the message body (RFC 2183 attachment or inline part), decoded.
public struct ParsedAttachment: Sendable {
    /// The file name from Content-Disposition or Content-Type (RFC 2231/2047 decoded), or a generated one.
    public var filename: String?
    /// The media type, lowercased, without parameters.
    public var contentType: String
    /// The number of decoded bytes.
    public var size: Int
    /// SHA-256 of the decoded bytes as they were when the attachment was made, lowercase hex.
    ///
    /// Computed on first use and cached (hashing was a quarter of parse time, and many callers never look):
    /// copies share the cache, assigning a value replaces it.
    public var sha256: String {
        get { digest.value }
        set { digest = LazyDigest(value: newValue) }
    }
    /// The Content-ID without angle brackets (RFC 2392), or nil.
    public var contentID: String?
    /// Whether the part is shown inline (Content-Disposition: inline, or referenced by Content-ID).
    public var inline: Bool
    /// The decoded bytes.
    public var data: [UInt8]

    private var digest: LazyDigest

    /// Creates an attachment; `size` is taken from `data` now, `sha256` when first read.
    public init(filename: String?, contentType: String, contentID: String?, inline: Bool, data: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.contentID = contentID
        self.inline = inline
        self.data = data
        self.size = data.count
        self.digest = LazyDigest(source: data)
    }
}

/// The hex SHA-256 of a byte array, computed once on first read; safe to read from several threads.
///
/// Holds the bytes it hashes (an array reference, no copy) until it has hashed them.
final class LazyDigest: @unchecked Sendable {
    private let lock = NSLock()
    private var source: [UInt8]?
    private var cached: String?

    init(source: [UInt8]) { self.source = source }
    init(value: String) { cached = value }

    var value: String {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return cached }
        let computed = SHA256.hex(source ?? [])
        cached = computed
        source = nil
        return computed
    }
}
