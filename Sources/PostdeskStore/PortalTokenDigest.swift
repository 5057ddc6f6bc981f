import PostdeskCrypto

/// How a portal link token is stored: the lowercase hex SHA-256 of its UTF-8 bytes, never the token itself.
///
/// A token carries 128 random bits, so an unsalted digest cannot be reversed by guessing; a copy of the database
/// therefore opens no customer's page. The one place that hashes: switching the SHA-256 implementation touches
/// only this file.
enum PortalTokenDigest {
    static func hex(_ token: String) -> String {
        SHA256.hex(Array(token.utf8))
    }
}
