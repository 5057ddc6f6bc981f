/// Turns bytes in a declared (or missing, or lying) charset into text, recording every repair.
///
/// Order of trust, after RFC 2045 §5.2 and RFC 6532 §3: valid UTF-8 with non-ASCII bytes wins over a label
/// that says otherwise; then the label; then related charsets of the same family and hints from elsewhere in
/// the message; then a windows-1251/KOI8-R/windows-1252 guess.
struct TextDecoder: Sendable {
    /// Charsets seen elsewhere in the message, tried before the single-byte guess (e.g. for raw 8-bit headers).
    var hints: [Charset] = []
    /// The raw message, scanned for `charset=` labels only when a guess is needed (see ``Charset/charsetHints(in:)``).
    var hintSource: [UInt8]?

    /// The hints, including labels found in ``hintSource``.
    private var allHints: [Charset] {
        guard let hintSource else { return hints }
        return hints + Charset.charsetHints(in: hintSource).filter { !hints.contains($0) }
    }

    /// Decodes `bytes` labelled `label`.
    /// - Parameters:
    ///   - bytes: the text in its transfer form already removed.
    ///   - label: the charset parameter, or nil when absent.
    ///   - context: names the text in warnings (e.g. "Subject header", "body part 2").
    ///   - warnings: where repairs are recorded.
    func decode(
        _ bytes: some Collection<UInt8>, label: String?, context: String, warnings: inout WarningLog
    ) -> String {
        let charset = label.map(Charset.init(label:)) ?? .unknown
        // 7-bit stateful text is ASCII bytes; UTF-16/32 text of ASCII characters is ASCII bytes and NULs, which is
        // valid UTF-8 too: for both only the label can say what the bytes mean.
        let stateful = charset.isSevenBitStateful || charset.isWide
        if !stateful, bytes.isASCII { return Self.string(ascii: bytes) }
        if !stateful, let text = Self.validUTF8(bytes) {
            switch charset {
            case .utf8, .ascii, .unknown: break
            default: warnings.add("\(context): labelled \(label ?? "") but valid UTF-8; read as UTF-8")
            }
            return text
        }
        switch charset {
        case .utf8, .ascii, .unknown:
            let array = Array(bytes)
            let (text, used) =
                CharsetGuesser.isMostlyUTF8(array)
                ? (CharsetGuesser.mixedUTF8(array), "UTF-8 with windows-1252 bytes") : guess(array, prefer: [])
            let what = label.map { "labelled \($0)" } ?? "no charset"
            warnings.add("\(context): \(what) and not UTF-8; read as \(used)")
            return text
        case .windows1252:
            return Windows1252.decode(bytes)
        case .iconv(let name):
            switch Self.iconv(bytes, name) {
            case .decoded(let text):
                return text
            case .lossy, .unsupported:
                let (text, used) = guess(bytes, prefer: charset.family)
                warnings.add("\(context): labelled \(label ?? name) but not valid there; read as \(used)")
                return text
            }
        }
    }

    /// iconv, with ISO-2022-JP routed through EUC-JP-MS for the vendor extensions.
    private static func iconv(_ bytes: some Collection<UInt8>, _ name: String) -> IconvDecoder.Result {
        if name.hasPrefix("ISO-2022") || name == "UTF-7", !bytes.isASCII {
            return .lossy("", invalidCount: 1)  // 7-bit encodings: 8-bit bytes mean the label lies
        }
        if name == "ISO-2022-JP-3", let euc = ISO2022JP.toEUCJP(bytes) {
            let result = IconvDecoder.decode(euc, from: "EUC-JP-MS")
            if case .decoded = result { return result }
        }
        return IconvDecoder.decode(bytes, from: name)
    }

    /// The best strict decoding among `prefer`, the hints (and their families) and ``CharsetGuesser``.
    func guess(_ bytes: some Collection<UInt8>, prefer: [Charset]) -> (String, String) {
        var tried: Set<String> = []
        for candidate in prefer + allHints.filter(\.isMultiByte).flatMap({ [$0] + $0.family }) {
            guard case .iconv(let name) = candidate, tried.insert(name).inserted else { continue }
            if case .decoded(let text) = Self.iconv(bytes, name) { return (text, name) }
        }
        let guessed = CharsetGuesser.guess(bytes)
        return (guessed.text, guessed.charset)
    }

    static func string(ascii bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The bytes as a String if they are valid UTF-8 (a BOM is dropped).
    static func validUTF8(_ bytes: some Collection<UInt8>) -> String? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }
}

extension Charset {
    /// ISO-2022-* and UTF-7 are 7-bit, so "ASCII-only" says nothing about them.
    var isSevenBitStateful: Bool {
        if case .iconv(let name) = self { return name.hasPrefix("ISO-2022") || name == "UTF-7" || name.hasPrefix("HZ") }
        return false
    }

    /// UTF-16 and UTF-32 (RFC 2781): byte-wise they look like ASCII or UTF-8 with NULs.
    var isWide: Bool {
        if case .iconv(let name) = self {
            return name.hasPrefix("UTF-16") || name.hasPrefix("UTF-32") || name.hasPrefix("UCS-2")
                || name.hasPrefix("UCS-4")
        }
        return false
    }

    /// Whether one character may take several bytes (so a strict decode is evidence).
    var isMultiByte: Bool {
        if case .iconv(let name) = self {
            return ["GB18030", "CP932", "CP949", "BIG5-HKSCS", "EUC-JP-MS", "ISO-2022-JP-3", "EUC-TW"].contains(name)
        }
        return false
    }

    /// Related charsets that mislabelled mail often really uses.
    var family: [Charset] {
        guard case .iconv(let name) = self else { return [] }
        switch name {
        case "ISO-2022-JP-3", "CP932", "EUC-JP-MS":
            return [.iconv("CP932"), .iconv("EUC-JP-MS"), .iconv("ISO-2022-JP-3")]
        case "GB18030", "BIG5-HKSCS": return [.iconv("GB18030"), .iconv("BIG5-HKSCS")]
        case "CP949": return [.iconv("CP949")]
        case "KOI8-R", "KOI8-U", "CP1251": return [.iconv("CP1251"), .iconv("KOI8-R")]
        default: return []
        }
    }

    /// Charset labels anywhere in the message (also inside attached messages), multi-byte ones first: hints for
    /// raw 8-bit header bytes and unlabelled text.
    static func charsetHints(in raw: [UInt8]) -> [Charset] {
        var seen: [Charset] = []
        var position = 0
        let needle = Array("harset=".utf8)
        while seen.count < 8, let found = findBytes(needle, in: raw, from: position) {
            var index = found + needle.count
            if index < raw.count, raw[index] == ASCII.quote { index += 1 }
            let start = index
            while index < raw.count, index - start < 40,
                ASCII.isAlpha(raw[index]) || ASCII.isDigit(raw[index]) || raw[index] == ASCII.minus
                    || raw[index] == ASCII.underscore
            {
                index += 1
            }
            let charset = Charset(label: String(decoding: raw[start..<index], as: UTF8.self))
            if !seen.contains(charset) { seen.append(charset) }
            position = index
        }
        return seen.filter(\.isMultiByte) + seen.filter { !$0.isMultiByte }
    }
}
