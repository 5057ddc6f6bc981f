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
                var generator = SystemRandomNumberGenerator()
                let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
                return String((0..<26).map { _ in alphabet[Int(generator.next() % 32)] })
            }
        )
    }
}
