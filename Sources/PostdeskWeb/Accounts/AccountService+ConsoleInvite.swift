import Foundation
public import PostdeskCore

/// Why an operator's invitation from the console was not sent. Nothing was written. A retry helps only for
/// ``tooSoon``, after the window.
public enum InviteRefusal: Error, Sendable, Hashable {
    /// The address signs in as an operator or admin: an invitation makes customers only, and never touches a staff
    /// account.
    case staffAddress
    /// The customer's account is disabled: an invitation does not bring it back (an admin enables it first).
    case disabledAccount
    /// This address was sent an account mail in the last ``AccountService/accountMailInterval``, or this operator
    /// sent ``AccountService/invitesPerWindow`` invitations within the sign-in limit's window.
    case tooSoon
}

extension AccountService {
    /// How many invitations one operator may send per ``SignInLimit/window`` (15 minutes by default): enough for a
    /// desk, too few to turn the console into a mailer.
    public static let invitesPerWindow = 10

    /// An operator invites a customer from the console: the same account and mail as `postdesk user invite`
    /// (``invite(email:name:invitedBy:language:)``), within limits, in one transaction.
    ///
    /// The invitation creates a customer account when the address has none, and for an existing customer only mails
    /// a set-password link to that customer's own address: the operator never sets, sees or changes a password, and
    /// never names a role. An address of an operator or admin is refused.
    /// - Parameters:
    ///   - name: the customer's name for a new account (one line, at most 200 characters); an existing account
    ///     keeps its own.
    ///   - operator: who invites; the mail names them, and the per-operator limit counts them.
    ///   - language: the mail's language (`en` or `ru`).
    /// - Throws: ``InviteRefusal``, or the store's errors.
    public func invite(email: EmailAddress, name: String?, by inviter: OperatorAccount, language: String)
        async throws
    {
        let date = now()
        let settings = settings
        let link = SecretToken.make()
        let name = name.map { String(Self.singleLine($0).prefix(200)) }.flatMap { $0.isEmpty ? nil : $0 }
        let mailKey = "mail:" + email.rawValue.lowercased()
        let inviterKey = "invite:operator:\(inviter.id.rawValue)"
        try await store.write { tx in
            if try tx.operatorAccount(address: email.rawValue) != nil { throw InviteRefusal.staffAddress }
            // The same key the signed-out forms use: an address gets at most one account mail per interval.
            guard try tx.failedSignIns(key: mailKey, since: date.addingTimeInterval(-Self.accountMailInterval)) == 0,
                try tx.failedSignIns(key: inviterKey, since: date.addingTimeInterval(-settings.limit.window))
                    < Self.invitesPerWindow
            else { throw InviteRefusal.tooSoon }
            let id: CustomerID
            if let existing = try tx.customerAccount(address: email.rawValue) {
                guard !existing.isDisabled else { throw InviteRefusal.disabledAccount }
                id = existing.id
            } else if case .customer(let added) = try tx.addUser(
                NewUser(role: .customer, address: email, name: name), at: date)
            {
                id = added.id
            } else {
                throw InviteRefusal.staffAddress
            }
            try tx.recordSignIn(
                keys: [mailKey, inviterKey], succeeded: false, at: date,
                forgetBefore: date.addingTimeInterval(-max(settings.limit.window, Self.accountMailInterval)))
            try Self.mail(
                template: "account_invite", link: "/password/\(link)", purpose: .setPassword, to: .customer(id),
                token: link, lifetime: settings.inviteLinkLifetime, language: language, settings: settings, at: date,
                actorName: inviter.displayName, in: tx)
        }
    }
}
