#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decodes bytes to UTF-8 with the C library's iconv(3) (glibc gconv knows EUC-JP, GB18030, UTF-7, … that
/// Foundation on Linux lacks).
enum IconvDecoder {
    /// The outcome of one conversion.
    enum Result {
        case decoded(String)
        /// Some bytes were invalid; they became U+FFFD.
        case lossy(String, invalidCount: Int)
        /// iconv does not know the charset.
        case unsupported
    }

    /// Converts `bytes` from `charset` (an iconv name) to a String.
    static func decode(_ bytes: some Collection<UInt8>, from charset: String) -> Result {
        guard let descriptor = open(charset) else { return .unsupported }
        defer { iconv_close(descriptor) }
        var input = Array(bytes)
        var output = [UInt8](repeating: 0, count: max(64, input.count * 4 + 16))
        var produced = 0
        var invalid = 0
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        input.withUnsafeMutableBufferPointer { inBuffer in
            guard let inBase = inBuffer.baseAddress else { return }
            var consumed = 0
            while consumed < inBuffer.count {
                if output.count - produced < 16 + (inBuffer.count - consumed) * 4 {
                    output.append(contentsOf: repeatElement(0, count: output.count))
                }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase + consumed)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count - consumed
                let outCapacity = output.count - produced
                var outLeft = outCapacity
                let status = output.withUnsafeMutableBufferPointer { outBuffer -> Int in
                    guard let outBase = outBuffer.baseAddress else { return -1 }
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase + produced)
                        .assumingMemoryBound(to: CChar.self)
                    return iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                }
                let error = errno
                produced += outCapacity - outLeft
                consumed = inBuffer.count - inLeft
                if status != -1 { break }
                if error == E2BIG { continue }
                // EILSEQ or EINVAL: skip one byte, emit U+FFFD, reset the shift state.
                invalid += 1
                consumed += 1
                if output.count - produced < 8 { output.append(contentsOf: repeatElement(0, count: 64)) }
                for byte in replacement {
                    output[produced] = byte
                    produced += 1
                }
                iconv(descriptor, nil, nil, nil, nil)
            }
            // Flush a pending shift state (stateful encodings such as ISO-2022-JP, UTF-7).
            output.withUnsafeMutableBufferPointer { outBuffer in
                guard let outBase = outBuffer.baseAddress else { return }
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase + produced)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count - produced
                let before = outLeft
                _ = iconv(descriptor, nil, nil, &outPointer, &outLeft)
                produced += before - outLeft
            }
        }
        let text = String(decoding: output[0..<produced], as: UTF8.self)
        return invalid == 0 ? .decoded(text) : .lossy(text, invalidCount: invalid)
    }

    /// Whether iconv knows `charset`.
    static func supports(_ charset: String) -> Bool {
        guard let descriptor = open(charset) else { return false }
        iconv_close(descriptor)
        return true
    }

    private static func open(_ charset: String) -> iconv_t? {
        let descriptor = iconv_open("UTF-8", charset)
        guard let descriptor, Int(bitPattern: descriptor) != -1 else { return nil }
        return descriptor
    }
}
