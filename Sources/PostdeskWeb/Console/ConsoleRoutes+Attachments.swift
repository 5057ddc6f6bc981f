import Foundation
import Hummingbird
import PostdeskCore
import PostdeskCrypto
import PostdeskWorkflow

/// `GET /console/tickets/N/attachments/<sha256>`: one attachment of ticket N, for an operator who may read the
/// ticket (signed in, or by a notification's link). The digest must be an attachment of that ticket's messages, so
/// no URL fetches another ticket's blob; a link does not open files of notes written after it was signed.
extension ConsoleRoutes {
    func attachment(number text: String, sha256: String, key: String?, context: PortalRequestContext) async throws
        -> Response
    {
        let missing = notFound(context).asResponse
        guard let actions, sha256.utf8.count == 64, sha256.utf8.allSatisfy({ Self.isLowerHex($0) }) else {
            return missing
        }
        var messages: [TicketMessage]
        if let account = try await signedInOperator(context) {
            guard let data = try await readable(text, by: account) else { return missing }
            messages = data.messages
        } else if let key, let (link, _, ticket) = try await verifiedLink(number: text, key: key) {
            messages = try await store.read { q in try q.messages(of: ticket.id, includeInternal: true) }
            messages = messages.filter { !$0.isInternal || $0.createdAt <= link.signedDate }
        } else {
            _ = try context.require([.operator, .admin])
            return missing
        }
        guard let ref = messages.lazy.flatMap(\.attachments).first(where: { $0.sha256 == sha256 }),
            let bytes = try actions.blobs.get(sha256: sha256)
        else { return missing }
        return Self.download(ref, bytes: bytes)
    }

    static func isLowerHex(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) }

    /// The file as a response: shown inline only when it is a raster image whose bytes match its claimed type (PNG,
    /// JPEG, GIF, WebP; never SVG, which can carry script), otherwise always a download of opaque bytes.
    static func download(_ ref: AttachmentRef, bytes: [UInt8]) -> Response {
        let name = Upload.safeFilename(ref.filename ?? "attachment")
        let image = safeImageType(claimed: ref.contentType, bytes: bytes)
        let disposition = (image == nil ? "attachment" : "inline") + "; " + dispositionName(name)
        return Response(
            status: .ok,
            headers: [
                .contentType: image ?? "application/octet-stream", .contentDisposition: disposition,
                .cacheControl: "private, no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The image type when `claimed` is PNG, JPEG, GIF or WebP and the bytes start as that format does.
    static func safeImageType(claimed: String, bytes: [UInt8]) -> String? {
        let type = Upload.safeContentType(claimed)
        let magic: [UInt8]
        switch type {
        case "image/png": magic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        case "image/jpeg": magic = [0xFF, 0xD8, 0xFF]
        case "image/gif": magic = Array("GIF8".utf8)
        case "image/webp":
            guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WEBP".utf8)
            else { return nil }
            return type
        default: return nil
        }
        return bytes.starts(with: magic) ? type : nil
    }

    /// `filename="…"` in ASCII (anything else as `_`) plus RFC 6266's `filename*` in UTF-8.
    static func dispositionName(_ name: String) -> String {
        let ascii = String(
            name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" }
        )
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<"\u{80}"))
        allowed.insert(charactersIn: "-._~")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "attachment"
        return "filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}

extension HTMLPage {
    /// The page as a response, for routes that answer some cases with other responses.
    var asResponse: Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
