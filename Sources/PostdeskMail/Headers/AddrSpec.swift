/// The addr-spec grammar (RFC 5322 §3.4.1, with RFC 6532 UTF-8 and the obsolete dots of §4.4 that real mailers
/// still send): what the parser accepts as an address. Anything else is reported and dropped, never repaired into
/// an address, because an address read from a mail may become an SMTP recipient and a header of ours.
enum AddrSpec {
    /// The longest address accepted, in octets (RFC 5321 §4.5.3.1.3).
    static let maxLength = 254

    /// The address as a string when `bytes` are exactly one addr-spec, else nil. Encoded words are not decoded
    /// (RFC 2047 §5: they may not appear in an addr-spec), so `=?utf-8?B?…?=@x.test` stays those characters.
    static func validated(_ bytes: some Collection<UInt8>) -> String? {
        let bytes = Array(bytes)
        guard bytes.count >= 3, bytes.count <= maxLength, let at = bytes.lastIndex(of: ASCII.at),
            isLocalPart(bytes[..<at]), isDomain(bytes[(at + 1)...]),
            let text = String(validating: bytes, as: UTF8.self),
            !text.unicodeScalars.contains(where: { $0.isControlOrLineBreak || $0.isInvisibleOrSpace })
        else { return nil }
        return text
    }

    /// A bare local part of letters, digits, `.`, `-` and `_` (`MAILER-DAEMON`): not an addr-spec, but what bounces and old Unix mailers
    /// put in From. It cannot break a line or a command; it can never be a recipient either, since the SMTP envelope
    /// (`EmailAddress`) requires a domain.
    static func localOnly(_ bytes: some Collection<UInt8>) -> String? {
        guard !bytes.isEmpty, bytes.count <= 64,
            bytes.allSatisfy({ ASCII.isAlpha($0) || ASCII.isDigit($0) || $0 == ASCII.dot || $0 == 45 || $0 == 95 })
        else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A dot-atom of atext and UTF-8 (dots anywhere: `john..doe` is §4.4's obs-local-part), or a quoted string of
    /// printable characters and spaces without angle brackets.
    private static func isLocalPart(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return false }
        if bytes.count >= 2, bytes.first == ASCII.quote, bytes.last == ASCII.quote {
            var index = bytes.startIndex + 1
            while index < bytes.endIndex - 1 {
                let byte = bytes[index]
                if byte == ASCII.backslash {
                    index += 1
                    guard index < bytes.endIndex - 1,
                        isQuotedText(bytes[index]) || bytes[index] == ASCII.quote
                            || bytes[index] == ASCII.backslash
                    else { return false }
                } else if !isQuotedText(byte) {
                    return false
                }
                index += 1
            }
            return true
        }
        return bytes.allSatisfy { isAtext($0) || $0 == ASCII.dot }
    }

    /// Labels of letters, digits, `-`, `_` and UTF-8 separated by single dots, or a domain literal `[…]`.
    private static func isDomain(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        if first == 0x5B {
            return bytes.count >= 3 && last == 0x5D
                && bytes.dropFirst().dropLast().allSatisfy { $0 > 32 && $0 < 127 && $0 != 91 && $0 != 92 && $0 != 93 }
        }
        // One trailing dot is the DNS root of a fully qualified name (`yahoo.com.`), which real mailers write.
        let labels = (last == ASCII.dot ? bytes.dropLast() : bytes)
        return !labels.isEmpty
            && labels.split(separator: ASCII.dot, omittingEmptySubsequences: false).allSatisfy { label in
                !label.isEmpty
                    && label.allSatisfy { ASCII.isAlpha($0) || ASCII.isDigit($0) || $0 == 45 || $0 == 95 || $0 >= 0x80 }
            }
    }

    /// atext (RFC 5322 §3.2.3) plus UTF-8 octets (RFC 6532 §3.2).
    private static func isAtext(_ byte: UInt8) -> Bool {
        if ASCII.isAlpha(byte) || ASCII.isDigit(byte) || byte >= 0x80 { return true }
        switch byte {
        case 33, 35, 36, 37, 38, 39, 42, 43, 45, 47, 61, 63, 94, 95, 96, 123, 124, 125, 126: return true
        default: return false
        }
    }

    /// qtext and space, without `<` and `>` (which a lenient relay might read as the end of the address).
    private static func isQuotedText(_ byte: UInt8) -> Bool {
        (byte >= 32 && byte < 127 && byte != ASCII.quote && byte != ASCII.backslash && byte != ASCII.lessThan
            && byte != ASCII.greaterThan) || byte >= 0x80
    }
}
