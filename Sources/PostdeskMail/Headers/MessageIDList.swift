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
            if let id = validated(id) { ids.append(id) }
            position = close + 1
        }
        if ids.isEmpty {
            ids = bytes.split(whereSeparator: { $0 == ASCII.space || $0 == ASCII.tab || $0 == ASCII.comma })
                .filter { $0.contains(ASCII.at) }
                .compactMap { word in
                    var word = word
                    while let first = word.first, first == ASCII.lessThan || first == ASCII.greaterThan {
                        word.removeFirst()
                    }
                    while let last = word.last, last == ASCII.lessThan || last == ASCII.greaterThan {
                        word.removeLast()
                    }
                    return validated(word)
                }
        }
        return ids
    }

    /// The longest Message-ID kept, in octets: far above any real one, far below a header line's 998.
    static let maxLength = 250

    /// `bytes` as an id when they can stand between `<` and `>` in a header of ours: printable ASCII or UTF-8, no
    /// whitespace, controls or angle brackets (RFC 5322 §3.6.4, RFC 6532 §3.2). Anything else is not kept, because
    /// these ids are copied into the In-Reply-To and References of the mails we send.
    static func validated(_ bytes: some Collection<UInt8>) -> String? {
        guard !bytes.isEmpty, bytes.count <= maxLength,
            bytes.allSatisfy({ ($0 > 32 && $0 < 127 && $0 != ASCII.lessThan && $0 != ASCII.greaterThan) || $0 >= 0x80 }
            ),
            let id = String(validating: bytes, as: UTF8.self),
            !id.unicodeScalars.contains(where: \.isControlOrLineBreak)
        else { return nil }
        return id
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
