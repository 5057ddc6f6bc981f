import Foundation
import PostdeskCore
import PostdeskCrypto

/// The `postdesk_device` cookie: a browser that once signed in to an account with the right password (or a link)
/// carries it, signed for that account.
///
/// It exists because the per-address sign-in limit can be used against its owner: five wrong passwords per window,
/// sent by anyone, would keep an operator (who has no login links) out for good. A sign-in that presents a valid
/// device cookie for the account it names is therefore counted in its own per-address-and-device bucket instead of
/// the shared per-address one (the per-IP limit still applies). The cookie proves nothing on its own: the password
/// is still checked, and the cookie never signs anyone in.
///
/// Value: `<c|o><account id>.<issued at>.<nonce>.<key id><mac>`; the MAC is HMAC-SHA256 under the ring's
/// known-device key over `postdesk-known-device\0<c|o>\0<account id>\0<issued at>\0<nonce>`, truncated to 128 bits,
/// lowercase base32. The nonce (32 hex digits) names the device's own bucket.
struct KnownDevice: Sendable, Hashable {
    static let cookieName = "postdesk_device"
    /// How long a browser stays known without signing in again: it is renewed at every sign-in.
    static let lifetime: TimeInterval = 365 * 86400
    static let macLength = 26

    var account: AccountRef
    var issuedAt: Int64
    var nonce: String
    var keyID: String
    var mac: String

    /// A new device cookie for `account`.
    static func issue(for account: AccountRef, at date: Date, keys: KeyRing) -> KnownDevice {
        let key = keys.key(for: .knownDevice)
        let issued = Int64(date.timeIntervalSince1970.rounded(.down))
        let nonce = String(SecretToken.make().prefix(32))
        return KnownDevice(
            account: account, issuedAt: issued, nonce: nonce, keyID: key.id,
            mac: macString(account, issued, nonce, key.bytes))
    }

    /// Reads a cookie value; nil unless it is exactly as ``value`` writes it.
    init?(parsing text: String) {
        guard text.utf8.count <= 120 else { return nil }
        let fields = text.split(separator: ".", omittingEmptySubsequences: false)
        guard fields.count == 4, let kind = fields[0].first, let id = SignedToken.number(fields[0].dropFirst()),
            let issued = SignedToken.number(fields[1])
        else { return nil }
        switch kind {
        case "c": account = .customer(CustomerID(id))
        case "o": account = .operator(OperatorID(id))
        default: return nil
        }
        let nonce = fields[2]
        guard nonce.utf8.count == 32,
            nonce.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        let signature = fields[3]
        guard signature.utf8.count == KeyRing.keyIDLength + Self.macLength,
            signature.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x32...0x37).contains($0) })
        else { return nil }
        self.issuedAt = issued
        self.nonce = String(nonce)
        self.keyID = String(signature.prefix(KeyRing.keyIDLength))
        self.mac = String(signature.dropFirst(KeyRing.keyIDLength))
    }

    private init(account: AccountRef, issuedAt: Int64, nonce: String, keyID: String, mac: String) {
        self.account = account
        self.issuedAt = issuedAt
        self.nonce = nonce
        self.keyID = keyID
        self.mac = mac
    }

    /// The cookie value.
    var value: String {
        let (kind, id) = Self.parts(account)
        return "\(kind)\(id).\(issuedAt).\(nonce).\(keyID)\(mac)"
    }

    /// Whether we signed it with a key still valid at `now`, for `account`, and it has not expired.
    func verifies(for account: AccountRef, keys: KeyRing, at now: Date) -> Bool {
        let issued = Date(timeIntervalSince1970: TimeInterval(issuedAt))
        guard account == self.account, issued <= now + 60, now < issued + Self.lifetime else { return false }
        return keys.verifies(mac, purpose: .knownDevice, keyID: keyID, at: now) {
            Self.macString(account, issuedAt, nonce, $0)
        }
    }

    /// The sign-in limit's key for this device's failures at `address` (see ``SignInLimit/keys(address:ip:)``).
    func limitKey(address: String) -> String {
        "device:" + nonce + ":" + String(decoding: address.lowercased().utf8.prefix(320), as: UTF8.self)
    }

    private static func parts(_ account: AccountRef) -> (Character, Int64) {
        switch account {
        case .customer(let id): ("c", id.rawValue)
        case .operator(let id): ("o", id.rawValue)
        }
    }

    private static func macString(_ account: AccountRef, _ issued: Int64, _ nonce: String, _ key: [UInt8]) -> String {
        let (kind, id) = parts(account)
        let message = Array("postdesk-known-device\u{0}\(kind)\u{0}\(id)\u{0}\(issued)\u{0}\(nonce)".utf8)
        return Base32.encode(HMACSHA256.authenticate(message, key: key).prefix(16))
    }
}
