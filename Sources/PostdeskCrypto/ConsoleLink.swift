public import Foundation

/// The signed part of the link to one ticket's console page in a notification mailed to an operator
/// (`/console/tickets/<ticket>?k=<operator>-<signed at>-<key id><mac>`): whoever opens it sees that ticket as that
/// operator, for ``lifetime`` after signing.
///
/// A notification can travel (forwarded, CC'd on an answer), so the link is short-lived and carries its signing time:
/// the page shows internal notes written up to that moment only, like the notification itself. The MAC is
/// HMAC-SHA256 under the ring's console-link key over `postdesk-console-link\0<ticket>\0<operator>\0<signed at>`,
/// truncated to 128 bits and written in lowercase base32; times are Unix seconds. The web side must still check that
/// the operator exists and is enabled: a link outlives an operator's removal.
public struct ConsoleLink: Sendable, Hashable {
    /// How long a mailed link opens its ticket: a working week, so a leaked notification stops opening it soon.
    public static let lifetime: TimeInterval = 7 * 24 * 3600
    /// 16 MAC bytes in base32.
    public static let macLength = 26

    public var ticketNumber: Int64
    public var operatorID: Int64
    /// When it was signed, in Unix seconds.
    public var signedAt: Int64
    public var keyID: String
    public var mac: String

    /// Signs a link for operator `operatorID` to ticket `ticketNumber` at `date`.
    public static func sign(ticketNumber: Int64, operatorID: Int64, at date: Date, keys: KeyRing) -> ConsoleLink {
        let key = keys.key(for: .consoleLink)
        let signed = Int64(date.timeIntervalSince1970.rounded(.up))
        return ConsoleLink(
            ticketNumber: ticketNumber, operatorID: operatorID, signedAt: signed, keyID: key.id,
            mac: macString(ticketNumber, operatorID, signed, key.bytes))
    }

    public init(ticketNumber: Int64, operatorID: Int64, signedAt: Int64, keyID: String, mac: String) {
        self.ticketNumber = ticketNumber
        self.operatorID = operatorID
        self.signedAt = signedAt
        self.keyID = keyID
        self.mac = mac
    }

    /// Reads the `k` value of a link to ticket `ticketNumber`; nil unless it is exactly
    /// `<operator>-<signed at>-<key id><mac>` as we write it: positive decimal numbers without a leading zero and a
    /// lowercase base32 signature. No other spelling (upper case, Unicode case folds) is read, so a link has one.
    public init?(ticketNumber: Int64, parsing key: Substring) {
        let fields = key.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, let operatorID = SignedToken.number(fields[0]),
            let signed = SignedToken.number(fields[1])
        else {
            return nil
        }
        let signature = fields[2]
        guard signature.utf8.count == KeyRing.keyIDLength + Self.macLength,
            signature.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x32...0x37).contains($0) })
        else { return nil }
        self.init(
            ticketNumber: ticketNumber, operatorID: operatorID, signedAt: signed,
            keyID: String(signature.prefix(KeyRing.keyIDLength)), mac: String(signature.dropFirst(KeyRing.keyIDLength)))
    }

    /// The `k` query value.
    public var key: String { "\(operatorID)-\(signedAt)-\(keyID)\(mac)" }

    public var signedDate: Date { Date(timeIntervalSince1970: TimeInterval(signedAt)) }
    /// The first instant the link no longer opens anything.
    public var expiresDate: Date { signedDate + Self.lifetime }

    /// Whether we signed this link with a key still valid at `now`, not in the future, and it has not expired.
    /// Every candidate key is compared in constant time.
    public func verifies(keys: KeyRing, at now: Date) -> Bool {
        // A minute of grace for clocks of two nodes that disagree a little.
        guard signedDate <= now + 60, now < expiresDate else { return false }
        return keys.verifies(mac, purpose: .consoleLink, keyID: keyID, at: now) {
            Self.macString(ticketNumber, operatorID, signedAt, $0)
        }
    }

    /// The message format is frozen: links in operators' mailboxes must keep verifying until they expire.
    private static func macString(_ ticket: Int64, _ operatorID: Int64, _ signed: Int64, _ key: [UInt8]) -> String {
        let message = Array("postdesk-console-link\u{0}\(ticket)\u{0}\(operatorID)\u{0}\(signed)".utf8)
        return Base32.encode(HMACSHA256.authenticate(message, key: key).prefix(16))
    }
}
