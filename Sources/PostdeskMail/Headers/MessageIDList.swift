/// Reads msg-id lists (RFC 5322 §3.6.4: Message-ID, In-Reply-To, References) without angle brackets.
enum MessageIDList {
    /// The IDs in `value`: every `<…>`; when there is none, whitespace-separated words that contain `@`.
    static func parse(_ value: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<") {
            let after = rest.index(after: open)
            guard let close = rest[after...].firstIndex(of: ">") else { break }
            let id = rest[after..<close].trimmingCharacters(" \t")
            if !id.isEmpty { ids.append(String(id.filter { $0 != " " && $0 != "\t" })) }
            rest = rest[rest.index(after: close)...]
        }
        if ids.isEmpty {
            ids = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
                .filter { $0.contains("@") }
                .map { String($0).trimmingCharacters("<>") }
        }
        return ids
    }
}

extension Substring {
    func trimmingCharacters(_ set: String) -> Substring {
        var slice = self
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return slice
    }
}
