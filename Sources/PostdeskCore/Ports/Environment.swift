import Foundation

/// Time and identity, injected so tests are byte-stable (STYLE habit 4).
public struct WorldEnvironment: Sendable {
    public var now: @Sendable () -> Date
    /// An unguessable URL-safe token (portal links).
    public var randomToken: @Sendable () -> String

    public init(now: @escaping @Sendable () -> Date, randomToken: @escaping @Sendable () -> String) {
        self.now = now
        self.randomToken = randomToken
    }

    /// The real clock and the system's random generator.
    public static var live: WorldEnvironment {
        WorldEnvironment(
            now: { Date() },
            randomToken: {
                // 128 random bits from two draws (each draw is a syscall), written as 26 base32 letters.
                var generator = SystemRandomNumberGenerator()
                var bits = (generator.next() as UInt64, generator.next() as UInt64)
                let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
                return String(
                    (0..<26).map { _ in
                        let letter = alphabet[Int(bits.0 & 31)]
                        bits.0 = (bits.0 >> 5) | (bits.1 << 59)
                        bits.1 >>= 5
                        return letter
                    })
            }
        )
    }
}
