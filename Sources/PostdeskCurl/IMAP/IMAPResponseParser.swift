/// Frames a byte stream from an IMAP server into ``IMAPResponse`` values, literals included.
///
/// Feed it whatever arrives with ``append(_:)`` and take complete responses with ``next()`` until it returns `nil`.
/// It never needs a response to arrive in one piece: a line or a literal may be split anywhere. A line that ends in
/// `{n}` (or `{n+}`, or `~{n}` for a binary literal, RFC 3516/7888) is followed by exactly `n` octets, which are
/// taken as they are, CR, LF and NUL included (RFC 9051 §4.3).
///
/// Limits are explicit: a line longer than `maxLineLength` or a literal larger than `maxLiteralLength` is an error
/// rather than unbounded memory.
struct IMAPResponseParser {
    /// What the parser refuses.
    enum Failure: Error, Hashable, Sendable {
        case lineTooLong(limit: Int)
        case literalTooLarge(size: Int, limit: Int)
    }

    let maxLineLength: Int
    let maxLiteralLength: Int

    private var buffer: [UInt8] = []
    private var readIndex = 0
    /// Where the search for the next LF resumes, so a long line arriving in pieces is scanned once.
    private var scanIndex = 0
    private var segments: [[UInt8]] = []
    private var literals: [[UInt8]] = []
    private var pendingLiteral: Int?

    /// - Parameters:
    ///   - maxLineLength: the longest line (without literals) accepted.
    ///   - maxLiteralLength: the largest literal accepted, i.e. the largest message body.
    init(maxLineLength: Int = 1 << 20, maxLiteralLength: Int = 256 << 20) {
        self.maxLineLength = maxLineLength
        self.maxLiteralLength = maxLiteralLength
    }

    /// The number of bytes received but not yet returned in a response.
    var bufferedCount: Int { buffer.count - readIndex }

    /// Adds bytes received from the server.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compactIfWorthIt()
        buffer.append(contentsOf: bytes)
    }

    /// Adds bytes received from the server.
    mutating func append(_ bytes: [UInt8]) {
        compactIfWorthIt()
        buffer.append(contentsOf: bytes)
    }

    /// The next complete response, or `nil` when more bytes are needed.
    mutating func next() throws(Failure) -> IMAPResponse? {
        while true {
            if let size = pendingLiteral {
                guard buffer.count - readIndex >= size else { return nil }
                literals.append(Array(buffer[readIndex..<readIndex + size]))
                readIndex += size
                scanIndex = readIndex
                pendingLiteral = nil
                continue
            }
            guard let lf = findLineFeed() else {
                if buffer.count - readIndex > maxLineLength { throw .lineTooLong(limit: maxLineLength) }
                return nil
            }
            var end = lf
            if end > readIndex, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            if end - readIndex > maxLineLength { throw .lineTooLong(limit: maxLineLength) }
            var line = Array(buffer[readIndex..<end])
            readIndex = lf + 1
            scanIndex = readIndex
            let isFirst = segments.isEmpty
            if !(isFirst && line.first == UInt8(ascii: "+")), let (size, markerStart) = Self.literalMarker(in: line) {
                guard size <= maxLiteralLength else { throw .literalTooLarge(size: size, limit: maxLiteralLength) }
                line.removeSubrange(markerStart...)
                segments.append(line)
                pendingLiteral = size
                continue
            }
            if isFirst && line.isEmpty { continue }  // a stray empty line carries nothing
            segments.append(line)
            let response = IMAPResponse(segments: segments, literals: literals)
            segments = []
            literals = []
            return response
        }
    }

    private mutating func findLineFeed() -> Int? {
        var index = scanIndex
        let count = buffer.count
        let found: Int? = buffer.withUnsafeBufferPointer { bytes in
            while index < count {
                if bytes[index] == 0x0A { return index }
                index += 1
            }
            return nil
        }
        scanIndex = found ?? count
        return found
    }

    /// The size and start of a literal marker `{n}`, `{n+}` or `~{n}` that ends `line`.
    static func literalMarker(in line: [UInt8]) -> (size: Int, start: Int)? {
        guard line.last == UInt8(ascii: "}") else { return nil }
        var index = line.count - 2
        if index >= 0, line[index] == UInt8(ascii: "+") { index -= 1 }
        let digitsEnd = index + 1
        while index >= 0, line[index] >= UInt8(ascii: "0"), line[index] <= UInt8(ascii: "9") { index -= 1 }
        let digitsStart = index + 1
        guard digitsStart < digitsEnd, digitsEnd - digitsStart <= 12, index >= 0, line[index] == UInt8(ascii: "{")
        else { return nil }
        var size = 0
        for digit in line[digitsStart..<digitsEnd] { size = size * 10 + Int(digit - UInt8(ascii: "0")) }
        var start = index
        if start > 0, line[start - 1] == UInt8(ascii: "~") { start -= 1 }
        return (size, start)
    }

    private mutating func compactIfWorthIt() {
        guard readIndex > 0 else { return }
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else if readIndex >= 1 << 16, readIndex * 2 >= buffer.count {
            buffer.removeSubrange(0..<readIndex)
        } else {
            return
        }
        scanIndex -= readIndex
        readIndex = 0
    }
}
