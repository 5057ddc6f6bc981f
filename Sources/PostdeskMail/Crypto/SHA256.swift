/// SHA-256 as specified in FIPS 180-4 §6.2, in pure Swift.
///
/// Postdesk hashes every raw message and every attachment, so the compression function works on
/// unsafe buffers with wrapping arithmetic and no per-byte allocation.
public enum SHA256 {
    /// The size of a digest in bytes.
    public static let digestSize = 32
    /// The size of a message block in bytes (FIPS 180-4 §5.2.2).
    public static let blockSize = 64

    /// Hashes `bytes` in one go.
    /// - Parameter bytes: the message.
    /// - Returns: the 32-byte digest.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Hashes `bytes` and returns the digest as lowercase hexadecimal.
    /// - Parameter bytes: the message.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        hexString(hash(bytes))
    }

    /// Lowercase hexadecimal of arbitrary bytes (e.g. a digest).
    /// - Parameter bytes: the bytes to render.
    public static func hexString(_ bytes: some Sequence<UInt8>) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// An incremental SHA-256 (FIPS 180-4 §6.2), for input that arrives in pieces.
public struct SHA256Hasher: Sendable {
    var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    /// Creates a hasher with the initial hash value of FIPS 180-4 §5.3.3.
    public init() {
        buffer.reserveCapacity(SHA256.blockSize)
    }

    /// Feeds more message bytes.
    /// - Parameter bytes: the next piece of the message.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: $0) }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { update(buffer: $0) }
        }
    }

    /// Feeds more message bytes from a buffer.
    /// - Parameter input: the next piece of the message.
    public mutating func update(buffer input: UnsafeBufferPointer<UInt8>) {
        length &+= UInt64(input.count)
        var index = 0
        if !buffer.isEmpty {
            let take = min(SHA256.blockSize - buffer.count, input.count)
            buffer.append(contentsOf: input[0..<take])
            index = take
            if buffer.count == SHA256.blockSize {
                buffer.withUnsafeBufferPointer { compress($0, blocks: 1) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        let remaining = input.count - index
        let blocks = remaining / SHA256.blockSize
        if blocks > 0, let base = input.baseAddress {
            compress(UnsafeBufferPointer(start: base + index, count: blocks * SHA256.blockSize), blocks: blocks)
            index += blocks * SHA256.blockSize
        }
        if index < input.count {
            buffer.append(contentsOf: input[index...])
        }
    }

    /// Pads the message (FIPS 180-4 §5.1.1) and returns the digest.
    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail = buffer
        tail.append(0x80)
        while tail.count % SHA256.blockSize != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        tail.withUnsafeBufferPointer { compress($0, blocks: tail.count / SHA256.blockSize) }
        buffer.removeAll()
        let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
        var out: [UInt8] = []
        out.reserveCapacity(SHA256.digestSize)
        for word in words {
            out.append(UInt8(truncatingIfNeeded: word >> 24))
            out.append(UInt8(truncatingIfNeeded: word >> 16))
            out.append(UInt8(truncatingIfNeeded: word >> 8))
            out.append(UInt8(truncatingIfNeeded: word))
        }
        return out
    }
}
