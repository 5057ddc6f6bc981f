public import PostdeskCore

/// One operator to notify, with the template and every reason they are told (one mail per change, however many
/// reasons). The rule runner gathers them from the rules' `notify` actions.
public struct Notification: Sendable, Equatable {
    public var recipient: OperatorAccount
    /// The template under `MailTemplates/`.
    public var template: String
    public var reasons: [String]
}
