/// A character set label normalised to what Postdesk decodes it as (WHATWG Encoding §4.2 style aliases).
///
/// Labels are mapped to supersets where real mail needs it: ISO-8859-1 → windows-1252, GB2312/GBK → GB18030,
/// Shift_JIS → CP932, EUC-KR/KS C 5601 → CP949.
enum Charset: Sendable, Hashable {
    case utf8
    case ascii
    case windows1252
    /// Any other charset, by its iconv name.
    case iconv(String)
    /// A label that names no charset (`unknown-8bit`, `x-user-defined`, empty).
    case unknown

    /// Normalises a MIME charset label.
    init(label rawLabel: String) {
        var label = rawLabel.trimmingCharacters(" \t\"'").lowercased()
        if let star = label.firstIndex(of: "*") { label = String(label[..<star]) }  // RFC 2231 §5 language
        switch label {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8", "unicode", "utf-8-sig": self = .utf8
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "ansi_x3.4-1986", "cp367": self = .ascii
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "windows-1252", "cp1252", "x-cp1252",
            "iso_8859-1:1987", "cp819", "ibm819", "iso-ir-100", "ansi_x3.110-1983", "iso8859_1":
            self = .windows1252
        case "", "unknown-8bit", "x-unknown", "unknown", "8bit", "7bit", "default", "x-user-defined", "charset",
            "none", "binary":
            self = .unknown
        case "gb2312", "gb_2312-80", "gb_2312", "euc-cn", "x-gbk", "gbk", "cp936", "ms936", "windows-936", "gb18030",
            "csgb2312", "chinese", "x-euc-cn", "hz-gb-2312":
            self = label == "hz-gb-2312" ? .iconv("HZ-GB-2312") : .iconv("GB18030")
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "cp932", "csshiftjis", "x-ms-cp932":
            self = .iconv("CP932")
        case "euc-kr", "ks_c_5601-1987", "ks_c_5601", "korean", "cp949", "windows-949", "csksc56011987",
            "x-windows-949":
            self = .iconv("CP949")
        case "big5", "cn-big5", "x-x-big5", "csbig5", "big5-hkscs", "x-big5": self = .iconv("BIG5-HKSCS")
        case "iso-2022-jp", "csiso2022jp", "iso2022jp": self = .iconv("ISO-2022-JP-3")
        case "euc-jp", "x-euc-jp", "cseucpkdfmtjapanese": self = .iconv("EUC-JP-MS")
        case "utf-7", "unicode-1-1-utf-7", "csunicode11utf7": self = .iconv("UTF-7")
        case "koi8-r", "koi8", "cskoi8r", "koi": self = .iconv("KOI8-R")
        case "koi8-u", "koi8-ru": self = .iconv("KOI8-U")
        case "tis-620", "windows-874", "iso-8859-11", "dos-874": self = .iconv("CP874")
        case "iso-8859-8-i": self = .iconv("ISO-8859-8")
        default:
            if label.contains("gb2312") || label.contains("gbk") {
                self = .iconv("GB18030")
            } else if label.hasPrefix("windows-"), let page = Int(label.dropFirst(8)) {
                self = .iconv("CP\(page)")
            } else if label.hasPrefix("x-cp") || label.hasPrefix("x-mac") {
                self = .iconv(String(label.dropFirst(2)).uppercased())
            } else if label.hasPrefix("iso8859-") || label.hasPrefix("iso_8859-") {
                self = .iconv("ISO-8859-" + (label.split(separator: "-").last.map { String($0.prefix(2)) } ?? "1"))
            } else if label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) }) {
                self = .iconv(label.uppercased())
            } else {
                self = .unknown
            }
        }
    }

    /// A short name for warnings.
    var name: String {
        switch self {
        case .utf8: "UTF-8"
        case .ascii: "US-ASCII"
        case .windows1252: "windows-1252"
        case .iconv(let name): name
        case .unknown: "unknown"
        }
    }
}

extension String {
    /// The string without leading and trailing characters from `set`.
    ///
    /// An ASCII `set` (every caller's) is matched byte by byte on the UTF-8 view, so CR and LF count singly
    /// and nothing is copied when nothing is trimmed.
    func trimmingCharacters(_ set: String) -> String {
        if set.utf8.allSatisfy({ $0 < 0x80 }) {
            let utf8 = self.utf8
            var start = utf8.startIndex
            var end = utf8.endIndex
            while start < end, set.utf8.contains(utf8[start]) { utf8.formIndex(after: &start) }
            while end > start, set.utf8.contains(utf8[utf8.index(before: end)]) { utf8.formIndex(before: &end) }
            if start == utf8.startIndex, end == utf8.endIndex { return self }
            return String(self[start..<end])
        }
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
