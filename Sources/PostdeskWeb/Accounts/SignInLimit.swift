import Foundation

/// How many failed sign-ins an address, and an IP address, may have before more are refused: 5 in 15 minutes each.
/// Counting per address stops guessing one account's password from many machines; per IP, one machine trying many
/// addresses. A success does not erase earlier failures: the window simply slides.
public struct SignInLimit: Sendable, Hashable {
    public var attempts: Int
    public var window: TimeInterval

    public init(attempts: Int = 5, window: TimeInterval = 15 * 60) {
        self.attempts = attempts
        self.window = window
    }

    /// The store's keys for this attempt: the address (lowercased, trimmed to 320 bytes) and the client's IP when
    /// known (an IPv6 client by its /64). A browser with a valid known-device cookie for the account is counted
    /// under `deviceKey` (that device and address) instead of the address shared with everyone else.
    public static func keys(address: String, ip: String?, deviceKey: String? = nil) -> [String] {
        [deviceKey ?? ("address:" + String(decoding: address.lowercased().utf8.prefix(320), as: UTF8.self))]
            + (ip.map { ["ip:" + IPRange.limitKey(of: $0)] } ?? [])
    }

    /// Whether one more attempt may be tried, given the failures already counted under each key in the window.
    public func allows(failures: [Int]) -> Bool {
        failures.allSatisfy { $0 < attempts }
    }
}
