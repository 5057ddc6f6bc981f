public import Hummingbird
public import PostdeskCore
public import PostdeskWorkflow

/// The portal's request context: Hummingbird's basics, the connection's peer address (which `/metrics` and the
/// sign-in rate limit need), and what ``WebSessionMiddleware`` resolved: the language, the signed-in session, the
/// CSRF token forms carry, and a posted form.
public struct PortalRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address as text (`127.0.0.1`, `::1`, `192.0.2.7`); nil when the channel has none (tests that
    /// call the router directly, Unix sockets).
    public var peerAddress: String?
    /// The client's IP address: the peer, or when the peer is one of `trusted_proxies`, the hop its
    /// `X-Forwarded-For` names (``TrustedProxies/client(peer:forwardedFor:)``); set by ``WebSessionMiddleware``.
    public var clientAddress: String?
    /// The page language (the `lang` cookie, else `Accept-Language`, else English).
    public var language: UILanguage = .en
    /// Who is signed in; nil for a visitor.
    public var session: WebSession?
    /// The value forms carry in their hidden `csrf` field: the session's secret, or the pre-session cookie's.
    public var csrf: String = ""
    /// The fields of an `application/x-www-form-urlencoded` or `multipart/form-data` POST, already checked for the CSRF token.
    public var form: [String: String] = [:]
    /// The files of a `multipart/form-data` POST by field name (its text fields are in ``form``).
    public var files: [String: [Upload]] = [:]
    /// The request's path and query, for the language switch link.
    public var languageSwitch: String = "?lang=ru"

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
        clientAddress = peerAddress
    }

    /// The signed-in session when its role is one of `roles`.
    /// - Throws: ``SignInRequired`` (a redirect to `/login`, or 403 when signed in with another role).
    public func require(_ roles: Set<Role>) throws -> WebSession {
        guard let session else { throw SignInRequired(signedIn: false) }
        guard roles.contains(session.viewer.role) else { throw SignInRequired(signedIn: true) }
        return session
    }
}
