/// Names unnamed parts sensibly (and compatibly with Zammad's conventions) and keeps names unique.
///
/// Order: the declared name (RFC 2183 `filename`, RFC 2046 `name`); for `message/rfc822`, the enclosed
/// subject, else the Content-Description, + `.eml`; a Content-ID that looks like a file name (`image001.jpg@…`);
/// the Content-Description or a generic word plus an extension for well-known types; the Content-ID's local
/// part; `file`. Repeated names get a counter before the extension (`document1.html`).
struct AttachmentNamer {
    private var used: Set<String> = []

    private static let generic: [String: (word: String, ext: String)] = [
        "message/delivery-status": ("delivery-status", "txt"), "text/plain": ("document", "txt"),
        "text/html": ("document", "html"), "video/quicktime": ("video", "mov"), "image/jpeg": ("image", "jpg"),
        "image/jpg": ("image", "jpg"), "image/png": ("image", "png"), "image/gif": ("image", "gif"),
        "text/calendar": ("calendar", "ics"), "text/rfc822-headers": ("headers", "txt"),
        "application/pdf": ("document", "pdf"),
    ]

    /// A unique name for a part.
    /// - Parameters:
    ///   - declared: the part's file name, if it has one.
    ///   - mediaType: its media type.
    ///   - description: its Content-Description.
    ///   - contentID: its Content-ID.
    ///   - enclosedSubject: for message/rfc822, the enclosed message's subject.
    mutating func name(
        declared: String?, mediaType: String, description: String?, contentID: String?, enclosedSubject: String?
    ) -> String {
        let description = description.map { $0.trimmingCharacters(" \t") }.flatMap { $0.isEmpty ? nil : $0 }
        var name: String
        if let declared {
            name = declared
        } else if mediaType == "message/rfc822" || mediaType == "message/global" {
            let subject = enclosedSubject.map { $0.trimmingCharacters(" \t") }.flatMap { $0.isEmpty ? nil : $0 }
            name = (subject ?? description ?? "Mail") + ".eml"
        } else if let local = contentID?.split(separator: "@").first, local.contains("."),
            let ext = local.split(separator: ".").last, (2...6).contains(ext.count)
        {
            name = String(local)
        } else if let known = Self.generic[mediaType] {
            name = "\(description ?? known.word).\(known.ext)"
        } else if let local = contentID?.split(separator: "@").first, !local.isEmpty {
            name = String(local)
        } else {
            name = "file"
        }
        name = Self.sanitized(name)
        return unique(name)
    }

    /// Path separators and control characters removed.
    static func sanitized(_ name: String) -> String {
        let cleaned = String(
            name.unicodeScalars.filter { !$0.isControlOrLineBreak && $0 != "/" && $0 != "\\" })
        let trimmed = cleaned.trimmingCharacters(" \t.")
        return trimmed.isEmpty ? "file" : cleaned.trimmingCharacters(" \t")
    }

    private mutating func unique(_ name: String) -> String {
        guard used.contains(name) else {
            used.insert(name)
            return name
        }
        let base: Substring, ext: Substring?
        if let dot = name.firstIndex(of: "."), dot != name.startIndex {
            base = name[..<dot]
            ext = name[name.index(after: dot)...]
        } else {
            base = Substring(name)
            ext = nil
        }
        for counter in 1... {
            let candidate = ext.map { "\(base)\(counter).\($0)" } ?? "\(base)\(counter)"
            if !used.contains(candidate) {
                used.insert(candidate)
                return candidate
            }
        }
        return name
    }
}
