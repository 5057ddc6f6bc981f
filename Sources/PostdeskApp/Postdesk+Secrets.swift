import Foundation
import PostdeskCrypto

extension Postdesk {
    /// The key ring of `config`: `POSTDESK_SECRET` (or the generated secret file) and the previous secret, if any.
    static func keyRing(config: PostdeskConfig) throws(ConfigError) -> KeyRing {
        let secret = try loadSecret(config: config)
        let until = try config.previousSecretExpiry()
        var previous = config.secretPrevious.map { Array($0.utf8) }
        if previous == nil, until != nil {
            // A generated secret is rotated by renaming its file.
            let file = SecretFile(path: "\(config.dataDir)/secret.previous", minimumLength: 1)
            previous = try file.read()
            guard previous != nil else {
                throw ConfigError(
                    message: "secret_previous_until is set, but there is no secret_previous (POSTDESK_SECRET_PREVIOUS) "
                        + "and no \(file.path)")
            }
        }
        do {
            return try KeyRing(secret: secret, previous: previous, previousUntil: until)
        } catch {
            throw ConfigError(message: error.message)
        }
    }

    /// `POSTDESK_SECRET` (refused when shorter than 32 bytes), or the secret file in the data directory, generated
    /// on the first start and never overwritten afterwards (``SecretFile``).
    static func loadSecret(config: PostdeskConfig) throws(ConfigError) -> [UInt8] {
        if let secret = config.secret {
            let bytes = Array(secret.utf8)
            guard bytes.count >= KeyRing.minimumSecretLength else {
                throw ConfigError(
                    message: "secret (POSTDESK_SECRET) has \(bytes.count) bytes; at least "
                        + "\(KeyRing.minimumSecretLength) are required (e.g. `openssl rand -base64 48`)")
            }
            return bytes
        }
        let file = SecretFile(path: "\(config.dataDir)/secret", minimumLength: KeyRing.minimumSecretLength)
        return try file.loadOrCreate {
            var generator = SystemRandomNumberGenerator()
            return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        }
    }
}
