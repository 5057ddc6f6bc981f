public import Foundation

/// What every signed value we hand out (console links, known-device cookies, operator reply tokens) does the same way.
public enum SignedToken {
    /// A positive decimal number of at most 18 ASCII digits without a leading zero: the only spelling a token's
    /// numbers have, so one token has one text.
    public static func number(_ digits: Substring) -> Int64? {
        guard let first = digits.first, first != "0", digits.count <= 18,
            digits.allSatisfy({ $0.isASCII && $0.isWholeNumber }), let value = Int64(digits)
        else { return nil }
        return value
    }
}

extension KeyRing {
    /// Whether `mac` is what `sign` makes with one of the keys of `purpose` named `keyID` still valid at `now`.
    /// Every candidate key is compared, each in constant time.
    public func verifies(
        _ mac: String, purpose: Purpose, keyID: String, at now: Date, sign: ([UInt8]) -> String
    ) -> Bool {
        let given = Array(mac.utf8)
        return verificationKeys(for: purpose, keyID: keyID, at: now).reduce(false) { found, key in
            constantTimeEquals(Array(sign(key.bytes).utf8), given) || found
        }
    }
}
