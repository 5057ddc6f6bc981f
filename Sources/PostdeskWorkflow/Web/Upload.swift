import Foundation
public import PostdeskCore

/// A file sent from a browser: its name and type as the browser claimed them (untrusted) and its bytes.
public struct Upload: Sendable, Hashable {
    public var filename: String
    public var contentType: String
    public var bytes: [UInt8]

    public init(filename: String, contentType: String, bytes: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.bytes = bytes
    }

    /// The last path component, without control characters, quotes or path separators, at most 200 characters;
    /// `file` when nothing is left. The name is shown on pages and sent in mail headers, so it must stay one word
    /// of text wherever it lands.
    public static func safeFilename(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let kept = String(
            String.UnicodeScalarView(
                last.unicodeScalars.filter {
                    $0.properties.generalCategory != .control && $0.properties.generalCategory != .format
                        && $0 != "\"" && $0 != "<" && $0 != ">"
                })
        ).trimmingCharacters(in: .whitespaces)
        let cut = String(kept.prefix(200))
        return cut.isEmpty || cut == "." || cut == ".." ? "file" : cut
    }

    /// `type/subtype` in lowercase when the claim is a plain MIME type (RFC 2045 §5.1 tokens, no parameters);
    /// `application/octet-stream` otherwise, so no claim can smuggle a parameter or a header into a mail.
    public static func safeContentType(_ claim: String) -> String {
        let type = claim.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard type.count <= 100, type.wholeMatch(of: /[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+/) != nil else {
            return "application/octet-stream"
        }
        return type
    }
}

/// How many files and bytes one portal or console message may carry: the limits an inbound mail has
/// (PostdeskMail's `MailLimits`: 50 MiB in all, at most 1000 parts), so the web takes nothing mail could not bring.
public struct UploadLimits: Sendable, Hashable {
    public var maxFiles: Int
    /// The files' total size in bytes.
    public var maxTotalBytes: Int

    public init(maxFiles: Int = 1000, maxTotalBytes: Int = 50 * 1024 * 1024) {
        self.maxFiles = maxFiles
        self.maxTotalBytes = maxTotalBytes
    }

    /// Refuses `uploads` over the limits, naming the limit.
    public func check(_ uploads: [Upload]) throws {
        guard uploads.count <= maxFiles else {
            throw WebActionError(
                code: .tooManyFiles, message: "\(uploads.count) files; at most \(maxFiles) may be sent at once")
        }
        let total = uploads.reduce(0) { $0 + $1.bytes.count }
        guard total <= maxTotalBytes else {
            throw WebActionError(
                code: .fileTooLarge,
                message: "the files come to \(total) bytes; at most \(maxTotalBytes) may be sent at once")
        }
    }
}

/// Stores uploads through the ``BlobStore`` port, content-addressed: done before the transaction (as the gateway
/// stores a mail's attachments), so a refused or failed change leaves at most an unreferenced file behind.
public struct UploadStore: Sendable {
    public var blobs: any BlobStore
    /// Lowercase hex SHA-256 of the bytes (PostdeskCrypto's, given by the composition root).
    public var sha256: @Sendable ([UInt8]) -> String
    public var limits: UploadLimits
    /// The attachment store's quota; nil: unlimited.
    public var quota: AttachmentQuota?

    public init(
        blobs: any BlobStore, sha256: @escaping @Sendable ([UInt8]) -> String, limits: UploadLimits = .init(),
        quota: AttachmentQuota? = nil
    ) {
        self.blobs = blobs
        self.sha256 = sha256
        self.limits = limits
        self.quota = quota
    }

    /// Checks the limits, then stores each file. Empty files are dropped: a browser posts one for an empty input.
    /// - Returns: the attachments to put on the message, in the order given.
    public func store(_ uploads: [Upload]) throws -> [AttachmentRef] {
        let files = uploads.filter { !$0.bytes.isEmpty }
        try limits.check(files)
        if !files.isEmpty { try quota?.check(adding: files.reduce(0) { $0 + $1.bytes.count }) }
        return try files.map { upload in
            let digest = sha256(upload.bytes)
            try blobs.put(upload.bytes, sha256: digest)
            // Counted even when the content was stored already: the measure errs high until its next walk.
            quota?.wrote(Int64(upload.bytes.count))
            return AttachmentRef(
                filename: Upload.safeFilename(upload.filename), contentType: Upload.safeContentType(upload.contentType),
                size: upload.bytes.count, sha256: digest, contentID: nil, isInline: false)
        }
    }
}
