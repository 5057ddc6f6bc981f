import Dispatch
import HummingbirdBcrypt

/// Passwords: bcrypt hashes (hummingbird-auth's `HummingbirdBcrypt`), and what a password may be.
///
/// bcrypt reads at most 72 bytes and stops at the first NUL byte (its input is a C string), so two different long
/// passwords could share a hash. Rather than pre-hash silently, a password over 72 UTF-8 bytes or holding a control
/// character is refused with a message; at least 10 characters are required.
public struct PasswordPolicy: Sendable {
    /// bcrypt's work factor (log2 rounds). 12 in production; tests use the minimum, 4.
    public var cost: UInt8

    public static let minimumCharacters = 10
    public static let maximumBytes = 72

    public init(cost: UInt8 = 12) {
        self.cost = min(max(cost, 4), 31)
    }

    /// Why `password` cannot be used, or nil when it can.
    public static func problem(with password: String) -> String? {
        if password.count < minimumCharacters { return "at least \(minimumCharacters) characters" }
        if password.utf8.count > maximumBytes { return "at most \(maximumBytes) bytes (bcrypt reads no more)" }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "no control characters"
        }
        return nil
    }

    /// The hash to store. Call only with a password ``problem(with:)`` accepted.
    public func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches `hash`. With no hash (unknown address, no password yet) it still spends a bcrypt
    /// verification on a dummy hash, so the answer takes as long as for a real account.
    public func verify(_ password: String, hash: String?) -> Bool {
        guard password.utf8.count <= Self.maximumBytes, !password.utf8.contains(0) else {
            _ = Bcrypt.verify("", hash: dummyHash)
            return false
        }
        guard let hash else {
            _ = Bcrypt.verify(password, hash: dummyHash)
            return false
        }
        return Bcrypt.verify(password, hash: hash)
    }

    /// ``hash(_:)`` on a Dispatch worker: bcrypt takes a few hundred milliseconds at cost 12, which must not hold
    /// one of Swift's few cooperative threads (two on this machine) while other requests wait.
    func hashInBackground(_ password: String) async -> String {
        await Self.offPool { hash(password) }
    }

    /// ``verify(_:hash:)`` on a Dispatch worker, for the same reason.
    func verifyInBackground(_ password: String, hash: String?) async -> Bool {
        await Self.offPool { verify(password, hash: hash) }
    }

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    /// A hash of nothing anyone can type, at this policy's cost, made once per policy value.
    private var dummyHash: String {
        // "$2b$" + cost + 53 characters of salt and digest: verifies nothing, takes the full time.
        let costText = cost < 10 ? "0\(cost)" : "\(cost)"
        return "$2b$\(costText)$" + String(repeating: "C", count: 53)
    }
}
