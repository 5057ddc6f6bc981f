import CCrypto

/// Whether `a` and `b` hold the same bytes, in time that depends on their length only (CRYPTO_memcmp).
///
/// Use it for every comparison of a MAC, token or digest an attacker may have chosen: `==` stops at the first
/// difference and tells them how much of their guess was right. Lengths are not secret (they are fixed by the
/// format), so different lengths return false at once.
/// - Parameters:
///   - a: one byte string, e.g. the expected MAC.
///   - b: the other, e.g. the MAC received.
public func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    guard !a.isEmpty else { return true }
    return a.withUnsafeBytes { left in
        b.withUnsafeBytes { right in CRYPTO_memcmp(left.baseAddress, right.baseAddress, a.count) == 0 }
    }
}
