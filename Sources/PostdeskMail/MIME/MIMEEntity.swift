/// One MIME entity (RFC 2045 §2.4): a message or body part, its header fields and where its body lies in
/// the raw bytes. Multipart entities hold their body parts (RFC 2046 §5.1).
struct MIMEEntity: Sendable {
    /// The entity's header section.
    var header: HeaderSection
    /// The body's byte range in the raw message.
    var body: Range<Int>
    /// Content-Type (RFC 2045 §5), `text/plain; charset=us-ascii` when absent (§5.2).
    var contentType: ParameterizedValue
    /// Content-Disposition (RFC 2183), if any.
    var disposition: ParameterizedValue?
    /// Content-Transfer-Encoding, lowercased (RFC 2045 §6), `7bit` when absent.
    var transferEncoding: String
    /// Body parts of a multipart entity, in order.
    var children: [MIMEEntity] = []
    /// Nesting depth; the message itself is 0.
    var depth: Int
    /// Whether the entity is a multipart that could not be split and is kept as data.
    var isOpaque = false

    /// `type/subtype`, lowercased.
    var mediaType: String { contentType.value }
    var isMultipart: Bool { mediaType.hasPrefix("multipart/") && !isOpaque }
    var isMessage: Bool { mediaType == "message/rfc822" || mediaType == "message/global" }

    /// The file name from Content-Disposition `filename` or Content-Type `name` (RFC 2183 §2.3, RFC 2046 §4.5.1).
    var filename: String? {
        let name = disposition?["filename"] ?? contentType["name"]
        let trimmed = name?.trimmingCharacters(" \t\r\n")
        return (trimmed?.isEmpty ?? true) ? nil : trimmed
    }

    /// Whether the part says it is an attachment: a disposition of `attachment` or a file name.
    var isDeclaredAttachment: Bool {
        disposition?.value == "attachment" || filename != nil
    }

    /// The Content-ID without angle brackets (RFC 2392).
    func contentID(decoder: TextDecoder, warnings: inout WarningLog) -> String? {
        guard let field = header.first("Content-ID") else { return nil }
        let value = EncodedWords.decode(field.unfolded, decoder: decoder, context: "Content-ID", warnings: &warnings)
        let trimmed = value.trimmingCharacters(" \t<>")
        return trimmed.isEmpty ? nil : trimmed
    }

    /// An unfolded, decoded header value of this entity.
    func headerText(_ name: String, decoder: TextDecoder, warnings: inout WarningLog) -> String? {
        guard let field = header.first(name) else { return nil }
        return EncodedWords.decode(field.unfolded, decoder: decoder, context: name, warnings: &warnings)
    }
}
