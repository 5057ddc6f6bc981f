/// The signed token we put in the plus-address of our Reply-To (`support+<token>@domain`).
///
/// `t<number>-<mac>`: the MAC is HMAC-SHA256 over the ticket number and the recipient's address, truncated to
/// 80 bits and written in lowercase base32, so it survives MTAs that lowercase local parts. A token only verifies
/// for the address it was sent to: a stranger can neither forge one nor reuse someone else's.
public struct ReplyToken: Sendable, Hashable {
    public var ticketNumber: Int64
    public var mac: String

    /// Signs a token for `recipient` on ticket `ticketNumber`.
    public static func sign(ticketNumber: Int64, recipient: String, secret: [UInt8]) -> ReplyToken {
        ReplyToken(ticketNumber: ticketNumber, mac: macString(ticketNumber, recipient, secret))
    }

    /// Reads `t<number>-<mac>`; nil when it is not of that form.
    public init?(parsing text: Substring) {
        let text = text.lowercased()
        guard text.hasPrefix("t"), let dash = text.firstIndex(of: "-"),
            let number = Int64(text[text.index(after: text.startIndex)..<dash]), number > 0
        else { return nil }
        let mac = String(text[text.index(after: dash)...])
        guard mac.count == 16, mac.allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        self.init(ticketNumber: number, mac: mac)
    }

    public init(ticketNumber: Int64, mac: String) {
        self.ticketNumber = ticketNumber
        self.mac = mac
    }

    /// Whether this token was signed by us for `sender`. Compared in constant time.
    public func verifies(for sender: String, secret: [UInt8]) -> Bool {
        let expected = Array(Self.macString(ticketNumber, sender, secret).utf8)
        let given = Array(mac.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    public var text: String { "t\(ticketNumber)-\(mac)" }

    /// The plus-address carrying this token: `support+t12-abc…@example.test` for `support@example.test`.
    public func address(on supportAddress: String) -> String {
        guard let at = supportAddress.lastIndex(of: "@") else { return supportAddress }
        return "\(supportAddress[..<at])+\(text)\(supportAddress[at...])"
    }

    /// Finds a token in `address` when it is a plus-address of `supportAddress` (case-insensitive).
    public static func find(in address: String, supportAddress: String) -> ReplyToken? {
        let address = address.lowercased()
        let support = supportAddress.lowercased()
        guard let at = support.lastIndex(of: "@"), let addressAt = address.lastIndex(of: "@"),
            address[addressAt...] == support[at...]
        else { return nil }
        let prefix = support[..<at] + "+"
        let local = address[..<addressAt]
        guard local.hasPrefix(prefix) else { return nil }
        return ReplyToken(parsing: local.dropFirst(prefix.count))
    }

    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")

    private static func macString(_ number: Int64, _ recipient: String, _ secret: [UInt8]) -> String {
        let message = Array("postdesk-reply-token\u{0}\(number)\u{0}\(recipient.lowercased())".utf8)
        let digest = HMACSHA256.authenticate(message, key: secret).prefix(10)
        var bits = 0
        var value = 0
        var out = ""
        for byte in digest {
            value = (value << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[(value >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        return out
    }
}
