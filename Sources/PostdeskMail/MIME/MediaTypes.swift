/// Media types for file names (RFC 6838 registrations of the common extensions).
enum MediaTypes {
    private static let byExtension: [String: String] = [
        "txt": "text/plain", "pdf": "application/pdf", "doc": "application/msword", "jpg": "image/jpeg",
        "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "zip": "application/zip", "html": "text/html",
        "htm": "text/html", "csv": "text/csv", "xls": "application/vnd.ms-excel", "eml": "message/rfc822",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]

    /// The media type for `filename`'s extension, `application/octet-stream` when unknown.
    static func guess(filename: String) -> String {
        guard let dot = filename.lastIndex(of: ".") else { return "application/octet-stream" }
        return byExtension[filename[filename.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }
}
