/// A file carried by a ``ComposedMail``: an attachment, or an inline image the HTML body shows by its Content-ID.
///
/// Every value here may come from outside (an operator's mail, an upload form), so rendering never trusts it: the
/// file name and the media type are reduced to what cannot break a header (``safeFilename``, ``safeContentType``);
/// only the Content-ID, which the HTML refers to and which cannot be silently changed, is refused when malformed.
public struct ComposedAttachment: Sendable, Hashable {
    /// The file name shown to the recipient, any Unicode.
    public var filename: String
    /// The media type, `type/subtype` (RFC 2045 §5.1); anything else is sent as `application/octet-stream`.
    public var contentType: String
    /// The file's bytes, sent exactly (base64, RFC 2045 §6.8).
    public var bytes: [UInt8]
    /// The Content-ID without angle brackets (RFC 2392), which `cid:` URLs in the HTML refer to.
    public var contentID: String?
    /// Whether the HTML body shows it in place (RFC 2183 `inline`); it needs a ``contentID`` and an HTML body to be
    /// sent so, and goes as an ordinary attachment otherwise.
    public var isInline: Bool

    /// Creates an attachment.
    /// - Parameters:
    ///   - filename: the file name shown to the recipient.
    ///   - contentType: the media type, `type/subtype`.
    ///   - bytes: the content.
    ///   - contentID: the Content-ID without angle brackets, for inline images.
    ///   - isInline: whether the HTML body shows it in place.
    public init(filename: String, contentType: String, bytes: [UInt8], contentID: String? = nil, isInline: Bool = false)
    {
        self.filename = filename
        self.contentType = contentType
        self.bytes = bytes
        self.contentID = contentID
        self.isInline = isInline
    }

    /// Whether it goes inside the HTML's multipart/related rather than as an attachment.
    var isInlineImage: Bool { isInline && contentID != nil }

    /// The longest file name kept, in characters; longer ones keep their end (where the extension is).
    static let maxFilenameLength = 150

    /// The file name without controls or line breaks, quotes, backslashes or slashes (which would end a quoted
    /// parameter or name a path), trimmed and cut to ``maxFilenameLength``; `attachment` when nothing is left.
    var safeFilename: String {
        var scalars = String.UnicodeScalarView()
        for scalar in filename.unicodeScalars {
            if scalar.isControlOrLineBreak || scalar.isInvisibleOrSpace {
                scalars.append(" ")
            } else if scalar == "\"" || scalar == "\\" || scalar == "/" {
                scalars.append("_")
            } else {
                scalars.append(scalar)
            }
        }
        var name = String(scalars).trimmingCharacters(in: .whitespaces)
        if name.count > Self.maxFilenameLength { name = String(name.suffix(Self.maxFilenameLength)) }
        return name.isEmpty ? "attachment" : name
    }

    /// The media type lowercased when it is `type/subtype` of RFC 2045 token characters and neither multipart nor
    /// message (those carry structure or need 7bit, RFC 2046 §5.1.1 and §5.2.1, and are sent here as base64
    /// leaves), else `application/octet-stream`.
    var safeContentType: String {
        let fallback = "application/octet-stream"
        let type = contentType.lowercased()
        let halves = type.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, type.utf8.count <= 100,
            halves.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(Self.isTokenByte) }),
            halves[0] != "multipart", halves[0] != "message"
        else { return fallback }
        return type
    }

    /// token characters of RFC 2045 §5.1: printable ASCII except SPACE and tspecials.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        guard byte > 32, byte < 127 else { return false }
        return !"()<>@,;:\\\"/[]?=".utf8.contains(byte)
    }
}

extension ComposedAttachment: CustomStringConvertible {
    /// Name, type and size: logs and test reports never print a whole file.
    public var description: String {
        "\(filename) (\(contentType), \(bytes.count) bytes\(contentID.map { ", cid \($0)" } ?? ""))"
    }
}
