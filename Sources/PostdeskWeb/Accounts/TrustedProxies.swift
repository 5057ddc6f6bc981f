import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One IP address or CIDR block (`10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`), parsed once at start.
public struct IPRange: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6.
    var network: [UInt8]
    var prefix: Int

    /// Nil unless `text` is an address, optionally followed by `/prefix` within the family's bit length.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let address = Self.bytes(of: String(parts[0])) else { return nil }
        let bits = address.count * 8
        var prefix = bits
        if parts.count == 2 {
            guard parts[1].utf8.count <= 3, parts[1].utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                let given = Int(parts[1]), given <= bits
            else { return nil }
            prefix = given
        }
        self.network = Self.masked(address, prefix: prefix)
        self.prefix = prefix
    }

    public var description: String { Self.text(of: network) + "/\(prefix)" }

    /// The canonical spelling of 4 or 16 address bytes (`192.0.2.1`, `2001:db8::1`).
    static func text(of address: [UInt8]) -> String {
        var text = [CChar](repeating: 0, count: 64)
        let family = address.count == 4 ? AF_INET : AF_INET6
        _ = address.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &text, socklen_t(text.count)) }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// What the sign-in limit counts for a client address: an IPv4 address itself, an IPv6 address's /64 (one
    /// subscriber's usual allocation, so rotating through it buys no extra guesses), canonically spelled; other
    /// text as it is.
    static func limitKey(of address: String) -> String {
        guard let bytes = bytes(of: address) else { return address }
        return bytes.count == 4 ? text(of: bytes) : text(of: masked(bytes, prefix: 64)) + "/64"
    }

    /// Whether the address (already parsed by ``bytes(of:)``) lies in this block.
    func contains(_ address: [UInt8]) -> Bool {
        address.count == network.count && Self.masked(address, prefix: prefix) == network
    }

    /// The address's bytes: IPv4 as 4, IPv6 as 16, an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, how a dual-stack
    /// socket reports an IPv4 peer) as its 4; nil for anything that is not an address (names, ports, zones).
    static func bytes(of text: String) -> [UInt8]? {
        guard !text.isEmpty, text.utf8.count <= 45 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF { return Array(bytes[12...]) }
        return bytes
    }

    static func masked(_ address: [UInt8], prefix: Int) -> [UInt8] {
        address.enumerated().map { index, byte in
            let keep = min(8, max(0, prefix - index * 8))
            return keep == 8 ? byte : byte & ~(UInt8(0xFF) >> keep)
        }
    }
}

/// `trusted_proxies`: the reverse proxies whose `X-Forwarded-For` is believed. Empty (the default): the header is
/// ignored and the client is the socket's peer, so nobody can choose the address the sign-in limit counts.
public struct TrustedProxies: Sendable, Hashable {
    public var ranges: [IPRange]

    public init(_ ranges: [IPRange] = []) {
        self.ranges = ranges
    }

    /// Parses the setting's entries; the first one that is not an address or CIDR block is returned as the problem.
    public static func parse(_ entries: [String]) -> Result<TrustedProxies, ParseError> {
        var ranges: [IPRange] = []
        for entry in entries where !entry.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let range = IPRange(entry) else { return .failure(ParseError(entry: entry)) }
            ranges.append(range)
        }
        return .success(TrustedProxies(ranges))
    }

    /// An entry of `trusted_proxies` that is not an IP address or CIDR block. Retrying does not help until the
    /// setting is fixed.
    public struct ParseError: Error, Sendable, Hashable {
        public var entry: String
        public var isTransient: Bool { false }
    }

    func trusts(_ address: [UInt8]) -> Bool {
        ranges.contains { $0.contains(address) }
    }

    /// The client's address for a request from `peer` carrying these `X-Forwarded-For` field values.
    ///
    /// Only when the peer is a trusted proxy is the header read, from the right: each proxy appends the address it
    /// saw, so the rightmost hop that is not itself a trusted proxy is the client (anything to its left was written
    /// by that client and may be made up). A hop may carry a port (`192.0.2.1:4711`, `[2001:db8::1]:443`) or
    /// brackets, which are dropped. A hop that still is not an address (`unknown`, a name) stops the walk: it was
    /// written by a trusted proxy, so its text (prefixed `unparsed:`, at most 100 bytes) is the client's key. Taking
    /// the proxy's own address instead would put every client of that proxy under one limit.
    /// - Parameters:
    ///   - peer: the socket's peer address; nil when the channel has none.
    ///   - forwardedFor: every `X-Forwarded-For` field, in order (hops separated by commas).
    public func client(peer: String?, forwardedFor: [String]) -> String? {
        guard let peer, !ranges.isEmpty, let peerBytes = IPRange.bytes(of: peer), trusts(peerBytes) else {
            return peer
        }
        let hops = forwardedFor.joined(separator: ",").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        var client = peer
        for hop in hops.reversed() where !hop.isEmpty {
            guard let bytes = IPRange.bytes(of: Self.address(inHop: hop)) else {
                return "unparsed:" + String(decoding: hop.utf8.prefix(100), as: UTF8.self)
            }
            client = IPRange.text(of: bytes)
            if !trusts(bytes) { return client }
        }
        return client
    }

    /// A hop without its port and brackets: `[2001:db8::1]:443` and `[2001:db8::1]` give `2001:db8::1`,
    /// `192.0.2.1:4711` gives `192.0.2.1`; a bare IPv6 address (several colons) is left alone.
    static func address(inHop hop: String) -> String {
        if hop.hasPrefix("["), let close = hop.firstIndex(of: "]") {
            let rest = hop[hop.index(after: close)...]
            guard rest.isEmpty || Self.isPort(rest.dropFirst()) && rest.first == ":" else { return hop }
            return String(hop[hop.index(after: hop.startIndex)..<close])
        }
        let parts = hop.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, isPort(parts[1]) { return String(parts[0]) }
        return hop
    }

    private static func isPort(_ text: Substring) -> Bool {
        (1...5).contains(text.utf8.count) && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
}
