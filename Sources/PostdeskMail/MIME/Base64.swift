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

    /// `table` with each value already shifted into its place in a 24-bit group (bit 31 marks a non-alphabet
    /// byte), so a group of four characters decodes with four loads and three ORs.
    private static let shifted: [UInt32] = {
        var shifted = [UInt32](repeating: 0, count: 4 * 256)
        for byte in 0..<256 {
            let value = table[byte]
            for position in 0..<4 {
                shifted[position * 256 + byte] =
                    value == 0xFF
                    ? 0x8000_0000 : UInt32(value) << UInt32(18 - 6 * position)
            }
        }
        return shifted
    }()

    /// The outcome: the bytes and whether anything had to be skipped or completed.
    struct Decoded {
        var bytes: [UInt8]
        var skippedJunk: Bool
        var truncated: Bool
    }

    /// Decodes `input`, skipping whitespace and junk.
    static func decode(_ input: some Collection<UInt8>) -> Decoded {
        if let decoded = input.withContiguousStorageIfAvailable({ decode(buffer: $0) }) { return decoded }
        return Array(input).withUnsafeBufferPointer { decode(buffer: $0) }
    }

    private static func decode(buffer input: UnsafeBufferPointer<UInt8>) -> Decoded {
        var produced = 0
        var accumulator: UInt32 = 0
        var count = 0
        var junk = false
        var sawPadding = false
        var truncated = false
        let output = [UInt8](unsafeUninitializedCapacity: input.count / 4 * 3 + 3) { out, initialized in
            table.withUnsafeBufferPointer { table in
                shifted.withUnsafeBufferPointer { shifted in
                    var index = 0
                    let end = input.count
                    while index < end {
                        // Fast path: four alphabet characters in a row (a 76-character line is 19 of them).
                        if count == 0, !sawPadding {
                            while index + 4 <= end {
                                let word =
                                    shifted[Int(input[index])] | shifted[256 + Int(input[index + 1])]
                                    | shifted[512 + Int(input[index + 2])] | shifted[768 + Int(input[index + 3])]
                                if word & 0x8000_0000 != 0 { break }
                                out[produced] = UInt8(truncatingIfNeeded: word >> 16)
                                out[produced + 1] = UInt8(truncatingIfNeeded: word >> 8)
                                out[produced + 2] = UInt8(truncatingIfNeeded: word)
                                produced += 3
                                index += 4
                            }
                            if index >= end { break }
                        }
                        let byte = input[index]
                        index += 1
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
                            flush(&accumulator, &count, into: out, at: &produced)
                            sawPadding = false
                        }
                        accumulator = accumulator << 6 | UInt32(value)
                        count += 1
                        if count == 4 {
                            out[produced] = UInt8(truncatingIfNeeded: accumulator >> 16)
                            out[produced + 1] = UInt8(truncatingIfNeeded: accumulator >> 8)
                            out[produced + 2] = UInt8(truncatingIfNeeded: accumulator)
                            produced += 3
                            accumulator = 0
                            count = 0
                        }
                    }
                }
            }
            truncated = count == 1
            flush(&accumulator, &count, into: out, at: &produced)
            initialized = produced
        }
        return Decoded(bytes: output, skippedJunk: junk, truncated: truncated)
    }

    /// Emits the bytes a partial group of 2 or 3 sextets carries.
    private static func flush(
        _ accumulator: inout UInt32, _ count: inout Int, into output: UnsafeMutableBufferPointer<UInt8>,
        at produced: inout Int
    ) {
        switch count {
        case 2:
            output[produced] = UInt8(truncatingIfNeeded: accumulator >> 4)
            produced += 1
        case 3:
            output[produced] = UInt8(truncatingIfNeeded: accumulator >> 10)
            output[produced + 1] = UInt8(truncatingIfNeeded: accumulator >> 2)
            produced += 2
        default:
            break
        }
        accumulator = 0
        count = 0
    }
}
