import PostdeskWorkflow

/// A `multipart/form-data` body (RFC 7578) as text fields and files. Hostile input: a part without a name, a
/// header block past 8 KiB or a body that does not parse gives nil or drops the part, never a crash; at most 1000
/// parts are read, and the first value of a repeated text field wins.
struct MultipartForm: Sendable, Equatable {
    var fields: [String: String] = [:]
    /// Parts that came with a `filename` (an empty file input sends one with no name and no bytes: dropped).
    var files: [Upload] = []

    static let maxParts = 1000

    /// The `boundary` parameter of a `multipart/form-data` content type.
    static func boundary(of contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// Parses `body` split by `boundary`; nil when no delimiter is found.
    static func parse(_ body: [UInt8], boundary: String) -> MultipartForm? {
        let delimiter = Array("--\(boundary)".utf8)
        var starts = ranges(of: delimiter, in: body)
        guard !starts.isEmpty else { return nil }
        var form = MultipartForm()
        starts = Array(starts.prefix(maxParts + 1))
        for (index, start) in starts.enumerated().dropLast() {
            // A part runs from after the delimiter's CRLF to the CRLF before the next delimiter.
            var from = start + delimiter.count
            guard from + 2 <= body.count, body[from] == 0x0D, body[from + 1] == 0x0A else { continue }
            from += 2
            var to = starts[index + 1]
            if to >= 2, body[to - 2] == 0x0D, body[to - 1] == 0x0A { to -= 2 }
            guard from <= to else { continue }
            form.add(part: body[from..<to])
        }
        return form
    }

    private mutating func add(part: ArraySlice<UInt8>) {
        let separator: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
        guard let end = Self.ranges(of: separator, in: Array(part.prefix(8192 + 4))).first else { return }
        let headerText = String(decoding: part.prefix(end), as: UTF8.self)
        let content = Array(part.dropFirst(end + 4))
        var name: String?
        var filename: String?
        var type = "application/octet-stream"
        for line in headerText.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            switch pair[0].lowercased() {
            case "content-disposition":
                name = Self.parameter("name", in: value)
                filename = Self.parameter("filename", in: value)
            case "content-type": type = value
            default: continue
            }
        }
        guard let name else { return }
        if let filename {
            guard !(filename.isEmpty && content.isEmpty) else { return }
            files.append(Upload(filename: filename, contentType: type, bytes: content))
        } else if fields[name] == nil {
            fields[name] = String(decoding: content, as: UTF8.self)
        }
    }

    /// A parameter of a `Content-Disposition` value, quoted or not (`name="text"`).
    static func parameter(_ wanted: String, in value: String) -> String? {
        var rest = Substring(value)
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...].drop { $0 == " " || $0 == "\t" }
            guard let equals = rest.firstIndex(of: "=") else { return nil }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var after = rest[rest.index(after: equals)...]
            var found: String
            if after.first == "\"" {
                after = after.dropFirst()
                var text = ""
                var escaped = false
                var consumed = after.endIndex
                for index in after.indices {
                    let character = after[index]
                    if escaped {
                        text.append(character)
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        consumed = after.index(after: index)
                        break
                    } else {
                        text.append(character)
                    }
                }
                found = text
                rest = after[consumed...]
            } else {
                let stop = after.firstIndex(of: ";") ?? after.endIndex
                found = after[..<stop].trimmingCharacters(in: .whitespaces)
                rest = after[stop...]
            }
            if key == wanted { return found }
        }
        return nil
    }

    /// Where `needle` starts in `haystack`, left to right, not overlapping.
    static func ranges(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard let first = needle.first, needle.count <= haystack.count else { return [] }
        var found: [Int] = []
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) {
                found.append(index)
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }
}
