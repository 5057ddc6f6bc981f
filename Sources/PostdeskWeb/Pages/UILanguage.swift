import Foundation

/// The languages of the web pages. The raw value is the `lang` cookie's value and the page's `<html lang>`.
public enum UILanguage: String, Sendable, CaseIterable {
    case en, ru

    /// The `lang` cookie when it names a language we have, else the first one we have in `Accept-Language` (by
    /// q-value), else English. Anything unreadable counts as absent: these are hostile headers.
    public static func negotiate(cookie: String?, acceptLanguage: String?) -> UILanguage {
        if let cookie, let language = UILanguage(rawValue: cookie) { return language }
        guard let header = acceptLanguage, header.utf8.count <= 512 else { return .en }
        var best: (language: UILanguage, q: Double)?
        for item in header.split(separator: ",").prefix(20) {
            let parts = item.split(separator: ";")
            let tag = parts.first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            let primary = tag.split(separator: "-").first.map(String.init) ?? ""
            guard let language = UILanguage(rawValue: primary) else { continue }
            var q = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.trimmingCharacters(in: .whitespaces)
                if pair.hasPrefix("q="), let value = Double(pair.dropFirst(2)), value >= 0, value <= 1 { q = value }
            }
            if q > 0, q > (best?.q ?? 0) { best = (language, q) }
        }
        return best?.language ?? .en
    }

    /// The UI strings in this language.
    public var strings: UIStrings {
        switch self {
        case .en: .english
        case .ru: .russian
        }
    }
}
