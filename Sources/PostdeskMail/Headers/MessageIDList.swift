/// Reads msg-id lists (RFC 5322 §3.6.4: Message-ID, In-Reply-To, References) without angle brackets.
enum MessageIDList {
    /// The IDs in `value`: every `<…>`; when there is none, whitespace-separated words that contain `@`.
    static func parse(_ value: String) -> [String] {
        let bytes = Array(value.utf8)
        var ids: [String] = []
        var position = 0
        while let open = findByte(ASCII.lessThan, in: bytes, from: position, to: bytes.count) {
            guard let close = findByte(ASCII.greaterThan, in: bytes, from: open + 1, to: bytes.count) else { break }
            let id = bytes[(open + 1)..<close].filter { $0 != ASCII.space && $0 != ASCII.tab }
            if !id.isEmpty { ids.append(String(decoding: id, as: UTF8.self)) }
            position = close + 1
        }
        if ids.isEmpty {
            ids = bytes.split(whereSeparator: { $0 == ASCII.space || $0 == ASCII.tab || $0 == ASCII.comma })
                .filter { $0.contains(ASCII.at) }
                .map { word in
                    var word = word
                    while let first = word.first, first == ASCII.lessThan || first == ASCII.greaterThan {
                        word.removeFirst()
                    }
                    while let last = word.last, last == ASCII.lessThan || last == ASCII.greaterThan {
                        word.removeLast()
                    }
                    return String(decoding: word, as: UTF8.self)
                }
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
