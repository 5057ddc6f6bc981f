public import Foundation
public import PostdeskCore
public import PostdeskCrypto
import PostdeskWorkflow

/// Sign-up, sign-in, one-time links, passwords and sessions over the store. The web routes and the CLI both use it;
/// every change is one store transaction, and account mail is queued in the outbox in that same transaction.
///
/// No answer tells whether an address has an account: callers show the same page whatever happened.
public struct AccountService: Sendable {
    public var store: any TicketStore
    public var settings: AccountSettings
    public var now: @Sendable () -> Date
    /// Signs and checks the known-device cookie (``KnownDevice``); nil: no browser is ever known, so every sign-in
    /// counts against its address.
    public var keys: KeyRing?

    public init(
        store: any TicketStore, settings: AccountSettings, now: @escaping @Sendable () -> Date, keys: KeyRing? = nil
    ) {
        self.store = store
        self.settings = settings
        self.now = now
        self.keys = keys
    }

    /// What a sign-in with a password came to.
    public enum SignInOutcome: Sendable, Equatable {
        /// Signed in: the cookie's token (its digest is stored) and the new session.
        case signedIn(token: String, session: WebSession)
        /// Wrong address or password, or a disabled account: one answer for all.
        case refused
        /// Too many failures for this address or this IP in the window; nothing was checked.
        case limited
    }

    // MARK: Sessions

    /// The session of a cookie token, when it is well-formed, known, unexpired and its account is still enabled.
    public func session(token: String) async throws -> WebSession? {
        guard SecretToken.isWellFormed(token) else { return nil }
        let digest = SecretToken.digest(token)
        let date = now()
        return try await store.read { q in
            guard let stored = try q.session(tokenDigest: digest, at: date),
                let (viewer, name) = try Self.viewer(for: stored.account, in: q)
            else { return nil }
            return WebSession(viewer: viewer, name: name, csrf: stored.csrfSecret, tokenDigest: digest)
        }
    }

    /// A fresh known-device cookie value for the browser that just signed in as `viewer`; nil without keys.
    func knownDevice(for viewer: Viewer) -> String? {
        guard let keys else { return nil }
        let account: AccountRef =
            switch viewer {
            case .customer(let id): .customer(id)
            case .operator(let id), .admin(let id): .operator(id)
            }
        return KnownDevice.issue(for: account, at: now(), keys: keys).value
    }

    public func signOut(_ session: WebSession) async throws {
        try await store.write { tx in try tx.deleteSession(tokenDigest: session.tokenDigest) }
    }

    /// Counts the attempt against the rate limit, then checks the password.
    ///
    /// The check and the record are one transaction: the attempt is written as a failure before bcrypt runs and
    /// turned into a success only when the password matched, so parallel POSTs cannot all pass a check that none of
    /// them has recorded yet (at most ``SignInLimit/attempts`` passwords are ever checked per key and window).
    ///
    /// - Parameter device: the browser's ``KnownDevice`` cookie, if any. When it is valid for the account of
    ///   `email`, the attempt is counted under that device's own key instead of the address's, so strangers' wrong
    ///   passwords for the address cannot lock out a browser that signed in to it before.
    public func signIn(email: String, password: String, ip: String?, device: String? = nil) async throws
        -> SignInOutcome
    {
        let address = email.trimmingCharacters(in: .whitespaces)
        let date = now()
        let limit = settings.limit
        let since = date.addingTimeInterval(-limit.window)
        let known = device.flatMap(KnownDevice.init(parsing:))
        let ring = keys
        let reserved = try await store.write { tx -> [Int64]? in
            var deviceKey: String?
            if let known, let ring, let account = try Self.account(address: address, in: tx),
                known.verifies(for: account, keys: ring, at: date)
            {
                deviceKey = known.limitKey(address: address)
            }
            let keys = SignInLimit.keys(address: address, ip: ip, deviceKey: deviceKey)
            let failures = try keys.map { try tx.failedSignIns(key: $0, since: since) }
            guard limit.allows(failures: failures) else { return nil }
            return try tx.recordSignIn(keys: keys, succeeded: false, at: date, forgetBefore: since)
        }
        guard let reserved else { return .limited }
        let found = try await store.read { q -> (AccountRef, String?)? in
            guard let account = try Self.account(address: address, in: q) else { return nil }
            return (account, try q.passwordHash(of: account))
        }
        // Verified even for an unknown address (against a dummy hash): the answer takes as long either way.
        let matches = await settings.passwords.verifyInBackground(password, hash: found?.1)
        guard matches, let account = found?.0 else { return .refused }
        let token = SecretToken.make()
        let csrf = SecretToken.make()
        let lifetime = settings.sessionLifetime
        let session = try await store.write { tx -> WebSession? in
            guard
                let session = try Self.startSession(
                    account, token: token, csrf: csrf, at: date, lifetime: lifetime, in: tx)
            else { return nil }
            try tx.markSignInsSucceeded(reserved)
            return session
        }
        guard let session else { return .refused }
        return .signedIn(token: token, session: session)
    }

    /// Signs in with a one-time link (the POST of its confirm page); nil when the link is unknown, used or expired.
    public func signIn(linkToken: String) async throws -> (token: String, session: WebSession)? {
        try await useToken(linkToken, purpose: .loginLink, newPassword: nil)
    }

    /// Whether a one-time link would still work (its confirm page), without using it.
    public func linkIsValid(_ token: String, purpose: OneTimePurpose) async throws -> Bool {
        guard SecretToken.isWellFormed(token) else { return false }
        let digest = SecretToken.digest(token)
        let date = now()
        return try await store.read { q in
            guard let account = try q.peekOneTimeToken(digest: digest, purpose: purpose, at: date),
                Self.link(purpose, mayOpen: account)
            else { return false }
            return try Self.viewer(for: account, in: q) != nil
        }
    }

    /// Sets the password of the set-password link's account and signs it in; nil when the link does not work.
    /// The caller checked ``PasswordPolicy/problem(with:)``.
    public func setPassword(linkToken: String, password: String) async throws -> (token: String, session: WebSession)? {
        // The link is checked before bcrypt runs: a made-up link costs a lookup, not a quarter second of CPU.
        guard try await linkIsValid(linkToken, purpose: .setPassword) else { return nil }
        return try await useToken(
            linkToken, purpose: .setPassword, newPassword: await settings.passwords.hashInBackground(password))
    }

    private func useToken(_ link: String, purpose: OneTimePurpose, newPassword hash: String?) async throws
        -> (token: String, session: WebSession)?
    {
        guard SecretToken.isWellFormed(link) else { return nil }
        let digest = SecretToken.digest(link)
        let date = now()
        let token = SecretToken.make()
        let csrf = SecretToken.make()
        let lifetime = settings.sessionLifetime
        let session = try await store.write { tx -> WebSession? in
            guard let account = try tx.useOneTimeToken(digest: digest, purpose: purpose, at: date),
                Self.link(purpose, mayOpen: account), try Self.viewer(for: account, in: tx) != nil
            else { return nil }
            if let hash { try tx.setPasswordHash(hash, of: account, at: date) }
            return try Self.startSession(account, token: token, csrf: csrf, at: date, lifetime: lifetime, in: tx)
        }
        return session.map { (token, $0) }
    }

    /// Whether a link of this kind may open the account. A sign-in link signs in customers only: an operator's or
    /// admin's session opens every ticket and the admin pages, so it takes the password, never a mailbox's word
    /// alone (a mail read by someone else, a forwarding rule, a scanner that presses buttons).
    static func link(_ purpose: OneTimePurpose, mayOpen account: AccountRef) -> Bool {
        switch (purpose, account) {
        case (.loginLink, .operator): false
        default: true
        }
    }

    private static func startSession(
        _ account: AccountRef, token: String, csrf: String, at date: Date, lifetime: TimeInterval,
        in tx: any TicketTransaction
    ) throws -> WebSession? {
        guard let (viewer, name) = try viewer(for: account, in: tx) else { return nil }
        let digest = SecretToken.digest(token)
        try tx.insert(
            StoredSession(
                tokenDigest: digest, account: account, csrfSecret: csrf, createdAt: date,
                expiresAt: date.addingTimeInterval(lifetime)))
        return WebSession(viewer: viewer, name: name, csrf: csrf, tokenDigest: digest)
    }

    // MARK: Accounts and their mail

    /// Creates a customer account and mails the login with a set-password link (or a generated password). An
    /// address that already has an account gets a sign-in link instead; an invalid one gets nothing.
    public func signUp(name: String, surname: String, email: String, language: String) async throws {
        guard let address = EmailAddress(email.trimmingCharacters(in: .whitespaces)) else { return }
        // One line of printable text: the name is shown on pages and greeted in mail, never a paragraph of its own.
        let fullName = Self.singleLine([name, surname].joined(separator: " "))
        let person = Person(name: fullName.isEmpty ? nil : String(fullName.prefix(200)), address: address.rawValue)
        let date = now()
        let settings = settings
        guard try await mayMail(address.rawValue, at: date) else { return }
        let exists = try await store.read { q in try Self.account(address: address.rawValue, in: q) != nil }
        // A generated password is hashed only for a new account: an existing address costs no bcrypt.
        let generated = settings.signup == .generated && !exists ? Self.generatedPassword() : nil
        let hash: String?
        if let generated { hash = await settings.passwords.hashInBackground(generated) } else { hash = nil }
        let link = SecretToken.make()
        try await store.write { tx in
            try Self.recordMail(to: address.rawValue, at: date, settings: settings, in: tx)
            if let existing = try Self.account(address: address.rawValue, in: tx) {
                // An operator's address gets nothing: they sign in with their password.
                guard Self.link(.loginLink, mayOpen: existing) else { return }
                try Self.mail(
                    template: "account_login_link", link: "/login/link/\(link)", purpose: .loginLink, to: existing,
                    token: link, lifetime: settings.loginLinkLifetime, language: language, settings: settings, at: date,
                    in: tx)
                return
            }
            // A stranger may sign up with someone's address: the name they typed fills in a missing one but never
            // replaces the name a customer's own mail gave (the set-password link still goes to the address).
            _ = try tx.upsertCustomer(person, at: date)
            guard
                case .customer(let account) = try tx.addUser(
                    NewUser(role: .customer, address: address, name: nil), at: date)
            else { return }
            if let hash {
                try tx.setPasswordHash(hash, of: .customer(account.id), at: date)
                try Self.mail(
                    template: "account_signup", link: nil, purpose: nil, to: .customer(account.id), token: nil,
                    lifetime: 0, language: language, settings: settings, at: date, generatedPassword: generated, in: tx)
            } else {
                try Self.mail(
                    template: "account_signup", link: "/password/\(link)", purpose: .setPassword,
                    to: .customer(account.id), token: link, lifetime: settings.signupLinkLifetime, language: language,
                    settings: settings, at: date, in: tx)
            }
        }
    }

    /// Mails a one-time sign-in link when `email` belongs to an enabled customer account; nothing otherwise
    /// (operators and admins sign in with their password).
    public func requestLoginLink(email: String, language: String) async throws {
        let address = email.trimmingCharacters(in: .whitespaces)
        guard EmailAddress(address) != nil else { return }
        let date = now()
        let settings = settings
        guard try await mayMail(address, at: date) else { return }
        let link = SecretToken.make()
        try await store.write { tx in
            try Self.recordMail(to: address, at: date, settings: settings, in: tx)
            guard let account = try Self.account(address: address, in: tx), Self.link(.loginLink, mayOpen: account),
                try Self.viewer(for: account, in: tx) != nil
            else { return }
            try Self.mail(
                template: "account_login_link", link: "/login/link/\(link)", purpose: .loginLink, to: account,
                token: link, lifetime: settings.loginLinkLifetime, language: language, settings: settings, at: date,
                in: tx)
        }
    }

    /// How often an address may be sent an account mail from a signed-out form (sign-up, sign-in link): one per
    /// window, so the forms cannot be used to flood someone's mailbox in our name.
    static let accountMailInterval: TimeInterval = 5 * 60

    /// Whether a signed-out form may mail `address` now (the sign-in attempts table keeps the last one, keyed
    /// `mail:<address>`). The page answers the same either way.
    private func mayMail(_ address: String, at date: Date) async throws -> Bool {
        let key = "mail:" + address.lowercased()
        let since = date.addingTimeInterval(-Self.accountMailInterval)
        return try await store.read { q in try q.failedSignIns(key: key, since: since) } == 0
    }

    private static func recordMail(
        to address: String, at date: Date, settings: AccountSettings, in tx: any TicketTransaction
    ) throws {
        try tx.recordSignIn(
            keys: ["mail:" + address.lowercased()], succeeded: false, at: date,
            forgetBefore: date.addingTimeInterval(-max(settings.limit.window, accountMailInterval)))
    }

    /// `text` as one line: control characters and line breaks become spaces, runs of spaces one.
    static func singleLine(_ text: String) -> String {
        let spaced = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map {
                    $0.properties.generalCategory == .control || $0.properties.generalCategory == .lineSeparator
                        || $0.properties.generalCategory == .paragraphSeparator ? " " : $0
                }))
        return spaced.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// An operator invites a customer: creates the account when missing and mails the portal address, the login and
    /// a set-password link.
    /// - Throws: `StoreError` (`conflict`) when the address belongs to an operator.
    public func invite(email: EmailAddress, name: String?, invitedBy actor: String?, language: String) async throws {
        let date = now()
        let settings = settings
        let link = SecretToken.make()
        try await store.write { tx in
            let id: CustomerID
            if let existing = try tx.customerAccount(address: email.rawValue) {
                id = existing.id
            } else if case .customer(let added) = try tx.addUser(
                NewUser(role: .customer, address: email, name: name), at: date)
            {
                id = added.id
            } else {
                return
            }
            try Self.mail(
                template: "account_invite", link: "/password/\(link)", purpose: .setPassword, to: .customer(id),
                token: link, lifetime: settings.inviteLinkLifetime, language: language, settings: settings, at: date,
                actorName: actor, in: tx)
        }
    }

    /// Sets the password of the account with this address (the CLI's `user password`).
    /// - Returns: false when no account has the address.
    public func setPassword(email: String, password: String) async throws -> Bool {
        let hash = await settings.passwords.hashInBackground(password)
        let date = now()
        return try await store.write { tx in
            guard let account = try Self.account(address: email, in: tx) else { return false }
            try tx.setPasswordHash(hash, of: account, at: date)
            return true
        }
    }

    static func mail(
        template: String, link: String?, purpose: OneTimePurpose?, to account: AccountRef, token: String?,
        lifetime: TimeInterval, language: String, settings: AccountSettings, at date: Date,
        generatedPassword: String? = nil, actorName: String? = nil, in tx: any TicketTransaction
    ) throws {
        guard let person = try person(of: account, in: tx) else { return }
        if let token, let purpose {
            try tx.insertOneTimeToken(
                digest: SecretToken.digest(token), purpose: purpose, account: account,
                expiresAt: date.addingTimeInterval(lifetime), at: date)
        }
        var model = TicketMailModel(ticketNumber: 0, subject: "", customerName: person.name, portalToken: nil)
        model.accountPath = link
        model.login = person.address
        model.generatedPassword = generatedPassword
        model.actorName = actorName
        _ = try tx.enqueue(
            NewOutboxItem(
                ticketID: nil, template: template, language: language, recipient: person,
                messageID: "postdesk.account.\(SecretToken.make().prefix(26))@\(settings.messageIDDomain)",
                inReplyTo: nil, references: [], model: try JSONEncoder().encode(model), isAutomatic: true, dueAt: date,
                replyToken: ReplyTokenSubject.none))
    }

    // MARK: Lookups

    /// The account an address signs in as: an operator's (any of their addresses) before a customer's.
    static func account(address: String, in q: any TicketQueries) throws -> AccountRef? {
        guard address.utf8.count <= 320 else { return nil }
        if let op = try q.operatorAccount(address: address) { return .operator(op.id) }
        if let customer = try q.customerAccount(address: address) { return .customer(customer.id) }
        return nil
    }

    /// Who the account is on a page, or nil when it is disabled or gone.
    static func viewer(for account: AccountRef, in q: any TicketQueries) throws -> (Viewer, String)? {
        switch account {
        case .operator(let id):
            guard let op = try q.operatorAccount(id: id), !op.isDisabled else { return nil }
            return (op.role == .admin ? .admin(id) : .operator(id), op.displayName)
        case .customer(let id):
            guard let customer = try q.customerAccount(id: id), !customer.isDisabled
            else { return nil }
            return (.customer(id), customer.person.name.flatMap { $0.isEmpty ? nil : $0 } ?? customer.person.address)
        }
    }

    static func person(of account: AccountRef, in q: any TicketQueries) throws -> Person? {
        switch account {
        case .operator(let id): try q.operatorAccount(id: id)?.person
        case .customer(let id): try q.customerAccount(id: id)?.person
        }
    }

    /// 16 letters and digits without look-alikes (about 82 bits).
    static func generatedPassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}
