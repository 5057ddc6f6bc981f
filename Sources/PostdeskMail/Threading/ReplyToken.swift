public import Foundation
public import PostdeskCrypto

/// The signed token we put in the plus-address of our Reply-To (`support+<token>@domain`).
///
/// `t<number>-<key id><mac>`: the key id (``KeyRing/keyIDLength`` characters) names the secret that signed it, and
/// the MAC is HMAC-SHA256 over the ticket number and the recipient's address under the ring's reply-token key,
/// truncated to 80 bits. Everything is lowercase base32, so it survives MTAs that lowercase local parts, and short:
/// `support+t123456-3ibdt5mj7y2azp3ejwy` leaves room in the 64-octet local part (RFC 5321 §4.5.3.1.1). A token
/// only verifies for the address it was sent to: a stranger can neither forge one nor reuse someone else's.
///
/// Tokens mailed before key ids existed read `t<number>-<mac>`, with the MAC made with the raw secret. They keep
/// verifying against the current secret, and against the previous one during its grace period, so a customer's
/// reply to an old mail still threads; new tokens are never made in that form.
public struct ReplyToken: Sendable, Hashable {
    public var ticketNumber: Int64
    /// The id of the key that signed it; nil for a token of the old form, signed with the raw secret.
    public var keyID: String?
    public var mac: String

    /// The length of the MAC in base32 characters (80 bits).
    static let macLength = 16

    /// Signs a token for `recipient` on ticket `ticketNumber` with the ring's current reply-token key.
    /// - Parameters:
    ///   - ticketNumber: the ticket the reply belongs to.
    ///   - recipient: the address the mail goes to; only a reply from it verifies.
    ///   - keys: the key ring.
    public static func sign(ticketNumber: Int64, recipient: String, keys: KeyRing) -> ReplyToken {
        let key = keys.key(for: .replyToken)
        return ReplyToken(
            ticketNumber: ticketNumber, keyID: key.id, mac: macString(ticketNumber, recipient, key.bytes))
    }

    /// Reads `t<number>-<key id><mac>` or the old `t<number>-<mac>`; nil when it is neither.
    public init?(parsing text: Substring) {
        let text = text.lowercased()
        guard text.hasPrefix("t"), let dash = text.firstIndex(of: "-") else { return nil }
        let digits = text[text.index(after: text.startIndex)..<dash]
        // Digits only: Int64("+12") would read, and one ticket must have one spelling.
        guard digits.allSatisfy({ $0.isASCII && $0.isWholeNumber }), let number = Int64(digits), number > 0
        else { return nil }
        let signature = text[text.index(after: dash)...]
        guard Base32.isEncoded(signature) else { return nil }
        switch signature.count {
        case Self.macLength:
            self.init(ticketNumber: number, keyID: nil, mac: String(signature))
        case KeyRing.keyIDLength + Self.macLength:
            self.init(
                ticketNumber: number, keyID: String(signature.prefix(KeyRing.keyIDLength)),
                mac: String(signature.dropFirst(KeyRing.keyIDLength)))
        default:
            return nil
        }
    }

    public init(ticketNumber: Int64, keyID: String?, mac: String) {
        self.ticketNumber = ticketNumber
        self.keyID = keyID
        self.mac = mac
    }

    /// Whether this token was signed by us for `sender` with a key that is still valid. Compared in constant time.
    /// - Parameters:
    ///   - sender: the From address of the reply.
    ///   - keys: the key ring: the current key, and the previous one during its grace period.
    ///   - now: the time of the check (the grace period may have ended).
    public func verifies(for sender: String, keys: KeyRing, at now: Date) -> Bool {
        let candidates =
            if let keyID {
                keys.verificationKeys(for: .replyToken, keyID: keyID, at: now).map(\.bytes)
            } else {
                keys.legacySecrets(at: now)
            }
        let given = Array(mac.utf8)
        // Every candidate is tried, so the time taken does not say which one matched.
        return candidates.reduce(false) { found, key in
            constantTimeEquals(Array(Self.macString(ticketNumber, sender, key).utf8), given) || found
        }
    }

    public var text: String { "t\(ticketNumber)-\(keyID ?? "")\(mac)" }

    /// The plus-address carrying this token: `support+t12-3ib…@example.test` for `support@example.test`.
    public func address(on supportAddress: String) -> String {
        PlusAddress.make(text, on: supportAddress)
    }

    /// Finds a token in `address` when it is a plus-address of `supportAddress` (case-insensitive).
    public static func find(in address: String, supportAddress: String) -> ReplyToken? {
        PlusAddress.tag(of: address, on: supportAddress).flatMap { ReplyToken(parsing: $0) }
    }

    /// The message format is frozen: tokens in customers' mailboxes must keep verifying.
    private static func macString(_ number: Int64, _ recipient: String, _ key: [UInt8]) -> String {
        let message = Array("postdesk-reply-token\u{0}\(number)\u{0}\(recipient.lowercased())".utf8)
        return Base32.encode(HMACSHA256.authenticate(message, key: key).prefix(10))
    }
}
