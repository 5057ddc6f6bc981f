public import Mustache
public import PostdeskWorkflow

// Without these, swift-mustache finds every `{{name}}` through `Mirror`: it reflects all of a value's fields (type
// metadata looked up by mangled name, each field boxed) to pick one, for every tag and every level of the context
// stack. That was a quarter of the CPU of sending a mail. A `switch` over the names answers the same values.
// `MailRendererViewTests` checks each case against `Mirror`, so a field added to a type and not here fails a test.

extension MailRenderer.View: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "ticketNumber": ticketNumber
        case "hasTicket": hasTicket
        case "subject": subject
        case "customerName": customerName
        case "customerAddress": customerAddress
        case "portalURL": portalURL
        case "consoleURL": consoleURL
        case "body": body
        case "actorName": actorName
        case "reason": reason
        case "status": status
        case "priority": priority
        case "team": team
        case "assigneeName": assigneeName
        case "conversation": conversation
        case "refusals": refusals
        case "mailboxName": mailboxName
        case "portalHome": portalHome
        case "accountURL": accountURL
        case "login": login
        case "generatedPassword": generatedPassword
        case "paragraphs": paragraphs
        case "inlineImages": inlineImages
        default: nil
        }
    }
}

extension MailRenderer.InlineImage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "contentID": contentID
        case "filename": filename
        default: nil
        }
    }
}

extension ConversationEntry: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "author": author
        case "authorKind": authorKind
        case "isInternal": isInternal
        case "text": text
        case "at": at
        default: nil
        }
    }
}

extension CommandRefusal: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "line": line
        case "reason": reason
        default: nil
        }
    }
}
