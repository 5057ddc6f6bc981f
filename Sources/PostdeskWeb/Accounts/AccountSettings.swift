public import Foundation

/// How the portal signs people in and up.
public struct AccountSettings: Sendable {
    /// What a sign-up mails (`portal.signup`): a link to set a password, or a generated password.
    public enum SignupMode: String, Sendable {
        case link, generated
    }

    /// `POSTDESK_BASE_URL`: cookies are `Secure` when it is https.
    public var baseURL: String
    /// The domain of our Message-IDs on account mail.
    public var messageIDDomain: String
    public var signup: SignupMode
    public var passwords: PasswordPolicy
    public var limit: SignInLimit
    public var sessionLifetime: TimeInterval
    /// How long the links of each kind of account mail work.
    public var signupLinkLifetime: TimeInterval
    public var loginLinkLifetime: TimeInterval
    public var inviteLinkLifetime: TimeInterval
    /// `trusted_proxies`: whose `X-Forwarded-For` names the client the sign-in limit counts; empty: nobody's.
    public var trustedProxies: TrustedProxies

    public init(
        baseURL: String = "http://127.0.0.1:8080", messageIDDomain: String = "postdesk.invalid",
        signup: SignupMode = .link, passwords: PasswordPolicy = PasswordPolicy(), limit: SignInLimit = SignInLimit(),
        sessionLifetime: TimeInterval = 14 * 86400, signupLinkLifetime: TimeInterval = 3 * 86400,
        loginLinkLifetime: TimeInterval = 30 * 60, inviteLinkLifetime: TimeInterval = 7 * 86400,
        trustedProxies: TrustedProxies = TrustedProxies()
    ) {
        self.baseURL = baseURL
        self.messageIDDomain = messageIDDomain
        self.signup = signup
        self.passwords = passwords
        self.limit = limit
        self.sessionLifetime = sessionLifetime
        self.signupLinkLifetime = signupLinkLifetime
        self.loginLinkLifetime = loginLinkLifetime
        self.inviteLinkLifetime = inviteLinkLifetime
        self.trustedProxies = trustedProxies
    }

    /// Whether cookies carry `Secure`.
    public var secureCookies: Bool { baseURL.lowercased().hasPrefix("https://") }
}
