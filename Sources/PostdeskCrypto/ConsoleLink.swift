public import Foundation

/// The signed part of the link to one ticket's console page in a notification mailed to an operator
/// (`/console/tickets/<ticket>?k=<operator>-<expiry>-<key id><mac>`): whoever opens it sees that ticket as that
/// operator, until the expiry.
///
/// It grants no more than the notification itself already holds (the ticket's conversation), only the whole of it and
/// for a limited time, so a forwarded notification stops opening the ticket after ``lifetime``. The MAC is
/// HMAC-SHA256 under the ring's console-link key over `postdesk-console-link\0<ticket>\0<operator>\0<expiry>`,
/// truncated to 128 bits and written in lowercase base32; the expiry is Unix seconds. The web side must still check
/// that the operator exists and is enabled: a link outlives an operator's removal.
public struct ConsoleLink: Sendable, Hashable {
    /// How long a mailed link opens its ticket: a month covers a holiday's backlog.
    public static let lifetime: TimeInterval = 30 * 24 * 3600
    /// 16 MAC bytes in base32.
    public static let macLength = 26

    public var ticketNumber: Int64
    public var operatorID: Int64
    /// Unix seconds after which the link no longer opens anything.
    public var expiresAt: Int64
    public var keyID: String
    public var mac: String

    /// Signs a link for operator `operatorID` to ticket `ticketNumber`, valid for ``lifetime`` from `date`.
    public static func sign(ticketNumber: Int64, operatorID: Int64, at date: Date, keys: KeyRing) -> ConsoleLink {
        let key = keys.key(for: .consoleLink)
        let expiry = Int64(date.timeIntervalSince1970 + lifetime)
        return ConsoleLink(
            ticketNumber: ticketNumber, operatorID: operatorID, expiresAt: expiry, keyID: key.id,
            mac: macString(ticketNumber, operatorID, expiry, key.bytes))
    }

    public init(ticketNumber: Int64, operatorID: Int64, expiresAt: Int64, keyID: String, mac: String) {
        self.ticketNumber = ticketNumber
        self.operatorID = operatorID
        self.expiresAt = expiresAt
        self.keyID = keyID
        self.mac = mac
    }

    /// Reads the `k` value of a link to ticket `ticketNumber`; nil unless it is exactly
    /// `<operator>-<expiry>-<key id><mac>` with positive decimal numbers without a leading zero and a base32 signature.
    public init?(ticketNumber: Int64, parsing key: Substring) {
        let fields = key.lowercased().split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, let operatorID = Self.number(fields[0]), let expiry = Self.number(fields[1]) else {
            return nil
        }
        let signature = fields[2]
        guard signature.count == KeyRing.keyIDLength + Self.macLength, Base32.isEncoded(signature) else { return nil }
        self.init(
            ticketNumber: ticketNumber, operatorID: operatorID, expiresAt: expiry,
            keyID: String(signature.prefix(KeyRing.keyIDLength)), mac: String(signature.dropFirst(KeyRing.keyIDLength)))
    }

    /// The `k` query value.
    public var key: String { "\(operatorID)-\(expiresAt)-\(keyID)\(mac)" }

    /// Whether we signed this link with a key still valid at `now`, and it has not expired. Every candidate key is
    /// compared in constant time.
    public func verifies(keys: KeyRing, at now: Date) -> Bool {
        guard Double(expiresAt) > now.timeIntervalSince1970 else { return false }
        let given = Array(mac.utf8)
        return keys.verificationKeys(for: .consoleLink, keyID: keyID, at: now).reduce(false) { found, key in
            constantTimeEquals(Array(Self.macString(ticketNumber, operatorID, expiresAt, key.bytes).utf8), given)
                || found
        }
    }

    private static func number(_ digits: Substring) -> Int64? {
        guard let first = digits.first, first != "0", digits.count <= 18,
            digits.allSatisfy({ $0.isASCII && $0.isWholeNumber }), let value = Int64(digits)
        else { return nil }
        return value
    }

    /// The message format is frozen: links in operators' mailboxes must keep verifying until they expire.
    private static func macString(_ ticket: Int64, _ operatorID: Int64, _ expiry: Int64, _ key: [UInt8]) -> String {
        let message = Array("postdesk-console-link\u{0}\(ticket)\u{0}\(operatorID)\u{0}\(expiry)".utf8)
        return Base32.encode(HMACSHA256.authenticate(message, key: key).prefix(16))
    }
}
