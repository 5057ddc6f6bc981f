/// One support mailbox (`support@`, `sales@`) as the workflow and the outbox see it: no server settings, only what
/// decides how its mail is read and answered.
public struct MailboxProfile: Sendable, Hashable, Codable {
    /// The configured name, stored on each ticket (`support`, `sales`). Stable: renaming it orphans no ticket only
    /// if the old name stays configured.
    public var name: String
    /// From and Reply-To base of every mail about its tickets.
    public var address: EmailAddress
    /// The display name of its mail (`Support`); a relayed operator reply uses the operator's name instead.
    public var displayName: String
    /// The team new tickets of this mailbox go to; nil: no team (every operator hears of them).
    public var defaultTeam: String?
    /// The language of automatic mail when the customer's cannot be told (`en`).
    public var defaultLanguage: String
    /// The receiving server's authserv-id: only `Authentication-Results` fields it added are believed (RFC 8601
    /// §5: anything else may have been written by the sender). Nil: no such field is read at all.
    public var authservID: String?
    /// The admin vouches that the receiving server takes mail with an envelope sender of its own domain only after
    /// SMTP AUTH as that sender (Postfix `reject_sender_login_mismatch`): then a mail whose `Return-Path` equals its
    /// From proves its sender, as a DMARC pass would.
    public var trustsSenderCheck: Bool
    /// New tickets of this mailbox get an automatic acknowledgement (`acknowledge: false` for a mailbox whose
    /// senders need none, such as an internal one).
    public var acknowledges: Bool
    /// The template of this mailbox's acknowledgement under `MailTemplates/`.
    public var acknowledgementTemplate: String

    public init(
        name: String, address: EmailAddress, displayName: String, defaultTeam: String? = nil,
        defaultLanguage: String = "en", authservID: String? = nil, trustsSenderCheck: Bool = false,
        acknowledges: Bool = true, acknowledgementTemplate: String = "ticket_created"
    ) {
        self.acknowledgementTemplate = acknowledgementTemplate
        self.name = name
        self.address = address
        self.displayName = displayName
        self.defaultTeam = defaultTeam
        self.defaultLanguage = defaultLanguage
        self.authservID = authservID
        self.trustsSenderCheck = trustsSenderCheck
        self.acknowledges = acknowledges
    }
}
