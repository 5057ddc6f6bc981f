/// HTML escaping of a value written into a page: `&`, `<`, `>`, `"` and `'` become entities, so no value can open
/// a tag or leave an attribute. The same five characters Mustache escapes; text without them is appended whole.
enum HTMLEscape {
    static func append(_ text: String, to output: inout String) {
        var text = text
        text.withUTF8 { bytes in
            var run = 0
            for index in bytes.indices {
                let entity: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                default: continue
                }
                if run < index {
                    output += String(decoding: UnsafeBufferPointer(rebasing: bytes[run..<index]), as: UTF8.self)
                }
                output += entity.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
                run = index + 1
            }
            if run == 0 {
                output += String(decoding: bytes, as: UTF8.self)
            } else if run < bytes.count {
                output += String(decoding: UnsafeBufferPointer(rebasing: bytes[run...]), as: UTF8.self)
            }
        }
    }

    static func escaped(_ text: String) -> String {
        var output = ""
        append(text, to: &output)
        return output
    }
}
