public import Foundation

/// The keys Postdesk signs with, derived from `POSTDESK_SECRET`: one per purpose, each named by a short key id.
///
/// Every purpose gets its own key, HKDF-derived (RFC 5869) from the secret, so no two uses ever share a key. A token
/// names the key that signed it (``Key/id``), so the secret can be rotated: the ring holds the current secret and,
/// for a grace period, the previous one, whose tokens keep verifying until ``previousUntil``.
public struct KeyRing: Sendable {
    /// What a key is for; each purpose has its own key.
    public enum Purpose: String, Sendable, CaseIterable {
        /// The signed plus-address token of our Reply-To.
        case replyToken = "reply-token"
        /// Links to a customer's ticket page in our mails.
        case portalLink = "portal-link"
        /// Signed session cookies.
        case session
        /// An operator's link to one ticket's console page, in the notifications we mail them.
        case consoleLink = "console-link"
        /// Secrets of outgoing webhooks.
        case webhook
        /// The cookie a browser gets once it has signed in to an account (`postdesk_device`).
        case knownDevice = "known-device"
    }

    /// One derived key. Its description never shows the bytes.
    public struct Key: Sendable, CustomStringConvertible {
        /// Names the secret this key was derived from: ``KeyRing/keyIDLength`` lowercase base32 characters.
        public let id: String
        /// The key material, 32 bytes.
        public let bytes: [UInt8]

        public var description: String { "Key(id: \(id))" }
    }

    /// The shortest secret accepted: 256 bits, the HMAC-SHA-256 key size (RFC 2104 §3).
    public static let minimumSecretLength = 32
    /// The length of a key id. Ids only pick the key to try; two secrets with the same id are both tried.
    public static let keyIDLength = 3

    /// The id of the current secret's keys, the one new tokens carry.
    public var currentKeyID: String { current.id }
    /// When the previous secret stops verifying, if there is one.
    public let previousUntil: Date?

    private let current: Generation
    private let previous: Generation?

    /// Builds the ring.
    /// - Parameters:
    ///   - secret: the current secret, at least ``minimumSecretLength`` bytes.
    ///   - previous: the secret before the last rotation, whose tokens are still in customers' mailboxes. It may be
    ///     shorter than the minimum (it may date from before the minimum was enforced), but not empty.
    ///   - previousUntil: the end of the grace period; required with `previous`.
    public init(secret: [UInt8], previous: [UInt8]? = nil, previousUntil: Date? = nil) throws(KeyRingError) {
        guard secret.count >= Self.minimumSecretLength else {
            throw KeyRingError(
                code: .secretTooShort,
                message: "the secret has \(secret.count) bytes; at least \(Self.minimumSecretLength) are required")
        }
        if let previous {
            guard !previous.isEmpty else {
                throw KeyRingError(code: .previousSecretEmpty, message: "the previous secret is empty")
            }
            guard previousUntil != nil else {
                throw KeyRingError(
                    code: .previousSecretWithoutExpiry,
                    message: "a previous secret needs the date until which its tokens are accepted")
            }
        }
        current = Generation(secret: secret)
        self.previous = previous.map(Generation.init(secret:))
        self.previousUntil = previous == nil ? nil : previousUntil
    }

    /// The key to sign with now (the current secret's).
    /// - Parameter purpose: what the signature is for.
    public func key(for purpose: Purpose) -> Key {
        Key(id: current.id, bytes: current.keys[purpose] ?? [])
    }

    /// The keys a token naming `keyID` may have been signed with: the current secret's, and the previous secret's
    /// while its grace period lasts. Usually one key, none for an unknown or expired id, two only if both secrets
    /// happen to share the id.
    /// - Parameters:
    ///   - purpose: what the token is for.
    ///   - keyID: the id the token carries.
    ///   - now: the time of verification.
    public func verificationKeys(for purpose: Purpose, keyID: String, at now: Date) -> [Key] {
        live(at: now).filter { $0.id == keyID }.map { Key(id: $0.id, bytes: $0.keys[purpose] ?? []) }
    }

    /// The raw secrets, current first, then the previous one during its grace period: only for verifying reply
    /// tokens mailed before keys were derived (they carry no key id and were signed with the secret itself).
    /// - Parameter now: the time of verification.
    public func legacySecrets(at now: Date) -> [[UInt8]] {
        live(at: now).map(\.secret)
    }

    private func live(at now: Date) -> [Generation] {
        guard let previous, let previousUntil, now < previousUntil else { return [current] }
        return [current, previous]
    }

    /// One secret and the keys derived from it.
    private struct Generation: Sendable {
        let secret: [UInt8]
        let id: String
        let keys: [Purpose: [UInt8]]

        /// Fixed forever: changing the salt or an info string would void every token already mailed.
        static let salt = Array("postdesk key ring v1".utf8)

        init(secret: [UInt8]) {
            self.secret = secret
            let idBytes = HKDF.deriveKey(
                inputKeyMaterial: secret, salt: Self.salt, info: Array("postdesk/key-id".utf8), outputByteCount: 5)
            id = String(Base32.encode(idBytes).prefix(KeyRing.keyIDLength))
            var keys: [Purpose: [UInt8]] = [:]
            for purpose in Purpose.allCases {
                keys[purpose] = HKDF.deriveKey(
                    inputKeyMaterial: secret, salt: Self.salt, info: Array("postdesk/\(purpose.rawValue)".utf8),
                    outputByteCount: 32)
            }
            self.keys = keys
        }
    }
}

/// A key ring cannot be built from the configured secrets. Retrying will not help until the configuration is fixed.
public struct KeyRingError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public struct Code: Hashable, Sendable {
        private enum Base: Hashable, Sendable { case secretTooShort, previousSecretEmpty, previousSecretWithoutExpiry }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The secret is shorter than ``KeyRing/minimumSecretLength``.
        public static let secretTooShort = Code(.secretTooShort)
        /// A previous secret was given but it is empty.
        public static let previousSecretEmpty = Code(.previousSecretEmpty)
        /// A previous secret was given without the end of its grace period.
        public static let previousSecretWithoutExpiry = Code(.previousSecretWithoutExpiry)
    }

    public var code: Code
    public var message: String
    public var isTransient: Bool { false }
    public var description: String { message }
}
