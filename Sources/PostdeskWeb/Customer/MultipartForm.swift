import Foundation
import PostdeskWorkflow

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
            guard (1...70).contains(value.utf8.count), value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x22 })
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
        guard var position = bytes.firstRange(of: delimiter)?.upperBound else { return nil }
        var form = MultipartForm()
        var parts = 0
        while true {
            // After a delimiter: `--` ends the body, CRLF starts a part.
            if bytes[position...].starts(with: [0x2D, 0x2D]) { return form }
            guard bytes[position...].starts(with: [0x0D, 0x0A]) else { return nil }
            position += 2
            parts += 1
            guard parts <= partLimit,
                let headerEnd = bytes[position...].firstRange(of: [0x0D, 0x0A, 0x0D, 0x0A]),
                let end = bytes[headerEnd.upperBound...].firstRange(of: separator)
            else { return nil }
            let headers = String(decoding: bytes[position..<headerEnd.lowerBound], as: UTF8.self)
            let content = bytes[headerEnd.upperBound..<end.lowerBound]
            position = end.upperBound
            guard let part = Part(headers: headers) else { continue }
            if let filename = part.filename {
                form.files[part.name, default: []].append(
                    Upload(filename: filename, contentType: part.contentType, bytes: Array(content)))
            } else if form.fields[part.name] == nil {
                form.fields[part.name] = String(String(decoding: content, as: UTF8.self).prefix(fieldLimit))
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
        /// Browsers write a quote inside a name as `%22` and never a backslash escape; both are read literally.
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
                        rest = rest.dropFirst()
                        value = rest.prefix { $0 != "\"" }
                        rest = rest.dropFirst(value.count + 1)
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
