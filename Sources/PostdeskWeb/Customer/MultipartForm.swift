import Foundation
import PostdeskWorkflow

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `multipart/form-data` body (RFC 7578) as text fields and files. Everything in it is hostile: the parser reads
/// only `Content-Disposition` and `Content-Type` of each part, takes at most ``partLimit`` parts, keeps the first
/// value of a repeated text field, and answers nil for anything it cannot read whole (no half-parsed forms).
struct MultipartForm: Sendable {
    /// Text fields by name (the first value of a repeated name).
    var fields: [String: String] = [:]
    /// Files by field name, in the order sent (an `<input type=file multiple>` sends several under one name).
    var files: [String: [Upload]] = [:]

    /// As many parts as a mail may carry (PostdeskMail's limit), plus the form's own fields.
    static let partLimit = 1100
    /// The longest text field kept (characters): a message is at most 100,000.
    static let fieldLimit = 200_000
    /// The longest header block of one part (bytes).
    static let headerLimit = 8 * 1024
    /// The longest preamble before the first boundary that is skipped.
    static let preambleLimit = 1024

    /// The boundary of a `multipart/form-data` Content-Type (RFC 2046 §5.1.1: 1–70 characters), or nil.
    static func boundary(contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            // RFC 2046 bchars: printable ASCII and inner spaces (a quoted boundary may hold them), no trailing space.
            guard (1...70).contains(value.utf8.count), value.utf8.last != 0x20,
                value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 })
            else { return nil }
            return value
        }
        return nil
    }

    /// The form in `body`, or nil when it is not a complete multipart body with this boundary.
    static func parse(_ body: some Collection<UInt8>, boundary: String) -> MultipartForm? {
        let bytes = Array(body)
        let delimiter = Array("--\(boundary)".utf8)
        let separator = Array("\r\n--\(boundary)".utf8)
        let blankLine: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
        // Browsers send no preamble; a short one is skipped, a long one is not searched (a boundary chosen by the
        // sender could otherwise make that search quadratic).
        let head = Array(bytes.prefix(preambleLimit + delimiter.count))
        guard var position = find(delimiter, in: head, from: 0).map({ $0 + delimiter.count }) else { return nil }
        var form = MultipartForm()
        var parts = 0
        while true {
            // After a delimiter: `--` ends the body, CRLF starts a part.
            if bytes[position...].starts(with: [0x2D, 0x2D]) { return form }
            guard bytes[position...].starts(with: [0x0D, 0x0A]) else { return nil }
            position += 2
            parts += 1
            guard parts <= partLimit, let headerEnd = find(blankLine, in: bytes, from: position),
                let end = find(separator, in: bytes, from: headerEnd + blankLine.count)
            else { return nil }
            // A part's headers are a few short lines; a long block is a hostile one.
            guard headerEnd - position <= Self.headerLimit else { return nil }
            let headers = String(decoding: bytes[position..<headerEnd], as: UTF8.self)
            let content = bytes[(headerEnd + blankLine.count)..<end]
            position = end + separator.count
            guard let part = Part(headers: headers) else { continue }
            if let filename = part.filename {
                // An `<input type=file>` left empty still sends a part: no name, no bytes. It is no file.
                if filename.isEmpty && content.isEmpty { continue }
                form.files[part.name, default: []].append(
                    Upload(filename: filename, contentType: part.contentType, bytes: Array(content)))
            } else if form.fields[part.name] == nil {
                form.fields[part.name] = String(String(decoding: content, as: UTF8.self).prefix(fieldLimit))
            }
        }
    }

    /// Where `needle` first occurs in `bytes` at or after `start`. `memchr` finds each candidate first byte and
    /// `memcmp` checks it: the needle's first byte (CR) occurs nowhere else in it, so this stays linear in the body
    /// even for hostile ones (the standard library's generic search took seconds on 50 MiB).
    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start >= 0, start <= bytes.count else { return nil }
        return bytes.withUnsafeBytes { hay -> Int? in
            needle.withUnsafeBytes { pattern -> Int? in
                guard let base = hay.baseAddress, let wanted = pattern.baseAddress else { return nil }
                var offset = start
                while hay.count - offset >= pattern.count {
                    guard let hit = memchr(base + offset, Int32(first), hay.count - offset - pattern.count + 1) else {
                        return nil
                    }
                    offset = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + offset, wanted, pattern.count) == 0 { return offset }
                    offset += 1
                }
                return nil
            }
        }
    }

    /// One part's headers: its field name, file name (for a file) and type.
    struct Part {
        var name: String
        var filename: String?
        var contentType = "application/octet-stream"

        /// Nil when the part has no `Content-Disposition: form-data` with a name (it is skipped).
        init?(headers: String) {
            var name: String?
            for line in headers.split(separator: "\r\n").prefix(20) {
                let pair = line.split(separator: ":", maxSplits: 1).map(String.init)
                guard pair.count == 2 else { continue }
                let value = pair[1].trimmingCharacters(in: .whitespaces)
                switch pair[0].trimmingCharacters(in: .whitespaces).lowercased() {
                case "content-disposition":
                    let parameters = Self.parameters(value)
                    guard parameters.first?.key == "form-data" else { return nil }
                    name = parameters.first { $0.key == "name" }?.value
                    filename = parameters.first { $0.key == "filename" }?.value
                case "content-type":
                    contentType = value
                default:
                    continue
                }
            }
            guard let name, !name.isEmpty, name.count <= 200 else { return nil }
            self.name = Self.unescape(name)
            filename = filename.map(Self.unescape)
        }

        /// Browsers write `"`, CR and LF in names as `%22`, `%0D`, `%0A` (HTML's multipart/form-data encoding).
        static func unescape(_ text: String) -> String {
            text.replacingOccurrences(of: "%22", with: "\"").replacingOccurrences(of: "%0D", with: "\r")
                .replacingOccurrences(of: "%0A", with: "\n")
        }

        /// `form-data; name="a"; filename="b.pdf"` as (key, value) pairs; the first is the type with no value.
        /// Browsers write a quote inside a name as `%22`; other clients a backslash escape. Both are read.
        static func parameters(_ text: String) -> [(key: String, value: String)] {
            var result: [(key: String, value: String)] = []
            var rest = Substring(text)
            while !rest.isEmpty {
                rest = rest.drop { $0 == " " || $0 == "\t" }
                let key = rest.prefix { $0 != "=" && $0 != ";" }
                rest = rest.dropFirst(key.count)
                var value = Substring("")
                if rest.first == "=" {
                    rest = rest.dropFirst()
                    if rest.first == "\"" {
                        // A quoted string: up to the closing quote; `\x` stands for `x` (curl and older clients
                        // escape quotes that way, browsers write `%22`).
                        rest = rest.dropFirst()
                        var unquoted = ""
                        while let character = rest.first, character != "\"" {
                            rest = rest.dropFirst()
                            if character == "\\", let next = rest.first {
                                unquoted.append(next)
                                rest = rest.dropFirst()
                            } else {
                                unquoted.append(character)
                            }
                        }
                        rest = rest.dropFirst()
                        value = Substring(unquoted)
                    } else {
                        value = rest.prefix { $0 != ";" }
                        rest = rest.dropFirst(value.count)
                    }
                }
                rest = rest.drop { $0 != ";" }.dropFirst()
                result.append((key: key.trimmingCharacters(in: .whitespaces).lowercased(), value: String(value)))
            }
            return result
        }
    }
}
