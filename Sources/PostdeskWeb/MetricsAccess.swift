import PostdeskCrypto

/// Who may read `/metrics`: a scraper on this machine, or anyone presenting the configured bearer token.
///
/// Counts of quarantined and failed mail tell an outsider little, but they are an operator's business, and the
/// endpoint should not become a public one by accident when the portal is exposed. A request from loopback that
/// carries any header a proxy adds (``proxyHeaders``: nginx often sends only `X-Real-IP`, others only `Via`) came
/// through a reverse proxy on this machine, so it is an outside request and needs the token. A plain TCP proxy adds
/// nothing: behind one, set `metrics.token` (README).
public struct MetricsAccess: Sendable {
    /// `metrics.token`; nil or empty: only loopback peers are served.
    public var token: String?

    /// Headers that show a request passed through a proxy.
    public static let proxyHeaders = [
        "Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Server", "X-Real-IP",
        "Via", "X-Client-IP", "CF-Connecting-IP", "True-Client-IP",
    ]

    public init(token: String?) {
        self.token = token
    }

    /// - Parameters:
    ///   - peer: the connection's peer IP address as text, nil when unknown.
    ///   - forwarded: whether the request carries proxy forwarding headers.
    ///   - authorization: the `Authorization` header, if any.
    public func allows(peer: String?, forwarded: Bool, authorization: String?) -> Bool {
        if let peer, Self.isLoopback(peer), !forwarded { return true }
        guard let token, !token.isEmpty, let authorization else { return false }
        let scheme = "bearer "
        guard authorization.count > scheme.count, authorization.prefix(scheme.count).lowercased() == scheme else {
            return false
        }
        return Self.constantTimeEqual(Array(authorization.dropFirst(scheme.count).utf8), Array(token.utf8))
    }

    /// 127.0.0.0/8, `::1`, and 127.0.0.0/8 mapped into IPv6 (`::ffff:127.0.0.1`, as a dual-stack socket reports it).
    static func isLoopback(_ address: String) -> Bool {
        let address = address.lowercased()
        if address == "::1" || address == "0:0:0:0:0:0:0:1" { return true }
        let v4 = address.hasPrefix("::ffff:") ? String(address.dropFirst(7)) : address
        let octets = v4.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4,
            octets.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } && UInt8($0) != nil })
        else { return false }
        return octets[0] == "127"
    }

    /// Equal bytes, compared with OpenSSL's `CRYPTO_memcmp` over their SHA-256 digests: the time depends on neither
    /// a wrong token's matching prefix nor its length.
    static func constantTimeEqual(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        constantTimeEquals(SHA256.hash(given), SHA256.hash(expected))
    }
}
