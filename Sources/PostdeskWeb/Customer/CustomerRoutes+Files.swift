import Foundation
import Hummingbird
import PostdeskCore

/// Attachments and HTML mail, each asked of ``TicketAccess`` through ``CustomerRoutes/open(_:)`` and found only among
/// the ticket's public messages (never an internal note's file, never a held-back stranger's).
extension CustomerRoutes {
    /// `…/attachments/<sha256>`: the file, as a download unless it is a raster image whose bytes say so.
    func attachment(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let sha = context.parameters.get("sha") ?? ""
        guard let opened = try await open(context), let blobs = actions?.blobs, sha.utf8.count == 64,
            sha.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return try notFound(request, context) }
        let found = try await store.read { q in
            try q.messages(of: opened.ticket.id, includeInternal: false)
                .filter { !$0.isInternal && !$0.fromNewParticipant }
                .flatMap(\.attachments).first { $0.sha256 == sha }
        }
        guard let file = found, let bytes = try blobs.get(sha256: sha) else { return try notFound(request, context) }
        return AttachmentResponse.make(bytes: bytes, filename: file.filename ?? "attachment")
    }

    /// `…/messages/<id>/html`: a mail's HTML body, only ever as the source of the page's sandboxed iframe. Its own
    /// policy runs no script, loads nothing but inline styles and `data:` images, and (after "show images", for
    /// this view only) `https:` images.
    func mailHTML(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let id = (context.parameters.get("message")).flatMap { $0.utf8.count <= 18 ? Int64($0) : nil }
        guard let opened = try await open(context), let id else { return try notFound(request, context) }
        let html = try await store.read { q in
            try q.messages(of: opened.ticket.id, includeInternal: false)
                .first { $0.id?.rawValue == id && !$0.isInternal && !$0.fromNewParticipant }?.html
        }
        guard let html, !html.isEmpty else { return try notFound(request, context) }
        let images = request.uri.queryParameters.get("images") == "1"
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy: AttachmentResponse.mailPolicy(remoteImages: images),
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// How a stored file or mail body leaves: the headers that keep a hostile file from running as our page.
enum AttachmentResponse {
    /// The sandboxed HTML mail's policy: no scripts, no plugins, no forms, no same-origin access, nothing loaded but
    /// inline styles and `data:` images; `https:` images too once the reader asked for them.
    static func mailPolicy(remoteImages: Bool) -> String {
        "sandbox; default-src 'none'; img-src data:\(remoteImages ? " https:" : ""); style-src 'unsafe-inline'"
    }

    /// A raster image type judged by the file's first bytes, never by its name or claimed type: PNG, JPEG, GIF,
    /// WebP. SVG and anything else is nil (a download).
    static func safeImageType(_ bytes: [UInt8]) -> String? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return "image/webp" }
        return nil
    }

    /// The file's response: a safe image inline with its real type; anything else as `application/octet-stream`
    /// with `Content-Disposition: attachment` (RFC 6266, an ASCII name and the UTF-8 one). ``SecurityHeaders`` adds
    /// `nosniff`; the policy here sandboxes whatever a browser might still render.
    static func make(bytes: [UInt8], filename: String) -> Response {
        let image = safeImageType(bytes)
        var headers: HTTPFields = [
            .contentType: image ?? "application/octet-stream", .cacheControl: "private, no-store",
            .contentSecurityPolicy: "sandbox; default-src 'none'",
        ]
        let disposition = image == nil ? "attachment" : "inline"
        headers[.contentDisposition] = "\(disposition); \(contentDispositionName(filename))"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `filename="ascii"; filename*=UTF-8''percent-encoded`: quotes, backslashes, controls and non-ASCII never
    /// reach the quoted form.
    static func contentDispositionName(_ name: String) -> String {
        let ascii = String(
            name.unicodeScalars.map { scalar -> Character in
                scalar.isASCII && scalar.value >= 0x20 && scalar.value != 0x7F && scalar != "\"" && scalar != "\\"
                    ? Character(scalar) : "_"
            })
        // RFC 5987 attr-char: ASCII letters, digits and a few marks; everything else percent-encoded.
        let allowed = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "file"
        return "filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
