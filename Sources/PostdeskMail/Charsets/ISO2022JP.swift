/// ISO-2022-JP (RFC 1468) with the Microsoft/NEC extensions real Japanese mail uses (CP50221: NEC row 13 such
/// as ①, IBM extensions, half-width katakana), which glibc's ISO-2022-JP rejects.
///
/// The escape sequences are unfolded into EUC-JP byte pairs (the same JIS X 0208 code points with the high bit
/// set), which iconv's `EUC-JP-MS` then decodes with those extensions.
enum ISO2022JP {
    /// Rewrites ISO-2022-JP bytes as EUC-JP-MS bytes; nil when the input uses designations other than
    /// ASCII, JIS X 0201 Roman/katakana and JIS X 0208.
    private enum Mode { case ascii, jis0208, katakana }

    static func toEUCJP(_ bytes: some Collection<UInt8>) -> [UInt8]? {
        let input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var mode = Mode.ascii
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == 0x1B {
                guard index + 2 < input.count else { return nil }
                switch (input[index + 1], input[index + 2]) {
                case (0x24, 0x42), (0x24, 0x40): mode = .jis0208  // ESC $ B, ESC $ @
                case (0x28, 0x42), (0x28, 0x4A), (0x28, 0x48): mode = .ascii  // ESC ( B, ESC ( J
                case (0x28, 0x49): mode = .katakana  // ESC ( I
                default: return nil
                }
                index += 3
                continue
            }
            if byte == ASCII.lf || byte == ASCII.cr {
                mode = .ascii  // RFC 1468: lines end in ASCII; tolerate encoders that forget to switch back
                output.append(byte)
                index += 1
                continue
            }
            switch mode {
            case .ascii:
                output.append(byte)
                index += 1
            case .katakana:
                output.append(0x8E)
                output.append(byte | 0x80)
                index += 1
            case .jis0208:
                guard index + 1 < input.count else { return nil }
                output.append(byte | 0x80)
                output.append(input[index + 1] | 0x80)
                index += 2
            }
        }
        return output
    }
}
