import Mustache
import PostdeskWorkflow
import Testing

@testable import PostdeskGateway

/// The template views answer `{{name}}` through `MustacheParent` exactly as `Mirror` would, field for field.
@Suite struct MailRendererViewTests {
    static let full = MailRenderer.View(
        ticketNumber: 42, hasTicket: true, subject: "subject", customerName: "customerName",
        customerAddress: "customerAddress", portalURL: "portalURL", consoleURL: "consoleURL", body: "body",
        actorName: "actorName", reason: "reason", status: "status", priority: "priority", team: "team",
        assigneeName: "assigneeName",
        conversation: [ConversationEntry(author: "a", authorKind: "customer", isInternal: true, text: "t", at: "at")],
        refusals: [CommandRefusal(line: "line", reason: "why")], mailboxName: "mailboxName", portalHome: "portalHome",
        accountURL: "accountURL", login: "login", generatedPassword: "generatedPassword", paragraphs: ["p1", "p2"],
        inlineImages: [MailRenderer.InlineImage(contentID: "cid", filename: "f.png")])

    static let empty = MailRenderer.View(
        ticketNumber: 0, hasTicket: false, subject: "", customerName: nil, customerAddress: nil, portalURL: nil,
        consoleURL: "", body: nil, actorName: nil, reason: nil, status: nil, priority: nil, team: nil,
        assigneeName: nil, conversation: [], refusals: [], mailboxName: "", portalHome: "", accountURL: nil,
        login: nil, generatedPassword: nil, paragraphs: [], inlineImages: [])

    /// Every field `Mirror` sees, with what `child(named:)` answers for it: both printed, Optionals unwrapped.
    static func mismatches(_ value: any MustacheParent) -> [String] {
        Mirror(reflecting: value).children.compactMap { label, mirrored in
            guard let label else { return "unlabelled field" }
            let unwrapped: Any? = {
                let mirror = Mirror(reflecting: mirrored)
                guard mirror.displayStyle == .optional else { return mirrored }
                return mirror.children.first?.value
            }()
            let answered = value.child(named: label)
            let same =
                switch (answered, unwrapped) {
                case (nil, nil): true
                case (let a?, let b?): String(describing: a) == String(describing: b) && type(of: a) == type(of: b)
                default: false
                }
            return same ? nil : label
        }
    }

    /// The values checked, by name (test arguments must be `Sendable`; the views are not).
    static func value(_ name: String) -> any MustacheParent {
        switch name {
        case "full view": full
        case "empty view": empty
        case "inline image": MailRenderer.InlineImage(contentID: "c", filename: "f")
        case "conversation entry":
            ConversationEntry(author: "a", authorKind: "k", isInternal: false, text: "t", at: "x")
        default: CommandRefusal(line: "l", reason: "r")
        }
    }

    @Test(
        "every field answers by name, as Mirror would",
        arguments: ["full view", "empty view", "inline image", "conversation entry", "refusal"])
    func fieldsMatchMirror(name: String) {
        // Given a view, When each of its fields is asked for by name, Then it is the value Mirror finds (nil for nil)
        #expect(Self.mismatches(Self.value(name)) == [], "\(name)")
    }

    @Test("a name that is no field answers nil, so the template looks further up the context stack")
    func unknownName() {
        #expect(Self.full.child(named: "password") == nil)
        #expect(Self.full.child(named: "") == nil)
        #expect(Self.empty.child(named: "customerName") == nil)
    }
}
