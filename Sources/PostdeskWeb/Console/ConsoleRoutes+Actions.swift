import Foundation
import Hummingbird
import PostdeskCore
import PostdeskWorkflow

/// `POST /console/tickets/N/<action>`: each console form, turned into a ``ConsoleAction`` and performed through
/// ``ConsoleWorkflow`` (the same core as an operator's mail). ``WebSessionMiddleware`` has refused any POST without
/// its CSRF token before this runs (the form's hidden field, or the `X-CSRF-Token` header). Success answers 303 back to the page
/// with a flash message; a refusal shows the page with the reason (422), or the same 404 as a missing ticket.
extension ConsoleRoutes {
    func registerActions(on router: Router<PortalRequestContext>) {
        router.post("/console/tickets/:number/:action") { request, context in
            _ = try context.require([.operator, .admin])
            let text = context.parameters.get("number") ?? ""
            let name = context.parameters.get("action") ?? ""
            guard let account = try await signedInOperator(context), let actions, let number = Self.number(text),
                Self.actionNames.contains(name)
            else { return notFound(context).asResponse }
            // The session middleware has read the body (urlencoded or multipart) while checking the CSRF token.
            let fields = context.form
            let files = context.files["files"] ?? []
            do {
                let action = try Self.action(name, fields: fields, files: files, me: account.id)
                _ = try await actions.console.perform(action, on: number, by: account.id, in: store)
            } catch let error as WebActionError {
                return try await refusedPage(number: text, account: account, context: context, error: error)
            }
            return Response(
                status: .seeOther,
                headers: [.location: "/console/tickets/\(number.rawValue)?done=\(name)", .cacheControl: "no-store"])
        }
    }

    static let actionNames: Set<String> = ["reply", "note", "assign", "status", "priority", "team", "tags", "time"]

    /// The page again with why the action was refused; nothing was written.
    func refusedPage(
        number: String, account: OperatorAccount, context: PortalRequestContext, error: WebActionError
    ) async throws -> Response {
        let tc = ConsoleStrings.of(context.language)
        let summary: String
        switch error.code {
        case .invalid, .formInvalid: summary = tc.errorInvalid
        case .tooManyFiles, .fileTooLarge: summary = tc.errorFiles
        default: summary = tc.errorRefused
        }
        let page = try await sessionPage(
            number: number, account: account, flash: nil, error: "\(summary) — \(error.message)", context: context,
            status: .unprocessableContent)
        return page.asResponse
    }

    /// The action a form asks for. Values are only typed here; the workflow checks them.
    /// - Throws: ``WebActionError`` (`invalid`) for a value that is not one of the choices.
    static func action(_ name: String, fields: [String: String], files: [Upload], me: OperatorID) throws
        -> ConsoleAction
    {
        let value = { (key: String) in (fields[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        switch name {
        case "reply": return .reply(text: fields["text"] ?? "", files: files)
        case "note": return .note(text: fields["text"] ?? "", files: files)
        case "assign":
            switch value("assignee") {
            case "me": return .assign(me)
            case "", "team", "nobody": return .assign(nil)
            case let id:
                guard let number = Self.number(id) else {
                    throw WebActionError(code: .invalid, message: "choose an operator from the list")
                }
                return .assign(OperatorID(number.rawValue))
            }
        case "status":
            guard let status = TicketStatus(rawValue: value("status")) else {
                throw WebActionError(code: .invalid, message: "choose a status from the list")
            }
            return .status(status)
        case "priority":
            guard let priority = TicketPriority(rawValue: value("priority")) else {
                throw WebActionError(code: .invalid, message: "choose a priority from the list")
            }
            return .priority(priority)
        case "team":
            guard !value("team").isEmpty else { throw WebActionError(code: .invalid, message: "choose a team") }
            return .team(value("team"))
        case "tags":
            let words = { (key: String) in
                value(key).split(whereSeparator: { $0 == " " || $0 == "," || $0.isNewline }).map(String.init)
            }
            let add = words("add")
            let remove = words("remove")
            guard !add.isEmpty || !remove.isEmpty else {
                throw WebActionError(code: .invalid, message: "name a tag to add or remove")
            }
            return .tags(add: add, remove: remove)
        case "time":
            let date = value("date")
            return .time(duration: value("duration"), workType: value("work_type"), date: date.isEmpty ? nil : date)
        default: throw WebActionError(code: .notFound, message: "no such action")
        }
    }
}
