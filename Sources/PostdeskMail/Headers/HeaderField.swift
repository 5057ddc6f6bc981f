/// A header field as found in the raw bytes (RFC 5322 §2.2): name and the still-folded value.
struct HeaderField: Sendable {
    /// The field name as written, without trailing whitespace.
    var name: String
    /// The raw value after the colon, folds (CRLF/LF + WSP) still in place.
    var raw: ArraySlice<UInt8>

    /// The value unfolded (RFC 5322 §2.2.3: CR and LF removed) and trimmed, still undecoded.
    var unfolded: [UInt8] {
        let trimmed = raw.trimmedWhitespace()
        var out: [UInt8] = []
        out.reserveCapacity(trimmed.count)
        for byte in trimmed where byte != ASCII.cr && byte != ASCII.lf {
            out.append(byte == ASCII.tab ? ASCII.space : byte)
        }
        return out
    }

    /// Whether the field is called `other` (ASCII case-insensitive).
    func isNamed(_ other: String) -> Bool {
        name.utf8.count == other.utf8.count && name.utf8.equalsIgnoringCase(other)
    }
}

/// The header section of a message or body part and where its body starts (RFC 5322 §2.1, RFC 2045 §3).
struct HeaderSection: Sendable {
    var fields: [HeaderField] = []
    /// Index in the raw bytes where the body begins (after the empty line).
    var bodyStart: Int = 0

    /// The first field called `name`, or nil.
    func first(_ name: String) -> HeaderField? {
        fields.first { $0.isNamed(name) }
    }

    /// All fields called `name`, in order.
    func all(_ name: String) -> [HeaderField] {
        fields.filter { $0.isNamed(name) }
    }
}
