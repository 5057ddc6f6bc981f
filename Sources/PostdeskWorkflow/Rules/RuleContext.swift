import Foundation
import PostdeskCore

/// Who and what caused the events a rule run handles: what notifications show and what conditions read.
struct RuleContext {
    /// The operator whose action it was; never told of it.
    var actor: OperatorID?
    /// Shown as "who" in notifications.
    var actorName: String?
    /// The message shown in notifications.
    var body: String?
    /// What `text:` conditions read: what the sender wrote now.
    var text: String?
    var language: String
    /// The change came from automatic mail (an out-of-office, a bounce): rules run, but no automatic mail answers it.
    var automaticReason: String?
    /// The mail came from an address not (yet) confirmed on the ticket. Anyone who saw a Message-ID can write such
    /// a mail: rules may tell operators about it, but it changes nothing and mails no one outside.
    var fromOutsider = false
}

extension RuleContext {
    /// A change no person made (a timer, an SLA clock, an operator going away): nobody is spared its notifications
    /// and no message text is read.
    static func system(_ actorName: String, body: String? = nil) -> RuleContext {
        RuleContext(actor: nil, actorName: actorName, body: body, text: nil, language: "en", automaticReason: nil)
    }
}
