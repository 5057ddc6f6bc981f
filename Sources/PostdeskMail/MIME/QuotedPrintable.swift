/// Quoted-printable decoding (RFC 2045 §6.7) and the Q encoding of encoded words (RFC 2047 §4.2).
enum QuotedPrintable {
    /// Decodes a quoted-printable body: `=XX` escapes, soft line breaks `=` CRLF, trailing blanks removed
    /// (§6.7 rule 3); a `=` that starts no valid escape is kept literally.
    ///
    /// A hard line break is a CRLF in the canonical form (§6.7 rule 4), so each one decodes to CRLF, also when
    /// the stored message has bare LF line ends: a CSV sent with CRLF comes out byte for byte as sent. A lone CR,
    /// which §6.7 does not allow unencoded, is kept as it is.
    /// - Parameters:
    ///   - input: the encoded body.
    ///   - canonicalLineBreaks: false for text that is shown with its line ends normalised anyway: hard line
    ///     breaks are then copied as stored, which saves growing and shrinking the text again.
    static func decode(_ input: some Collection<UInt8>, canonicalLineBreaks: Bool = true) -> [UInt8] {
        if let decoded = input.withContiguousStorageIfAvailable({ decode(buffer: $0, canonical: canonicalLineBreaks) })
        {
            return decoded
        }
        return Array(input).withUnsafeBufferPointer { decode(buffer: $0, canonical: canonicalLineBreaks) }
    }

    private static func decode(buffer bytes: UnsafeBufferPointer<UInt8>, canonical: Bool) -> [UInt8] {
        let count = bytes.count
        // Only a bare LF made canonical grows (to CRLF); every other input byte yields at most one output byte.
        var lineFeeds = 0
        if canonical {
            for byte in bytes where byte == ASCII.lf { lineFeeds += 1 }
        }
        return [UInt8](unsafeUninitializedCapacity: count + lineFeeds) { output, initialized in
            var produced = 0
            var index = 0
            var blankRun = 0  // trailing blanks written since the last non-blank
            while index < count {
                let byte = bytes[index]
                if byte == ASCII.equals {
                    // Soft line break: '=' followed by optional blanks and a line end.
                    var look = index + 1
                    while look < count, ASCII.isWSP(bytes[look]) { look += 1 }
                    if look < count, bytes[look] == ASCII.cr || bytes[look] == ASCII.lf {
                        if bytes[look] == ASCII.cr, look + 1 < count, bytes[look + 1] == ASCII.lf { look += 1 }
                        index = look + 1
                        blankRun = 0
                        continue
                    }
                    if look >= count {  // '=' at the very end
                        break
                    }
                    if index + 2 < count, let high = ASCII.hexValue(bytes[index + 1]),
                        let low = ASCII.hexValue(bytes[index + 2])
                    {
                        output[produced] = high << 4 | low
                        produced += 1
                        index += 3
                        blankRun = 0
                        continue
                    }
                    output[produced] = byte
                    produced += 1
                    index += 1
                    blankRun = 0
                } else if byte == ASCII.lf || byte == ASCII.cr {
                    produced -= blankRun  // §6.7 rule 3: trailing blanks were transport padding
                    blankRun = 0
                    if !canonical || (byte == ASCII.cr && (index + 1 >= count || bytes[index + 1] != ASCII.lf)) {
                        output[produced] = byte  // as stored, or a lone CR
                        produced += 1
                        index += 1
                        continue
                    }
                    output[produced] = ASCII.cr
                    output[produced + 1] = ASCII.lf
                    produced += 2
                    index += byte == ASCII.cr ? 2 : 1
                } else {
                    blankRun = ASCII.isWSP(byte) ? blankRun + 1 : 0
                    output[produced] = byte
                    produced += 1
                    index += 1
                }
            }
            initialized = produced
        }
    }

    /// Decodes the Q encoding of an encoded word: `_` is a space, `=XX` an octet.
    static func decodeQ(_ input: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = input.startIndex
        while index < input.endIndex {
            let byte = input[index]
            if byte == ASCII.underscore {
                output.append(ASCII.space)
            } else if byte == ASCII.equals, index + 2 < input.endIndex,
                let high = ASCII.hexValue(input[index + 1]), let low = ASCII.hexValue(input[index + 2])
            {
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }
}
