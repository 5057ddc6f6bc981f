public import Hummingbird

/// The portal's request context: Hummingbird's basics plus the connection's peer address, which `/metrics` needs to
/// tell a local scraper from the rest of the world.
public struct PortalRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address as text (`127.0.0.1`, `::1`, `192.0.2.7`); nil when the channel has none (tests that
    /// call the router directly, Unix sockets).
    public var peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
    }
}
