import Foundation

/// An `application/x-www-form-urlencoded` body as fields. The first value of a repeated name wins; at most 64
/// fields are read; a field that does not decode is dropped.
enum FormBody {
    static func parse(_ text: Substring) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true).prefix(64) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), fields[name] == nil,
                let value = parts.count > 1 ? decode(parts[1]) : ""
            else { continue }
            fields[name] = value
        }
        return fields
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
