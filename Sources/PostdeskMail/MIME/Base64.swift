/// A base64 decoder (RFC 2045 §6.8) that ignores characters outside the alphabet, as §6.8 requires, and
/// tolerates missing padding and data after the padding.
enum Base64 {
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        table[Int(UInt8(ascii: "-"))] = 62  // base64url, seen in broken mailers
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// The outcome: the bytes and whether anything had to be skipped or completed.
    struct Decoded {
        var bytes: [UInt8]
        var skippedJunk: Bool
        var truncated: Bool
    }

    /// Decodes `input`, skipping whitespace and junk.
    static func decode(_ input: some Collection<UInt8>) -> Decoded {
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 4 * 3 + 3)
        var accumulator: UInt32 = 0
        var count = 0
        var junk = false
        var sawPadding = false
        table.withUnsafeBufferPointer { table in
            for byte in input {
                let value = table[Int(byte)]
                if value == 0xFF {
                    if byte == ASCII.equals {
                        sawPadding = true
                    } else if !ASCII.isWhitespace(byte) {
                        junk = true
                    }
                    continue
                }
                if sawPadding {
                    // Data after padding: a new group (concatenated base64), restart alignment.
                    flush(&accumulator, &count, into: &output)
                    sawPadding = false
                }
                accumulator = accumulator << 6 | UInt32(value)
                count += 1
                if count == 4 {
                    output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                    output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                    output.append(UInt8(truncatingIfNeeded: accumulator))
                    accumulator = 0
                    count = 0
                }
            }
        }
        let truncated = count == 1
        flush(&accumulator, &count, into: &output)
        return Decoded(bytes: output, skippedJunk: junk, truncated: truncated)
    }

    /// Emits the bytes a partial group of 2 or 3 sextets carries.
    private static func flush(_ accumulator: inout UInt32, _ count: inout Int, into output: inout [UInt8]) {
        switch count {
        case 2:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        case 3:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        default:
            break
        }
        accumulator = 0
        count = 0
    }
}
