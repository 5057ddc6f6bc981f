/// The plus-address our tokens travel in: `support+<tag>@domain` (RFC 5233 subaddressing), shared by every token
/// kind so they are written and found the same way.
enum PlusAddress {
    /// `support+tag@example.test` for `support@example.test`.
    static func make(_ tag: String, on supportAddress: String) -> String {
        guard let at = supportAddress.lastIndex(of: "@") else { return supportAddress }
        return "\(supportAddress[..<at])+\(tag)\(supportAddress[at...])"
    }

    /// The tag of `address` when it is a plus-address of `supportAddress` (compared case-insensitively; the tag is
    /// lowercased, as tokens are), else nil.
    static func tag(of address: String, on supportAddress: String) -> Substring? {
        let address = address.lowercased()
        let support = supportAddress.lowercased()
        guard let at = support.lastIndex(of: "@"), let addressAt = address.lastIndex(of: "@"),
            address[addressAt...] == support[at...]
        else { return nil }
        let prefix = support[..<at] + "+"
        let local = address[..<addressAt]
        guard local.hasPrefix(prefix) else { return nil }
        return local.dropFirst(prefix.count)
    }
}
