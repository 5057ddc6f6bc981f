public import Foundation
public import PostdeskCrypto

/// The signed token in the Reply-To of a mail to an operator (`support+o<ticket>-<operator>-<key id><mac>@domain`):
/// a reply carrying it claims to be that operator's, on that ticket.
///
/// The design of ``ReplyToken``, with its own prefix and MAC domain: lowercase base32, the key id
/// (``KeyRing/keyIDLength`` characters) naming the secret that signed it, and HMAC-SHA256 under the ring's
/// reply-token key over `postdesk-operator-token\0<ticket>\0<operator id>`, truncated to 80 bits. A token proves only
/// that we sent it to that operator for that ticket: the MAC holds no address, so the workflow must check the From
/// against the operator's addresses (and the server's authentication results) itself. Neither form is ever read as
/// the other: ``ReplyToken`` starts with `t`, this with `o`, and their MACs are over different messages.
public struct OperatorReplyToken: Sendable, Hashable {
    public var ticketNumber: Int64
    /// The operator's id (``PostdeskCore`` `OperatorID.rawValue`).
    public var operatorID: Int64
    /// The id of the key that signed it.
    public var keyID: String
    public var mac: String

    /// Signs a token for operator `operatorID` on ticket `ticketNumber` with the ring's current reply-token key.
    /// - Parameters:
    ///   - ticketNumber: the ticket the reply belongs to.
    ///   - operatorID: the operator the mail goes to.
    ///   - keys: the key ring.
    public static func sign(ticketNumber: Int64, operatorID: Int64, keys: KeyRing) -> OperatorReplyToken {
        let key = keys.key(for: .replyToken)
        return OperatorReplyToken(
            ticketNumber: ticketNumber, operatorID: operatorID, keyID: key.id,
            mac: macString(ticketNumber, operatorID, key.bytes))
    }

    /// Reads `o<ticket>-<operator>-<key id><mac>` (any case); nil when it is not exactly that, with both numbers
    /// positive and written in digits only (`+12` and `012` would give one token two spellings).
    public init?(parsing text: Substring) {
        let text = text.lowercased()
        guard text.hasPrefix("o") else { return nil }
        let fields = text.dropFirst().split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, let ticket = Self.number(fields[0]), let operatorID = Self.number(fields[1]) else {
            return nil
        }
        let signature = fields[2]
        guard signature.count == KeyRing.keyIDLength + ReplyToken.macLength, Base32.isEncoded(signature) else {
            return nil
        }
        self.init(
            ticketNumber: ticket, operatorID: operatorID, keyID: String(signature.prefix(KeyRing.keyIDLength)),
            mac: String(signature.dropFirst(KeyRing.keyIDLength)))
    }

    public init(ticketNumber: Int64, operatorID: Int64, keyID: String, mac: String) {
        self.ticketNumber = ticketNumber
        self.operatorID = operatorID
        self.keyID = keyID
        self.mac = mac
    }

    /// Whether we signed this token with a key that is still valid. Every candidate key is tried and compared in
    /// constant time, so the time taken says nothing about which part of the MAC was right.
    /// - Parameters:
    ///   - keys: the key ring: the current key, and the previous one during its grace period.
    ///   - now: the time of the check (the grace period may have ended).
    public func verifies(keys: KeyRing, at now: Date) -> Bool {
        keys.verifies(mac, purpose: .replyToken, keyID: keyID, at: now) { Self.macString(ticketNumber, operatorID, $0) }
    }

    public var text: String { "o\(ticketNumber)-\(operatorID)-\(keyID)\(mac)" }

    /// The plus-address carrying this token: `support+o12-7-3ib…@example.test` for `support@example.test`.
    public func address(on supportAddress: String) -> String {
        PlusAddress.make(text, on: supportAddress)
    }

    /// Finds a token in `address` when it is a plus-address of `supportAddress` (case-insensitive).
    public static func find(in address: String, supportAddress: String) -> OperatorReplyToken? {
        PlusAddress.tag(of: address, on: supportAddress).flatMap { OperatorReplyToken(parsing: $0) }
    }

    /// A positive decimal number of ASCII digits without a leading zero.
    private static func number(_ digits: Substring) -> Int64? {
        guard let first = digits.first, first != "0", digits.allSatisfy({ $0.isASCII && $0.isWholeNumber }),
            let value = Int64(digits), value > 0
        else { return nil }
        return value
    }

    /// The message format is frozen: tokens in operators' mailboxes must keep verifying.
    private static func macString(_ ticket: Int64, _ operatorID: Int64, _ key: [UInt8]) -> String {
        let message = Array("postdesk-operator-token\u{0}\(ticket)\u{0}\(operatorID)".utf8)
        return Base32.encode(HMACSHA256.authenticate(message, key: key).prefix(10))
    }
}
