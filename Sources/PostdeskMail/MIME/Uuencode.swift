/// uuencoded blocks (POSIX `uuencode` format: `begin <mode> <name>`, length-prefixed lines, `end`), found in
/// `x-uuencode` parts and inside plain-text bodies of old mailers.
enum Uuencode {
    struct Block {
        var filename: String
        var data: [UInt8]
        /// Byte range of the whole block (from `begin` to after `end`) in the scanned text.
        var range: Range<Int>
    }

    /// Finds complete blocks in `text`.
    static func blocks(in text: [UInt8]) -> [Block] {
        var blocks: [Block] = []
        var position = 0
        let begin = Array("begin ".utf8)
        while let found = findBytes(begin, in: text, from: position) {
            position = found + 1
            guard found == 0 || text[found - 1] == ASCII.lf else { continue }
            let lineEnd = findByte(ASCII.lf, in: text, from: found, to: text.count) ?? text.count
            let header = text[(found + begin.count)..<lineEnd].trimmedWhitespace()
            // "<mode> <name>": the mode is three or four octal digits.
            guard let space = header.firstIndex(of: ASCII.space) else { continue }
            let mode = header[header.startIndex..<space]
            guard (3...4).contains(mode.count), mode.allSatisfy({ $0 >= 0x30 && $0 <= 0x37 }) else { continue }
            let name = String(decoding: header[(space + 1)...].trimmedWhitespace(), as: UTF8.self)
            // No `end` line anywhere after this `begin`: no later block can be complete either (and scanning
            // again from every following `begin` line would be quadratic).
            guard let (data, end) = decodeLines(text, from: min(lineEnd + 1, text.count)) else { break }
            blocks.append(Block(filename: name, data: data, range: found..<end))
            position = end
        }
        return blocks
    }

    /// Decodes bare uuencoded lines (no `begin` line, as some `x-uuencode` parts are sent) up to `end` or the end.
    static func decodeBare(_ text: [UInt8]) -> [UInt8] {
        decodeLines(text, from: 0, requireEnd: false)?.0 ?? []
    }

    /// Decodes lines until `end`; nil when no `end` line follows and `requireEnd` is set.
    private static func decodeLines(_ text: [UInt8], from start: Int, requireEnd: Bool = true) -> ([UInt8], Int)? {
        var output: [UInt8] = []
        var position = start
        while position < text.count {
            let lineEnd = findByte(ASCII.lf, in: text, from: position, to: text.count) ?? text.count
            var line = text[position..<lineEnd]
            if line.last == ASCII.cr { line = line.dropLast() }
            let next = min(lineEnd + 1, text.count)
            if line.count >= 3, line.prefix(3).elementsEqual("end".utf8), line.dropFirst(3).allSatisfy(ASCII.isWSP) {
                return (output, next)
            }
            if let first = line.first {
                let length = Int((first &- 0x20) & 0x3F)
                var produced = 0
                var index = line.startIndex + 1
                while produced < length, index < line.endIndex {
                    var sextets: [UInt8] = [0, 0, 0, 0]
                    for offset in 0..<4 where index + offset < line.endIndex {
                        sextets[offset] = (line[index + offset] &- 0x20) & 0x3F
                    }
                    let bytes = [
                        sextets[0] << 2 | sextets[1] >> 4, sextets[1] << 4 | sextets[2] >> 2,
                        sextets[2] << 6 | sextets[3],
                    ]
                    for byte in bytes where produced < length {
                        output.append(byte)
                        produced += 1
                    }
                    index += 4
                }
            }
            position = next
        }
        return requireEnd ? nil : (output, text.count)
    }
}
