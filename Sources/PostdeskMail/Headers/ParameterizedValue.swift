/// A header value of the form `token *(";" attribute "=" value)`: Content-Type (RFC 2045 §5.1) and
/// Content-Disposition (RFC 2183 §2), with RFC 2231 continuations and `charset'language'` values.
struct ParameterizedValue: Sendable {
    /// The leading token, lowercased (e.g. `text/plain`, `attachment`).
    var value: String
    /// Parameters by lowercased name, RFC 2231 sections joined and decoded.
    var parameters: [String: String]

    /// The parameter called `name` (lowercase).
    subscript(_ name: String) -> String? { parameters[name] }

    /// Parses an unfolded header value.
    /// - Parameters:
    ///   - bytes: the unfolded value.
    ///   - decoder: decodes RFC 2231 charsets, RFC 2047 words in quoted values (common, though §5 of RFC 2047
    ///     forbids them) and raw 8-bit values.
    ///   - warnings: where repairs are recorded.
    init(_ bytes: [UInt8], decoder: TextDecoder, warnings: inout WarningLog) {
        var index = 0
        let count = bytes.count
        while index < count, bytes[index] != ASCII.semicolon { index += 1 }
        value = String(decoding: bytes[0..<index].trimmedWhitespace(), as: UTF8.self).lowercased()
        var raw: [(name: String, value: [UInt8], quoted: Bool)] = []
        while index < count {
            index += 1  // the ';'
            while index < count, ASCII.isWhitespace(bytes[index]) || bytes[index] == ASCII.semicolon { index += 1 }
            let nameStart = index
            while index < count, bytes[index] != ASCII.equals, bytes[index] != ASCII.semicolon { index += 1 }
            let name = String(decoding: bytes[nameStart..<index].trimmedWhitespace(), as: UTF8.self).lowercased()
            guard index < count, bytes[index] == ASCII.equals else { continue }
            index += 1
            while index < count, ASCII.isWSP(bytes[index]) { index += 1 }
            if index < count, bytes[index] == ASCII.quote {
                index += 1
                var value: [UInt8] = []
                while index < count, bytes[index] != ASCII.quote {
                    if bytes[index] == ASCII.backslash, index + 1 < count { index += 1 }
                    value.append(bytes[index])
                    index += 1
                }
                index += 1
                while index < count, bytes[index] != ASCII.semicolon { index += 1 }  // junk after the quote
                raw.append((name, value, true))
            } else {
                let valueStart = index
                while index < count, bytes[index] != ASCII.semicolon { index += 1 }
                raw.append((name, Array(bytes[valueStart..<index].trimmedWhitespace()), false))
            }
        }
        parameters = Self.assemble(raw, decoder: decoder, warnings: &warnings)
    }

    /// Joins RFC 2231 §3 continuations (`name*0`, `name*1*`) and decodes §4 extended values.
    private static func assemble(
        _ raw: [(name: String, value: [UInt8], quoted: Bool)], decoder: TextDecoder, warnings: inout WarningLog
    ) -> [String: String] {
        var result: [String: String] = [:]
        var sections: [String: [(number: Int, extended: Bool, value: [UInt8])]] = [:]
        var order: [String] = []
        for parameter in raw where !parameter.name.isEmpty {
            var name = Substring(parameter.name)
            var extended = false
            if name.hasSuffix("*") {
                extended = true
                name = name.dropLast()
            }
            var number = -1
            if let star = name.lastIndex(of: "*"), let parsed = Int(name[name.index(after: star)...]) {
                number = parsed
                name = name[..<star]
            }
            let key = String(name)
            if sections[key] == nil { order.append(key) }
            sections[key, default: []].append((number, extended, parameter.value))
        }
        for key in order {
            guard var parts = sections[key] else { continue }
            let plain = parts.first { $0.number < 0 && !$0.extended }
            let hasRFC2231 = parts.contains { $0.number >= 0 || $0.extended }
            if !hasRFC2231, let plain {
                result[key] = decodePlain(plain.value, decoder: decoder, warnings: &warnings)
                continue
            }
            parts = parts.filter { $0.number >= 0 || $0.extended }.sorted { $0.number < $1.number }
            var charset: String?
            var joined: [UInt8] = []
            for (position, part) in parts.enumerated() {
                var value = part.value[...]
                if part.extended, position == 0 {
                    // charset'language'value (RFC 2231 §4)
                    if let first = value.firstIndex(of: ASCII.apostrophe),
                        let second = value[(first + 1)...].firstIndex(of: ASCII.apostrophe)
                    {
                        charset = String(decoding: value[..<first], as: UTF8.self)
                        value = value[(second + 1)...]
                    }
                }
                joined.append(contentsOf: part.extended ? percentDecode(value) : Array(value))
            }
            let label = (charset?.isEmpty ?? true) ? nil : charset
            if label == nil, findBytes([ASCII.equals, ASCII.question], in: joined, from: 0) != nil {
                result[key] = decodePlain(joined, decoder: decoder, warnings: &warnings)
            } else {
                result[key] = decoder.decode(joined, label: label, context: "\(key) parameter", warnings: &warnings)
            }
        }
        return result
    }

    private static func decodePlain(_ value: [UInt8], decoder: TextDecoder, warnings: inout WarningLog) -> String {
        EncodedWords.decode(value, decoder: decoder, context: "parameter", warnings: &warnings)
    }

    /// `%XX` escapes of RFC 2231 §4; a bad escape stays literal.
    static func percentDecode(_ value: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(value.count)
        var index = value.startIndex
        while index < value.endIndex {
            if value[index] == UInt8(ascii: "%"), index + 2 < value.endIndex,
                let high = ASCII.hexValue(value[index + 1]), let low = ASCII.hexValue(value[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(value[index])
                index += 1
            }
        }
        return output
    }
}
