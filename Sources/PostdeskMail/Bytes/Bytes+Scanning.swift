#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Scanning helpers over byte collections; everything works on indices so slices stay views.
extension Collection where Element == UInt8 {
    /// Whether the bytes equal `other`, ignoring ASCII case.
    func equalsIgnoringCase(_ other: String) -> Bool {
        var utf8 = other.utf8.makeIterator()
        for byte in self {
            guard let next = utf8.next(), ASCII.lower(byte) == ASCII.lower(next) else { return false }
        }
        return utf8.next() == nil
    }

    /// Whether the bytes start with `prefix`, ignoring ASCII case.
    func hasPrefixIgnoringCase(_ prefix: String) -> Bool {
        var mine = makeIterator()
        for byte in prefix.utf8 {
            guard let next = mine.next(), ASCII.lower(next) == ASCII.lower(byte) else { return false }
        }
        return true
    }

    /// Whether every byte is below 0x80.
    var isASCII: Bool {
        let checked: Bool? = withContiguousStorageIfAvailable { buffer in
            var index = 0
            let count = buffer.count
            while index + 8 <= count {
                let word = UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { return false }
                index += 8
            }
            while index < count {
                if buffer[index] >= 0x80 { return false }
                index += 1
            }
            return true
        }
        if let checked { return checked }
        return allSatisfy { $0 < 0x80 }
    }
}

extension BidirectionalCollection where Element == UInt8 {
    /// The bytes without leading and trailing whitespace (space, tab, CR, LF).
    func trimmedWhitespace() -> SubSequence {
        var start = startIndex
        var end = endIndex
        while start < end, ASCII.isWhitespace(self[start]) { formIndex(after: &start) }
        while end > start, ASCII.isWhitespace(self[index(before: end)]) { formIndex(before: &end) }
        return self[start..<end]
    }
}

/// Finds `needle` in `haystack[from..<to]` (memchr for the first byte, then memcmp); returns the absolute index.
func findBytes(_ needle: [UInt8], in haystack: [UInt8], from: Int, to limit: Int? = nil) -> Int? {
    let end = Swift.min(limit ?? haystack.count, haystack.count)
    guard !needle.isEmpty, from >= 0, end - from >= needle.count else { return nil }
    return haystack.withUnsafeBufferPointer { hay -> Int? in
        needle.withUnsafeBufferPointer { pin -> Int? in
            guard let hayBase = hay.baseAddress, let pinBase = pin.baseAddress else { return nil }
            let first = Int32(pinBase[0])
            let lastStart = end - pin.count
            var position = from
            while position <= lastStart {
                guard let found = memchr(hayBase + position, first, lastStart - position + 1) else { return nil }
                let index = hayBase.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if memcmp(hayBase + index, pinBase, pin.count) == 0 { return index }
                position = index + 1
            }
            return nil
        }
    }
}

/// Finds `byte` in `haystack[from..<to]` with `memchr`; returns the absolute index.
func findByte(_ byte: UInt8, in haystack: [UInt8], from: Int, to limit: Int) -> Int? {
    let end = Swift.min(limit, haystack.count)
    guard from < end else { return nil }
    return haystack.withUnsafeBufferPointer { hay -> Int? in
        guard let base = hay.baseAddress, let found = memchr(base + from, Int32(byte), end - from) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}

extension String {
    /// Whether the UTF-8 of `needle` occurs in the string (byte comparison, no Foundation).
    func containsBytes(_ needle: String) -> Bool {
        // Native strings are contiguous UTF-8: search in place instead of copying the haystack.
        let found: Bool?? = utf8.withContiguousStorageIfAvailable { haystack in
            needle.utf8.withContiguousStorageIfAvailable { needle in
                guard !needle.isEmpty else { return true }
                guard haystack.count >= needle.count else { return false }
                guard let base = haystack.baseAddress, let pattern = needle.baseAddress else { return false }
                let first = Int32(pattern[0])
                var position = 0
                let last = haystack.count - needle.count
                while position <= last, let hit = memchr(base + position, first, last - position + 1) {
                    let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + offset, pattern, needle.count) == 0 { return true }
                    position = offset + 1
                }
                return false
            }
        }
        if let found = found ?? nil { return found }
        return findBytes(Array(needle.utf8), in: Array(utf8), from: 0) != nil
    }
}
